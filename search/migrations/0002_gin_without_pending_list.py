"""PostgreSQL: the search indexes' GIN without a pending list (`fastupdate = off`).

With GIN's default fast update, new index entries wait in an unsorted pending list that every
search reads in full until VACUUM merges it. After a bulk load (generate_synthetic, a rebuild of
the index, a restore) the list held every row: a search for a word no event has took 17 ms
instead of 0.03 ms at 100,000 events, and the planner preferred a sequential scan. The site's
writes are editors' saves, one row at a time: writing each straight into the index costs them
little and keeps every search's cost on the index itself.
"""

from django.db import migrations

TABLES = ["search_event", "search_person", "search_issue", "search_statement"]


def fast_update(on: bool):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in TABLES:
            index = f"{table}_document_gin"
            schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = {'on' if on else 'off'})")
            if not on:  # what is already waiting is merged now
                schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index_tables")]

    operations = [migrations.RunPython(fast_update(False), fast_update(True))]
