"""Statistics for the query planner.

SQLite never gathers statistics by itself: without them its planner picks indexes that suit a
near-empty database (a person page went from 339 ms to 43 ms at 100,000 events after one
ANALYZE). `ANALYZE` runs after every migrate and `manage.py optimize_database` keeps the figures
current (run it daily, or after a bulk load). PostgreSQL's autovacuum analyses by itself; the
command runs `ANALYZE` there too, for right after a bulk load.
"""

from __future__ import annotations

from typing import Any

from django.db import connections

# Rows sampled per index by SQLite's ANALYZE: approximate statistics, bounded time on big tables.
SQLITE_ANALYSIS_LIMIT = 1000


def update_statistics(using: str = "default", full: bool = True) -> None:
    """SQLite: ANALYZE (full) or PRAGMA optimize (cheap, periodic); PostgreSQL: GIN pending
    lists merged, then ANALYZE."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
            cursor.execute("ANALYZE" if full else "PRAGMA optimize")
        else:
            # Entries still waiting in a GIN index's pending list (an index created with fast
            # update on) are read in full by every search until merged: merge them first.
            cursor.execute(
                "SELECT gin_clean_pending_list(c.oid) FROM pg_class c"
                " JOIN pg_am am ON am.oid = c.relam"
                " WHERE am.amname = 'gin' AND c.relkind = 'i'"
                " AND c.relnamespace = current_schema()::regnamespace"
            )
            cursor.execute("ANALYZE")


def analyze_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """post_migrate: new tables and indexes get statistics at once (SQLite only)."""
    if connections[using].vendor == "sqlite":
        update_statistics(using, full=True)
