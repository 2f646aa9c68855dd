"""Child rows: the records that belong to a publishable record, and which record that is.

Participants, citations, statements, positions, other names, identifiers, stances and
developments are rows of an event, a person or an issue. Their parent is found from the model
alone, without naming any app: the first foreign key that cascades (a participation's event, a
citation's fact, a position's person, a stance's issue), else the first one set that is cleared on
delete (a statement's event), else the first one set at all (a statement without an event: its
speaker). A row of a row (a statement's citation) follows its row up to the publishable record.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from core.editorial import EditorialStatus, Publishable, user_can_publish

# Which foreign keys name the parent first: a cascade is ownership, SET_NULL a looser belonging.
_PARENT_ORDER = (models.CASCADE, models.SET_NULL, models.PROTECT)


def parent_fields(model: type[models.Model]) -> list[models.ForeignKey]:
    """The foreign keys that may name a row's parent, most telling first."""
    keys = [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]
    ordered = []
    for on_delete in _PARENT_ORDER:
        ordered += [f for f in keys if f.remote_field.on_delete is on_delete]
    return ordered


def is_child_model(model: type[models.Model]) -> bool:
    """Whether rows of `model` belong to a publishable record (and are edited as its rows)."""
    if issubclass(model, Publishable):
        return False
    return any(
        issubclass(f.related_model, Publishable) or is_child_model(f.related_model)
        for f in parent_fields(model)
        if f.related_model is not model
    )


def editorial_parent(obj: models.Model | None) -> Publishable | None:
    """The publishable record `obj` belongs to (`obj` itself when it is publishable)."""
    seen = 0
    while obj is not None and not isinstance(obj, Publishable) and seen < 5:
        seen += 1
        obj = next(
            (getattr(obj, f.name) for f in parent_fields(type(obj)) if getattr(obj, f.attname)),
            None,
        )
    return obj if isinstance(obj, Publishable) else None


def is_live(obj: Publishable) -> bool:
    """Published (or scheduled to be): what an Editor changes there waits for a Publisher."""
    return obj.editorial_status == EditorialStatus.PUBLISHED


def user_may_delete_row(user: Any, row_or_parent: models.Model | None) -> bool:
    """Whether `user`, holding the row model's delete permission, may delete a row of this parent.

    Editors delete rows of records that are not live; a live record's rows are a Publisher's.
    """
    parent = editorial_parent(row_or_parent)
    if parent is None or not is_live(parent):
        return True
    return user_can_publish(user, type(parent))
