"""The review of Editors' changes to published items: submit, approve, return.

Every door that holds, approves or returns a revision calls these (the admin's change form,
revert, the review page). Side effects — the e-mails — run after the transaction commits
(`transaction.on_commit`), never inside it, and are sent by the background worker
(`review.tasks`), never in the request.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.editorial import EditorialStatus, user_can_publish
from core.publishing import check_dependencies, dependency_key, unpublished_dependencies
from review.changes import apply_changes, summary
from review.models import Correction, Revision, RevisionStatus


def holds_for_review(*, obj: models.Model, user: Any) -> bool:
    """Whether `user`'s change to `obj` waits for a Publisher: the item is published (live or
    scheduled) as stored, and `user` may not publish it."""
    if obj.pk is None or user_can_publish(user, type(obj)):
        return False
    stored = (
        type(obj)
        ._default_manager.filter(pk=obj.pk)
        .values_list("editorial_status", flat=True)
        .first()
    )
    return stored == EditorialStatus.PUBLISHED


def open_revision(obj: models.Model) -> Revision | None:
    """The item's revision waiting for review or for its editor, if any (at most one)."""
    return Revision.objects.for_object(obj).open().select_related("author", "reviewer").first()


def revision_submit(*, obj: models.Model, changes: dict[str, Any], author: Any) -> Revision:
    """Hold `changes` to `obj` for review; an earlier open revision of the item is superseded
    (the new one was made from the form that showed it, so it includes what is still wanted)."""
    with transaction.atomic():
        earlier = list(Revision.objects.for_object(obj).open().select_for_update())
        changes = _carry_over(changes, earlier)
        Revision.objects.filter(pk__in=[r.pk for r in earlier]).update(
            status=RevisionStatus.SUPERSEDED
        )
        revision = Revision.objects.create(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=obj.pk,
            object_repr=str(obj)[:300],
            changes=changes,
            summary=summary(type(obj), changes),
            author=author,
        )
        # A correction held with a revision the new one supersedes waits with the new one.
        Correction.objects.filter(revision__in=earlier, published_at__isnull=True).update(
            revision=revision
        )
        revision_id = revision.pk
        transaction.on_commit(lambda: _later("notify_publishers", revision_id))
    return revision


def _carry_over(changes: dict[str, Any], earlier: list[Revision]) -> dict[str, Any]:
    """Rows of child rows (a statement's citations) held in a revision the new one supersedes,
    which the item's form did not show again, are kept.

    The item's form shows the live rows of child rows (a statement's sources) and the pending
    ones of rows added in the revision (a new statement's sources): the latter come back with
    the form and are dropped here; the others are kept unless the new revision does the same
    to the same row (cites the same source for the same statement, deletes the same citation).
    """
    groups = [dict(g) for g in changes["children"]]
    for revision in earlier:
        added_rows = {
            (g["model"], entry.get("pk"))
            for g in revision.changes["children"]
            if not g.get("via")
            for entry in g["added"]
        }
        for old in revision.changes["children"]:
            if not old.get("via"):
                continue
            group = next(
                (g for g in groups if g["model"] == old["model"] and g.get("via") == old["via"]),
                None,
            )
            if group is None:
                group = {**old, "changed": [], "added": [], "deleted": []}
                groups.append(group)
            target = _row_target(old["model"], old["fk"])
            seen_added = {
                (e["row"].get(old["fk"]), _row_key(old["model"], e["row"], old["fk"]))
                for e in group["added"]
            }
            seen_pks = {e["pk"] for e in group["changed"] + group["deleted"]}
            for entry in old["added"]:
                key = (entry["row"].get(old["fk"]), _row_key(old["model"], entry["row"], old["fk"]))
                if (target, entry["row"].get(old["fk"])) in added_rows or key in seen_added:
                    continue
                group["added"] = [*group["added"], entry]
            for kind in ("changed", "deleted"):
                kept = [e for e in old[kind] if e["pk"] not in seen_pks]
                group[kind] = [*group[kind], *kept]
    groups = [g for g in groups if g["changed"] or g["added"] or g["deleted"]]
    return {**changes, "children": groups}


def _row_target(label: str, fk: str) -> str:
    """The model label a row of a child row points to through `fk` (a citation's statement)."""
    return apps.get_model(label)._meta.get_field(fk).related_model._meta.label_lower


def _row_key(label: str, row: dict[str, Any], fk: str) -> tuple:
    """Which row of a child row it is, beyond its foreign key: what else it points to (a
    citation's source)."""
    fields = apps.get_model(label)._meta.concrete_fields
    return tuple(
        str(row.get(f.name)) for f in fields if f.many_to_one and f.name != fk and f.name in row
    )


def correction_record(
    *, obj: models.Model, note: str, user: Any, revision: Revision | None = None
) -> Correction:
    """Mark a change to `obj` as a correction with a public `note`: public at once, or, when the
    change is held as `revision`, once a Publisher approves it (`revision_approve`)."""
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Write the public note: readers see it beside the item."))
    with transaction.atomic():
        if revision is not None:
            # One note per held change: saving the form again replaces it.
            Correction.objects.filter(revision=revision, published_at__isnull=True).delete()
        correction = Correction(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=obj.pk,
            object_repr=str(obj)[:300],
            note=note,
            author=user,
            revision=revision,
        )
        correction.full_clean()
        correction.save()
        if revision is None:
            correction_publish(correction=correction)
    return correction


def correction_publish(*, correction: Correction) -> Correction:
    """Make a correction public now (the journal marks the item's change with it)."""
    correction.published_at = timezone.now()
    correction.save(update_fields=["published_at"])
    return correction


