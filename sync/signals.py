"""Receivers that keep the change journal (`sync.journal`) in step with every write.

STYLE.md keeps domain logic out of signals and allows them for cache invalidation. The journal is
the same kind of thing: infrastructure that must see *every* write — admin saves, inlines, cascade
deletes, services, shell sessions — and that no domain rule depends on. A service call would be
missed by any write path that forgot it; a receiver is not. `QuerySet.update()` and `bulk_create()`
send no signals: code using them on synced models calls `sync.journal` itself.
"""

from __future__ import annotations

from typing import Any

from django.core.signals import request_started
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from core.fixtures import is_loading_fixtures
from events.models import Source
from issues.models import Issue
from review.models import Correction
from sync.journal import (
    CHILD_PARENTS,
    DEPENDENTS,
    SYNCED_TYPES,
    dependents,
    forget_unread,
    journal_record,
    journal_record_correction,
    journal_record_parent,
)

# Many-to-many fields without a through model of ours: a change updates both ends.
M2M_FIELDS = (
    (Issue, "events"),
    (Issue, "related_issues"),
    (Source, "authors"),
)


def synced_saved(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    if not raw:  # fixtures load rows as they are; `loaddata` is not an edit
        journal_record(instance)


def synced_deleting(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    # Remember who depends on it while the links still exist (SET_NULL clears them on delete).
    instance._journal_dependents = [(type(d), d.pk) for d in dependents(instance)]


def synced_deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    journal_record(instance, deleted=True)
    for model, pk in getattr(instance, "_journal_dependents", ()):
        fresh = model._default_manager.filter(pk=pk).first()
        if fresh is not None:
            journal_record(fresh)


def child_changed(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    if not raw:
        journal_record_parent(instance)


def m2m_links_changed(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    model: type[models.Model],
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    if is_loading_fixtures():  # restoring a backup: its journal rows come with it
        return
    if action == "pre_clear":
        field_links = getattr(instance, "_journal_cleared", [])
        instance._journal_cleared = field_links + [
            (model, pk) for pk in _linked_pks(sender, instance, model)
        ]
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    journal_record(instance)
    others: list[tuple[type[models.Model], Any]] = [(model, pk) for pk in pk_set or ()]
    if action == "post_clear":
        others = getattr(instance, "_journal_cleared", [])
        instance._journal_cleared = []
    for other_model, pk in others:
        other = other_model._default_manager.filter(pk=pk).first()
        if other is not None:
            journal_record(other)


def _linked_pks(
    through: type[models.Model], instance: models.Model, model: type[models.Model]
) -> list[Any]:
    """Primary keys of `model` rows linked to `instance` through the auto-created table."""
    fields = [f for f in through._meta.fields if f.is_relation]
    source = next(f for f in fields if f.related_model is type(instance))
    target = (
        next(f for f in fields if f.related_model is model and f is not source)
        if (model is not type(instance))
        else next(f for f in fields if f is not source and not f.primary_key)
    )
    return list(
        through.objects.filter(**{source.name: instance}).values_list(target.attname, flat=True)
    )


def correction_saved(
    sender: type[models.Model], instance: Correction, raw: bool = False, **kwargs: Any
) -> None:
    if not raw:
        journal_record_correction(instance)


def connect() -> None:
    """Connect the receivers to the synced and child models (called from SyncConfig.ready)."""
    request_started.connect(forget_unread, dispatch_uid="journal-forget-unread")
    for model in SYNCED_TYPES:
        label = model._meta.label
        post_save.connect(synced_saved, sender=model, dispatch_uid=f"journal-save-{label}")
        post_delete.connect(synced_deleted, sender=model, dispatch_uid=f"journal-delete-{label}")
        if model in DEPENDENTS:
            pre_delete.connect(synced_deleting, sender=model, dispatch_uid=f"journal-pre-{label}")
    for model in CHILD_PARENTS:
        label = model._meta.label
        post_save.connect(child_changed, sender=model, dispatch_uid=f"journal-child-save-{label}")
        post_delete.connect(child_changed, sender=model, dispatch_uid=f"journal-child-del-{label}")
    post_save.connect(correction_saved, sender=Correction, dispatch_uid="journal-correction")
    for model, field in M2M_FIELDS:
        through = model._meta.get_field(field).remote_field.through
        m2m_changed.connect(
            m2m_links_changed,
            sender=through,
            dispatch_uid=f"journal-m2m-{model._meta.label}-{field}",
        )
