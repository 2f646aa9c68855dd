"""`manage.py backup_data FILE`: every row of the database, for `restore_data` on any backend."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import DEFAULT_DB_ALIAS

# Rows `migrate` writes itself on the target (by natural key there, so ids may differ).
RECREATED_BY_MIGRATE = ["contenttypes", "auth.permission"]
# Derived from the content and rebuilt by restore_data: the full-text index.
DERIVED = ["search"]


class Command(BaseCommand):
    help = (
        "Write every row (content, history, journal, accounts, sessions) to FILE.jsonl or "
        "FILE.jsonl.gz, times to the microsecond; load it with restore_data on SQLite or "
        "PostgreSQL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Output file: backup.jsonl or backup.jsonl.gz")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        if not path.endswith((".jsonl", ".jsonl.gz", ".jsonl.bz2", ".jsonl.xz")):
            path += ".jsonl.gz"
        call_command(
            "dumpdata",
            format="jsonl",  # ops.serializers: Django's JSON Lines, microseconds kept
            natural_foreign=True,  # content types and permissions by name: ids differ
            exclude=RECREATED_BY_MIGRATE + DERIVED,
            database=options["database"],
            output=path,
            verbosity=0,
        )
        self.stdout.write(f"Wrote {path}.")
