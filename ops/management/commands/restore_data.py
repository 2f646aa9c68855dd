"""`manage.py restore_data FILE`: load a `backup_data` file into a freshly migrated database."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from core.fixtures import loading_fixtures
from events.models import Event, Source
from issues.models import Issue
from ops.statistics import update_statistics
from people.models import Person


class Command(BaseCommand):
    help = (
        "Load a backup_data file into this database (SQLite or PostgreSQL), which must be "
        "migrated and hold no content yet. Every row comes back as it was, history included."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        using = options["database"]
        for model in (Event, Person, Source, Issue):
            if model._default_manager.using(using).exists():
                raise CommandError(
                    f"The database already holds {model._meta.verbose_name_plural}: restore "
                    "into a new, migrated database (or empty this one with `flush`)."
                )
        # One transaction (loaddata's own); receivers that record edits stand aside.
        with loading_fixtures():
            call_command("loaddata", options["path"], database=using, verbosity=0)
        call_command("rebuild_search_index", database=using, verbosity=0)
        update_statistics(using)
        cache.clear()  # pages and the content version of what was there before
        self.stdout.write(self.style.SUCCESS(f"Restored {options['path']}."))
