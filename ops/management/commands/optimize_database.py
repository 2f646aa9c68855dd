"""Refresh the query planner's statistics; safe to run at any time, e.g. daily from cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DEFAULT_DB_ALIAS

from ops.statistics import update_statistics


class Command(BaseCommand):
    help = (
        "Update the database's statistics for the query planner (SQLite: ANALYZE, or PRAGMA "
        "optimize with --quick; PostgreSQL: ANALYZE). Run daily and after bulk loads."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--quick",
            action="store_true",
            help="SQLite: PRAGMA optimize (analyses only the tables that need it).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        update_statistics(options["database"], full=not options["quick"])
        self.stdout.write(self.style.SUCCESS("Statistics updated."))
