"""What each translation was made from, so a later change to the English marks it outdated."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationStatus(models.TextChoices):
    MISSING = "missing", _("missing")
    OUTDATED = "outdated", _("outdated")
    DONE = "done", _("done")


class TranslationMark(models.Model):
    """One translatable field of one item in one language.

    For English (the source) it records a digest of the text and when that text last changed. For
    Korean and Chinese it records a digest of the English the translation was made from (or last
    reviewed against) and of the translation itself: the English changing since makes it outdated;
    the translation being edited, or marked reviewed, makes it current again.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=64)
    language = models.CharField(max_length=8)
    source_digest = models.CharField(max_length=64)
    translation_digest = models.CharField(max_length=64, blank=True)
    outdated = models.BooleanField(default=False)
    changed_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["content_type", "object_id", "field", "language"]
        verbose_name = _("translation mark")
        verbose_name_plural = _("translation marks")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translation_mark_unique",
            )
        ]
        indexes = [models.Index(fields=["content_type", "language", "outdated", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} {self.field} [{self.language}]"
