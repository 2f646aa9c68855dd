"""Fill the database with synthetic, deterministic content for benchmarks and load tests.

`manage.py generate_synthetic --events 100000 --people 2000 --issues 200 --seed 1` writes with
bulk inserts (no per-row signals), then journals what it published in one pass so the changes
feed and the export see it, and updates the query planner's statistics (`optimize_database`).
The generator itself is `devdata.synthetic`.
"""

from __future__ import annotations

import random
import time
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from devdata.synthetic import PREFIX, Generator, clear
from events.models import Event
from search.index import rebuild as rebuild_search_index


class Command(BaseCommand):
    help = "Generate synthetic organizations, people, sources, events and issues (deterministic)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--events", type=int, default=1000)
        parser.add_argument("--people", type=int, default=500)
        parser.add_argument("--issues", type=int, default=50)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--draft-share", type=float, default=0.05, help="Share of rows left as drafts."
        )
        parser.add_argument(
            "--clear", action="store_true", help="Delete earlier synthetic content first."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if min(options["events"], options["people"], options["issues"]) < 0:
            raise CommandError("Counts cannot be negative.")
        if options["people"] < 2 and options["events"]:
            raise CommandError("Events need at least two people to take part in them.")
        started = time.perf_counter()
        with transaction.atomic():
            if options["clear"]:
                clear()
            elif Event.objects.filter(slug__startswith=f"{PREFIX}-").exists():
                raise CommandError("Synthetic content exists already: pass --clear to replace it.")
            counts = Generator(random.Random(options["seed"]), options["draft_share"]).run(
                events=options["events"], people=options["people"], issues=options["issues"]
            )
            # bulk_create sends no signals: the search index is written in one pass.
            rebuild_search_index()
        # A bulk load leaves SQLite's planner with the statistics of a near-empty database
        # (docs/operations.md: optimize_database after bulk loads): the export read events 2.3×
        # slower per row at 100,000 events without them. PostgreSQL: ANALYZE now, not when
        # autovacuum gets to it.
        call_command("optimize_database", verbosity=0, stdout=StringIO())
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(f"Generated {summary} in {elapsed:.1f} s.")
