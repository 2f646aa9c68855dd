"""Bulk inserts that skip model instances, for generated data at the scale of 100,000 rows.

`bulk_create` builds a model instance per row and prepares every value through its field; at
this scale that is most of the time. These helpers take rows of database-ready values instead.
"""

from __future__ import annotations

from django.core.management.color import no_style
from django.db import connection, models

BATCH = 20_000


def next_id(model: type[models.Model]) -> int:
    """The first id after every existing row, for rows inserted with explicit ids."""
    return (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1


def fast_insert(model: type[models.Model], columns: list[str], rows: list[tuple]) -> None:
    """INSERT rows of already database-ready values with executemany, in batches."""
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":  # COPY: an order of magnitude faster than INSERTs
        copy_sql = "COPY {} ({}) FROM STDIN".format(
            quote(model._meta.db_table), ", ".join(quote(c) for c in columns)
        )
        with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(row)
        return
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def reset_sequences(model_list: list[type[models.Model]]) -> None:
    """Explicit ids were inserted: move PostgreSQL's id sequences past them."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), model_list):
            cursor.execute(sql)
