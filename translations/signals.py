"""Receivers that record translation status on every save of a translatable model.

Like the change journal (sync.signals), this is bookkeeping that must see every write — admin
forms, inline rows, reverts, approved revisions, load_demo — and that no domain rule depends on.
An Editor's save of a published item runs inside a savepoint that is rolled back (review.admin),
so its marks are rolled back with it and written when a Publisher approves the revision.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save

from core.translation_fields import registered
from translations.services import translations_forget, translations_record


def saved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata / restore_data: the marks come with the rows
        return
    translations_record(instance)


def deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    translations_forget(instance)


def connect() -> None:
    for model in registered():
        label = model._meta.label
        post_save.connect(saved, sender=model, dispatch_uid=f"translations-save-{label}")
        post_delete.connect(deleted, sender=model, dispatch_uid=f"translations-delete-{label}")
