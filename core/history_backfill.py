"""Giving rows that existed before their model kept a history a first history record.

Used by the migrations that added a history to citations, identifiers and an issue's related
issues. A row that existed then is taken to have always been there: its first record is dated at
the epoch, so comparing an item's older revisions shows it unchanged and reverting to one keeps it
(as before, when such rows were left out), while every later change is recorded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
REASON = "History begins (the row existed before)"
BATCH = 1000


def begin_history(apps: Any, schema_editor: Any, app_label: str, *model_names: str) -> None:
    """One "+" record at the epoch for each existing row of each model."""
    alias = schema_editor.connection.alias
    for name in model_names:
        model = apps.get_model(app_label, name)
        historical = apps.get_model(app_label, f"Historical{name}")
        fields = [f.attname for f in model._meta.concrete_fields]
        rows = (
            historical(
                **{field: getattr(row, field) for field in fields},
                history_date=EPOCH,
                history_type="+",
                history_change_reason=REASON,
            )
            for row in model._default_manager.using(alias).order_by("pk").iterator()
        )
        batch: list[Any] = []
        for record in rows:
            batch.append(record)
            if len(batch) >= BATCH:
                historical._default_manager.using(alias).bulk_create(batch)
                batch = []
        historical._default_manager.using(alias).bulk_create(batch)


def begin_m2m_history(
    apps: Any, schema_editor: Any, app_label: str, model_name: str, field_name: str
) -> None:
    """Each existing history record of the model gets the links the row has now (the best
    knowledge: before, they were not recorded)."""
    alias = schema_editor.connection.alias
    model = apps.get_model(app_label, model_name)
    through = model._meta.get_field(field_name).remote_field.through
    historical = apps.get_model(app_label, f"Historical{model_name}")
    links = apps.get_model(app_label, f"Historical{model_name}_{field_name}")
    source, target = (
        f.attname
        for f in through._meta.concrete_fields
        if f.is_relation and f.related_model is model
    )
    now: dict[Any, list[tuple[Any, Any]]] = {}
    for pk, from_id, to_id in through._default_manager.using(alias).values_list(
        "pk", source, target
    ):
        now.setdefault(from_id, []).append((pk, to_id))
    batch: list[Any] = []
    for history_id, row_id in (
        historical._default_manager.using(alias)
        .filter(id__in=list(now))
        .values_list("history_id", "id")
        .iterator()
    ):
        for pk, to_id in now[row_id]:
            batch.append(links(id=pk, history_id=history_id, **{source: row_id, target: to_id}))
    links._default_manager.using(alias).bulk_create(batch, batch_size=BATCH)
