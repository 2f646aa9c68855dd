"""Writing the search index: one object's row, a deletion, or the whole index rebuilt."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connections, models, transaction

from core.search import SEARCH_CONFIG, document_text
from search.documents import DOCUMENTS

WEIGHTS = ("A", "B", "C", "D")
CHUNK = 2000


def _row(obj: models.Model) -> list[Any]:
    function, _table, _prefetch = DOCUMENTS[type(obj)]
    document = function(obj)
    return [obj.pk, *(document_text(*document[weight]) for weight in WEIGHTS)]


def _insert_sql(vendor: str, table: str) -> str:
    if vendor == "sqlite":
        return f"INSERT INTO {table} (rowid, a, b, c, d) VALUES (%s, %s, %s, %s, %s)"
    vector = " || ".join(
        f"setweight(to_tsvector('{SEARCH_CONFIG}', %s), '{weight}')" for weight in WEIGHTS
    )
    return (
        f"INSERT INTO {table} (rowid, document) VALUES (%s, {vector}) "
        "ON CONFLICT (rowid) DO UPDATE SET document = EXCLUDED.document"
    )


def index_objects(model: type[models.Model], objects: Iterable[models.Model], using: str) -> None:
    """Write (or rewrite) the index rows of `objects`, all of `model`."""
    _function, table, _prefetch = DOCUMENTS[model]
    rows = [_row(obj) for obj in objects]
    if not rows:
        return
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # FTS5 has no upsert: the old row goes first.
            cursor.executemany(f"DELETE FROM {table} WHERE rowid = %s", [[r[0]] for r in rows])
        cursor.executemany(_insert_sql(connection.vendor, table), rows)


def unindex(model: type[models.Model], pk: Any, using: str) -> None:
    _function, table, _prefetch = DOCUMENTS[model]
    with connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE rowid = %s", [pk])


def rebuild(using: str = "default") -> dict[str, int]:
    """Empty every index table and index every row again (after bulk loads); row counts."""
    counts = {}
    with transaction.atomic(using=using):
        for model, (_function, table, prefetch) in DOCUMENTS.items():
            with connections[using].cursor() as cursor:
                cursor.execute(f"DELETE FROM {table}")
            queryset = model._default_manager.using(using).order_by("pk")
            if prefetch:
                queryset = queryset.prefetch_related(*prefetch)
            batch: list[models.Model] = []
            count = 0
            for obj in queryset.iterator(chunk_size=CHUNK):
                batch.append(obj)
                if len(batch) >= CHUNK:
                    index_objects(model, batch, using)
                    count += len(batch)
                    batch = []
            index_objects(model, batch, using)
            counts[model._meta.verbose_name_plural] = count + len(batch)
    if connections[using].vendor == "sqlite":
        with connections[using].cursor() as cursor:
            for _function, table, _prefetch in DOCUMENTS.values():
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    return counts
