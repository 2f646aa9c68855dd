"""An item's revisions (django-simple-history) with their child rows: compared and restored.

The item's history record says what its own fields were, and its many-to-many links (a source's
authors, an issue's events and related issues: simple-history's `m2m_fields`, recorded with each
record); its child rows at that time are read from their own history (every child model keeps
one: participants, statements, positions, names, stances, developments, citations, identifiers)
as of the moment just before the item's next record — a save of the item's form writes the item
first and its rows just after.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from core.translation_fields import translatable_fields
from review.changes import ChildSpec, data_fields, load, m2m_fields, row_data, unpack


def record_m2m(record: Any) -> dict[str, list[Any]]:
    """{field name: sorted target pks} of the item's links as `record` recorded them (the links
    of a model whose history does not record them are left out)."""
    model = type(record).instance_type
    found = {}
    for field in m2m_fields(model):
        manager = getattr(record, field.name, None)
        if manager is None or not hasattr(manager, "values_list"):
            continue
        target = field.m2m_reverse_field_name()
        found[field.name] = sorted(manager.values_list(f"{target}_id", flat=True))
    return found


def history_specs(specs: list[ChildSpec]) -> list[tuple[type[models.Model], str]]:
    """The item's direct child models that keep a history."""
    return [
        (model, fk)
        for model, fk, via in map(unpack, specs)
        if via is None and hasattr(model, "history")
    ]


def moment_of(record: Any) -> dt.datetime | None:
    """When the item stopped being as `record` says (just before its next record); None: now."""
    later = (
        type(record)
        ._default_manager.filter(
            **{type(record).instance_type._meta.pk.attname: getattr(record, "id", None)},
            history_date__gt=record.history_date,
        )
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    return later - dt.timedelta(microseconds=1) if later is not None else None


def children_as_of(
    model: type[models.Model], fk: str, parent_pk: Any, when: dt.datetime | None
) -> list[models.Model]:
    if when is None:
        return list(model._default_manager.filter(**{fk: parent_pk}).order_by("pk"))
    records = (
        model.history.filter(history_date__lte=when, **{fk: parent_pk})
        .latest_of_each()
        .as_instances()
    )
    return sorted(records, key=lambda r: r.pk)


def record_snapshot(record: Any, specs: list[ChildSpec]) -> dict[str, Any]:
    """Like `review.changes.snapshot`, for the item as a history record shows it."""
    instance = record.instance
    when = moment_of(record)
    result: dict[str, Any] = {
        "pk": instance.pk,
        "version": getattr(instance, "version", None),
        "row": row_data(instance),
        "m2m": record_m2m(record),
        "children": {},
    }
    for model, fk in history_specs(specs):
        result["children"][model._meta.label_lower] = {
            str(row.pk): {
                "pk": row.pk,
                "version": getattr(row, "version", None),
                "row": row_data(row, skip=[fk]),
            }
            for row in children_as_of(model, fk, instance.pk, when)
        }
    return result


def restore_children(*, obj: models.Model, record: Any, specs: list[ChildSpec], user: Any) -> None:
    """Make the item's child rows what they were at `record` (as a revert does for its fields).

    Rows added since are deleted, rows changed since are changed back (each a compare-and-swap
    on the version read here), rows deleted since come back as new rows.
    """
    when = moment_of(record)
    if when is None:
        return
    for model, fk in history_specs(specs):
        then = {row.pk: row for row in children_as_of(model, fk, obj.pk, when)}
        now = {row.pk: row for row in model._default_manager.filter(**{fk: obj.pk})}
        for pk, row in now.items():
            if pk not in then:
                row._history_user = user
                row.delete()
        fk_field = model._meta.get_field(fk)
        for pk, old in then.items():
            wanted = row_data(old, skip=[fk])
            row = now.get(pk)
            if row is None:
                row = model()
                setattr(row, fk_field.attname, obj.pk)
            elif row_data(row, skip=[fk]) == wanted:
                continue
            # A translated field's own column is skipped: its language columns restore it.
            for field in data_fields(model, skip=[fk, *translatable_fields(model)]):
                setattr(row, field.attname, load(field, wanted.get(field.name)))
            row._history_user = user
            row.save()
