"""Rebuild the search index from every indexed row (after bulk loads that send no signals)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from search.index import rebuild


class Command(BaseCommand):
    help = "Index every event, person, issue and statement again (run after bulk loads)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = rebuild(options["database"])
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(f"Search index rebuilt: {summary}.")
