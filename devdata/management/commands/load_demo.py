"""`manage.py load_demo`: load the South Korea–China demo dataset (safe to run again)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from devdata.demo.loader import load_demo
from search.index import rebuild as rebuild_search_index


class Command(BaseCommand):
    help = "Load or update the demo dataset: people, sources, events, statements and issues."

    def handle(self, *args: Any, **options: Any) -> None:
        loader = load_demo()
        # Saves index themselves; a rebuild also covers rows written before the index existed.
        rebuild_search_index()
        self.stdout.write(loader.summary())
