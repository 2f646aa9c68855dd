"""Pending revisions: an Editor's changes to a published item, held until a Publisher approves.

Learned from Wagtail's `RevisionMixin`/`DraftStateMixin` (the live row plus its latest revision),
kept simpler: the live rows stay the only content anyone reads, and a `Revision` holds the change
as data — for the item's fields and for its child rows (participants, statements, citations,
positions, other names, stances, developments: the item's inlines) — with the versions it was
based on, so approving it can tell whether the live item moved meanwhile (`review.changes`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from review.correctable import correctable_models


class RevisionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    RETURNED = "returned", _("Returned to the editor")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")


OPEN_STATUSES = (RevisionStatus.PENDING, RevisionStatus.RETURNED)


class RevisionQuerySet(models.QuerySet):
    def open(self) -> RevisionQuerySet:
        """Revisions still waiting: pending review or returned to their editor."""
        return self.filter(status__in=OPEN_STATUSES)

    def for_object(self, obj: models.Model) -> RevisionQuerySet:
        """Revisions of one item."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        )


class Revision(models.Model):
    """One Editor's change to a published item (and its child rows), as data, with its fate."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.BigIntegerField(_("object id"))
    object_repr = models.CharField(_("item"), max_length=300)
    # {"parent": {...}, "children": [...]}: see review.changes for the shape.
    changes = models.JSONField(_("changes"))
    summary = models.CharField(_("what changed"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RevisionStatus.choices,
        default=RevisionStatus.PENDING,
        db_index=True,
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_revisions",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        indexes = [
            models.Index(fields=["content_type", "object_id", "status"], name="revision_item_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RevisionStatus.values), name="revision_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.object_repr} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def live_object(self) -> models.Model | None:
        """The item as it is live now (None if it was deleted)."""
        model = self.content_type.model_class()
        if model is None:
            return None
        return model._default_manager.filter(pk=self.object_id).first()


class CorrectionQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> CorrectionQuerySet:
        """Corrections of one item."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        )

    def latest_note_of(self, model: type[models.Model]) -> dict[str, models.Subquery]:
        """Annotations giving each `model` row its latest public correction (note, date), to
        show it without a query of its own."""
        latest = self.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
            object_id=models.OuterRef("pk"),
            published_at__isnull=False,
        ).order_by("-published_at", "-id")
        return {
            "correction_note": models.Subquery(latest.values("note")[:1]),
            "correction_date": models.Subquery(latest.values("published_at")[:1]),
        }

    def public(self) -> CorrectionQuerySet:
        """Corrections readers may see: made public, of an item the public can see now."""
        visible = models.Q(pk__in=[])
        for model in correctable_models():
            # Joined by name, not by a ContentType lookup: no query of its own.
            visible |= models.Q(
                content_type__app_label=model._meta.app_label,
                content_type__model=model._meta.model_name,
                object_id__in=model.objects.published().values("pk"),
            )
        return self.filter(published_at__isnull=False).filter(visible)


class Correction(models.Model):
    """A change marked as correcting a published fact, with the note readers see.

    Public from `published_at` on: at once for a Publisher's own change, on approval for an
    Editor's change held as a pending `revision`. Never shown while its item is hidden.
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.BigIntegerField(_("object id"))
    object_repr = models.CharField(_("item"), max_length=300)
    note = models.TextField(_("public note"), max_length=1000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("revision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    published_at = models.DateTimeField(_("corrected on"), null=True, blank=True, db_index=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        indexes = [models.Index(fields=["content_type", "object_id"], name="correction_item_idx")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(note=""), name="correction_note_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.object_repr}: {self.note[:60]}"

    def item(self) -> models.Model | None:
        """The corrected item as it is live now (None if it was deleted)."""
        model = self.content_type.model_class()
        if model is None:
            return None
        return model._default_manager.filter(pk=self.object_id).first()
