"""`manage.py export_data`: write today's archive of all published content (see sync.export)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from sync.export import export_to_directory


class Command(BaseCommand):
    help = (
        "Write exports/relations-tracker-YYYY-MM-DD.zip: published content as JSON Lines and CSV."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=Path(settings.BASE_DIR) / "exports",
            help="Folder for the archive (default: exports/).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = export_to_directory(options["output_dir"])
        self.stdout.write(f"Wrote {path} ({path.stat().st_size:,} bytes).")