def _check_publisher(revision: Revision, user: Any) -> type[models.Model]:
    model = revision.content_type.model_class()
    if model is None or not user_can_publish(user, model):
        raise PermissionDenied(_("Only publishers approve or return changes."))
    return model


def revision_approve(
    *, revision: Revision, user: Any, publish_with: Collection[str] = ()
) -> models.Model:
    """Make a pending revision live: applied in one transaction, one history entry.

    Raises `review.changes.RevisionConflict` (nothing applied) when the live item changed since,
    in a field or row the revision also changes, and `core.publishing.UnpublishedDependencies`
    (nothing applied) when the changes show records that are not public, unless named in
    `publish_with` (then published with them).
    """
    model = _check_publisher(revision, user)
    with transaction.atomic():
        locked = Revision.objects.select_for_update().get(pk=revision.pk)
        if locked.status != RevisionStatus.PENDING:
            raise ValidationError(_("These changes are no longer awaiting review."))
        reason = _("Approved changes by %(author)s") % {"author": locked.author.get_username()}
        # Ask only about what the changes add to what the live item already showed.
        live = locked.live_object()
        shown = unpublished_dependencies([live])[dependency_key(live)] if live else []
        obj = apply_changes(changes=locked.changes, model=model, user=user, reason=reason)
        check_dependencies(
            obj=obj,
            user=user,
            publish_with=publish_with,
            already={dependency_key(dep) for dep in shown},
        )
        locked.status = RevisionStatus.APPROVED
        locked.reviewer = user
        locked.reviewed_at = timezone.now()
        locked.object_repr = str(obj)[:300]
        locked.save(update_fields=["status", "reviewer", "reviewed_at", "object_repr"])
        for correction in locked.corrections.filter(published_at__isnull=True):
            correction_publish(correction=correction)
        revision_id = locked.pk
        transaction.on_commit(lambda: _later("notify_author", revision_id))
    revision.refresh_from_db()
    return obj


def revision_return(*, revision: Revision, user: Any, comment: str) -> Revision:
    """Send a pending revision back to its editor with a comment saying what to fix."""
    _check_publisher(revision, user)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Say what should change: the comment is what the editor sees."))
    with transaction.atomic():
        locked = Revision.objects.select_for_update().get(pk=revision.pk)
        if locked.status != RevisionStatus.PENDING:
            raise ValidationError(_("These changes are no longer awaiting review."))
        locked.status = RevisionStatus.RETURNED
        locked.reviewer = user
        locked.reviewed_at = timezone.now()
        locked.comment = comment
        locked.save(update_fields=["status", "reviewer", "reviewed_at", "comment"])
        revision_id = locked.pk
        transaction.on_commit(lambda: _later("notify_author", revision_id))
    revision.refresh_from_db()
    return locked


# E-mail ------------------------------------------------------------------------------------


def _admin_url(revision: Revision) -> str:
    path = reverse("admin:review_revision_change", args=[revision.pk])
    return settings.SITE_URL.rstrip("/") + path


def publishers_of(model: type[models.Model]) -> models.QuerySet:
    """Active users who may publish `model` and have an e-mail address."""
    permission = Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        codename=f"publish_{model._meta.model_name}",
    ).first()
    users = get_user_model()._default_manager.filter(is_active=True).exclude(email="")
    who = Q(is_superuser=True)
    if permission is not None:
        who |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    return users.filter(who).distinct()


def _later(task_name: str, revision_id: int) -> None:
    """Queue an e-mail task for the worker (imported here: review.tasks imports this module)."""
    from review import tasks

    getattr(tasks, task_name)(revision_id)


def _send(subject: str, body: str, recipients: list[str]) -> None:
    # A failure raises: the task queue retries it with backoff (the review itself is committed).
    if recipients:
        send_mail(subject, body, None, recipients)


def notify_publishers(revision_id: int) -> None:
    revision = Revision.objects.select_related("author", "content_type").get(pk=revision_id)
    model = revision.content_type.model_class()
    if model is None:
        return
    recipients = [u.email for u in publishers_of(model) if u.pk != revision.author_id]
    subject = _("Changes to review: %(item)s") % {"item": revision.object_repr}
    body = _(
        "%(author)s changed the published %(type)s “%(item)s”: %(summary)s.\n\n"
        "Readers still see the live version. Review the changes: %(url)s\n"
    ) % {
        "author": revision.author.get_username(),
        "type": model._meta.verbose_name,
        "item": revision.object_repr,
        "summary": revision.summary or _("no visible change"),
        "url": _admin_url(revision),
    }
    _send(subject, body, recipients)


def notify_author(revision_id: int) -> None:
    revision = Revision.objects.select_related("author", "reviewer").get(pk=revision_id)
    if not revision.author.email:
        return
    reviewer = revision.reviewer.get_username() if revision.reviewer else ""
    if revision.status == RevisionStatus.RETURNED:
        subject = _("Changes returned: %(item)s") % {"item": revision.object_repr}
        body = _(
            "%(reviewer)s returned your changes to “%(item)s” with this comment:\n\n%(comment)s\n\n"
            "Open the item to fix them and save again: %(url)s\n"
        ) % {
            "reviewer": reviewer,
            "item": revision.object_repr,
            "comment": revision.comment,
            "url": _admin_url(revision),
        }
    else:
        subject = _("Changes published: %(item)s") % {"item": revision.object_repr}
        body = _("%(reviewer)s approved your changes to “%(item)s”; they are live: %(url)s\n") % {
            "reviewer": reviewer,
            "item": revision.object_repr,
            "url": _admin_url(revision),
        }
    _send(subject, body, [revision.author.email])
