"""Editorial state shared by every publishable model: draft → in review → published → archived.

`PublishableQuerySet.published()` is the one place that decides what the public may see: public
views, the API, feeds and sitemaps all start from it. A future `publish_at` simply is not visible
yet; no cron job is needed.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.versions import Versioned


class EditorialStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


# Statuses an Editor (without the model's "publish" permission) may set.
EDITOR_STATUSES = (EditorialStatus.DRAFT, EditorialStatus.REVIEW)


def published_q(prefix: str = "") -> models.Q:
    """The visibility rule as a Q, optionally through a relation (`prefix="event__"`)."""
    return models.Q(**{f"{prefix}editorial_status": EditorialStatus.PUBLISHED}) & (
        models.Q(**{f"{prefix}publish_at__isnull": True})
        | models.Q(**{f"{prefix}publish_at__lte": timezone.now()})
    )


class PublishableQuerySet(models.QuerySet):
    def published(self) -> PublishableQuerySet:
        """Rows the public may see: published, and publish-at (if any) has passed."""
        return self.filter(published_q())

    def visible_to(self, user: Any) -> PublishableQuerySet:
        """Everything for staff (preview), only published rows for everyone else."""
        if getattr(user, "is_staff", False):
            return self.all()
        return self.published()


class Publishable(Versioned):
    """Abstract base: editorial status, scheduled publishing, timestamps and a version."""

    editorial_status = models.CharField(
        _("editorial status"),
        max_length=10,
        choices=EditorialStatus.choices,
        default=EditorialStatus.DRAFT,
        db_index=True,
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to publish at once; a future time keeps it hidden until then."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def dependency_paths(cls) -> list[tuple[type[Publishable], str]]:
        """What a published record of this model shows that must be public too.

        (model, lookup from that model back to this one) pairs, read by core.publishing.
        """
        return []

    @property
    def is_public(self) -> bool:
        return self.editorial_status == EditorialStatus.PUBLISHED and (
            self.publish_at is None or self.publish_at <= timezone.now()
        )


def publish_permission(model: type[models.Model]) -> str:
    """The "app.publish_model" permission that allows publishing and archiving."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def user_can_publish(user: Any, model: type[models.Model]) -> bool:
    return bool(user and user.has_perm(publish_permission(model)))
