"""The change journal partners sync from (written by sync.journal, read by sync.changes)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ChangeLog(models.Model):
    """One change to a synced object, with the visibility state it had after the change.

    The row stores state, not a verdict: whether it is visible is decided when the feed is read
    (`state_published` and `publish_at` against the clock), so a scheduled publication becomes
    visible without anything being rewritten. `id` is the monotonic sync cursor.
    """

    object_type = models.CharField(_("type"), max_length=20)
    object_id = models.BigIntegerField(_("object id"))
    slug = models.CharField(_("slug"), max_length=160, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    deleted = models.BooleanField(_("deleted"), default=False)
    # Editorial status was "published" (for statements: speaker's and event's both were).
    state_published = models.BooleanField(_("published status"), default=False)
    # When the object becomes visible (the latest of the publish-at times it depends on).
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    # The state before this change was visible when the change was made ("updated", not
    # "published"); `ever_public`: it had been visible at some point, so hiding it now needs a
    # tombstone. A draft that was never visible is never reported: its slug could leak.
    was_visible = models.BooleanField(_("was visible"), default=False)
    ever_public = models.BooleanField(_("ever public"), default=False)
    # This change corrects a published fact (webhooks send it as "<type>.corrected").
    correction = models.ForeignKey(
        "review.Correction",
        verbose_name=_("correction"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        # The table keeps the name it had when the journal lived in `core`.
        db_table = "core_changelog"
        ordering = ["id"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        indexes = [
            models.Index(fields=["object_type", "object_id", "id"], name="changelog_object_idx"),
            models.Index(fields=["publish_at"], name="changelog_publish_at_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.object_type} {self.object_id}"

    def is_public_at(self, when: object) -> bool:
        """Whether the object, in the state this row records, is visible at `when`."""
        return (
            not self.deleted
            and self.state_published
            and (self.publish_at is None or self.publish_at <= when)
        )
