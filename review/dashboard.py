"""The admin home by role: what awaits review, what is scheduled, what each editor has open.

Every list costs a fixed number of queries whatever its length (one per publishable model, one
per revision list), so the admin home stays as fast with fifty items waiting as with five.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone

from core.content import content_models
from core.editorial import EditorialStatus, Publishable, published_q, user_can_publish
from review.models import Revision, RevisionStatus

LIMIT = 50  # rows per list; the revisions' own list has them all


def publishable_models() -> list[type[models.Model]]:
    return [m for m in content_models() if issubclass(m, Publishable)]


def is_publisher(user: Any) -> bool:
    return any(user_can_publish(user, m) for m in publishable_models())


def _item(obj: models.Model, when: Any, **extra: Any) -> dict[str, Any]:
    opts = obj._meta
    return {
        "name": str(obj),
        "type": opts.verbose_name,
        "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
        "when": when,
        **extra,
    }


def _revisions(queryset: models.QuerySet) -> list[dict[str, Any]]:
    rows = []
    for revision in queryset.select_related("author", "reviewer", "content_type")[:LIMIT]:
        ct = revision.content_type
        rows.append(
            {
                "revision": revision,
                "name": revision.object_repr,
                "type": ct.name,
                "review_url": reverse("admin:review_revision_change", args=[revision.pk]),
                "url": reverse(
                    f"admin:{ct.app_label}_{ct.model}_change", args=[revision.object_id]
                ),
            }
        )
    return rows


def publisher_dashboard() -> dict[str, Any]:
    now = timezone.now()
    scheduled, recent = [], []
    for model in publishable_models():
        related = [f.name for f in model._meta.concrete_fields if f.many_to_one and not f.null]
        base = model._default_manager.select_related(*related)
        for obj in base.filter(
            editorial_status=EditorialStatus.PUBLISHED, publish_at__gt=now
        ).order_by("publish_at")[:LIMIT]:
            scheduled.append(_item(obj, obj.publish_at))
        for obj in base.filter(published_q()).order_by("-updated_at")[:10]:
            recent.append(_item(obj, obj.updated_at))
    pending = Revision.objects.filter(status=RevisionStatus.PENDING).order_by("created_at", "id")
    return {
        "awaiting": _revisions(pending),
        "scheduled": sorted(scheduled, key=lambda i: i["when"])[:LIMIT],
        "recent": sorted(recent, key=lambda i: i["when"], reverse=True)[:10],
    }


def editor_dashboard(user: Any) -> dict[str, Any]:
    drafts = []
    for model in publishable_models():
        history = getattr(model, "history", None)
        if history is None:
            continue
        mine = history.filter(history_user=user).values("id")
        for obj in model._default_manager.filter(
            editorial_status__in=[EditorialStatus.DRAFT, EditorialStatus.REVIEW], pk__in=mine
        ).order_by("-updated_at")[:LIMIT]:
            drafts.append(_item(obj, obj.updated_at, status=obj.get_editorial_status_display()))
    own = Revision.objects.filter(author=user)
    return {
        "drafts": sorted(drafts, key=lambda i: i["when"], reverse=True)[:LIMIT],
        "pending": _revisions(own.filter(status=RevisionStatus.PENDING)),
        "returned": _revisions(own.filter(status=RevisionStatus.RETURNED)),
    }
