"""Signal receivers used only to invalidate the public page cache when content changes."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from simple_history.models import HistoricalChanges

from core.content import is_content
from core.web.cache import bump_content_version, bump_epoch, bump_tags, content_tag, record_loaded

# A row with more neighbours than this (an issue discussed at 19,000 events) moves the epoch
# instead: one write, every scoped page re-rendered, rather than thousands of tags written.
MAX_NEIGHBOURS = 500


class TooMany(Exception):
    pass


def neighbour_tags(instance: models.Model) -> set[str]:
    """The row's own tag and those of every content row one relation away from it, and two
    away through a linking row (an event's participants through its participations)."""
    model = type(instance)
    tags = {content_tag(model, instance.pk)}
    for field in model._meta.get_fields():
        related = field.related_model
        if not field.is_relation or related is None or not is_content(related):
            continue
        if issubclass(related, HistoricalChanges):
            continue
        if field.concrete and (field.many_to_one or field.one_to_one):
            value = getattr(instance, field.attname)
            if value is not None:
                tags.add(content_tag(related, value))
        elif field.many_to_many:
            accessor = field.name if field.concrete else field.get_accessor_name()
            ids = list(
                getattr(instance, accessor).values_list("pk", flat=True)[: MAX_NEIGHBOURS + 1]
            )
            if len(ids) > MAX_NEIGHBOURS:
                raise TooMany
            tags.update(content_tag(related, pk) for pk in ids)
        elif field.one_to_many or (field.one_to_one and not field.concrete):
            others = [
                f
                for f in related._meta.concrete_fields
                if f.is_relation
                and f.many_to_one
                and f is not field.field
                and is_content(f.related_model)
            ]
            rows = list(
                related._default_manager.filter(**{field.field.name: instance.pk})
                .order_by()
                .values_list("pk", *[f.attname for f in others])[: MAX_NEIGHBOURS + 1]
            )
            if len(rows) > MAX_NEIGHBOURS:
                raise TooMany
            for pk, *ends in rows:
                tags.add(content_tag(related, pk))
                for f, end in zip(others, ends, strict=True):
                    if end is not None:
                        tags.add(content_tag(f.related_model, end))
    return tags


def _invalidate(compute: Any) -> None:
    """Now, and again once the transaction commits: a page rendered in between read the old
    rows, and must not survive the commit."""

    def run() -> None:
        try:
            tags = compute()
        except TooMany:
            bump_epoch()
        else:
            if tags is None:
                bump_epoch()
            else:
                bump_tags(tags)

    run()
    transaction.on_commit(run)


def content_changed(sender: type, **kwargs: Any) -> None:
    """Any save, delete or relation change of content makes the list pages stale, and the
    scoped pages of what the change touches."""
    if not is_content(sender):
        return
    instance = kwargs.get("instance")
    bump_content_version(instance)
    transaction.on_commit(lambda: bump_content_version(instance))
    if issubclass(sender, HistoricalChanges) or instance is None:
        return
    if kwargs.get("signal") is post_delete:
        # The deleted row's neighbours are gone with it (cascades): start every scoped page afresh.
        _invalidate(lambda: None)
    elif kwargs.get("signal") is m2m_changed:
        action, pk_set = kwargs.get("action"), kwargs.get("pk_set")
        if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
            return
        if action == "pre_clear" or pk_set is None:
            _invalidate(lambda: None)
            return
        other = kwargs["model"]
        _invalidate(
            lambda: (
                {content_tag(type(instance), instance.pk)}
                | {content_tag(other, pk) for pk in pk_set}
            )
        )
    else:
        _invalidate(lambda: neighbour_tags(instance))


def connect_cache_signals() -> None:
    """Listen to every save, delete and relation change; `content_changed` keeps the content's.

    Content apps register themselves with core.content after core is ready, so the receivers ask
    the registry at each signal rather than being connected model by model.
    """
    post_save.connect(content_changed, dispatch_uid="content-changed-save")
    post_delete.connect(content_changed, dispatch_uid="content-changed-delete")
    m2m_changed.connect(content_changed, dispatch_uid="content-changed-m2m")
    post_init.connect(record_loaded, dispatch_uid="content-loaded")
