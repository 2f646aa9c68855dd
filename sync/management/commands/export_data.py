"""`manage.py export_data`: write today's archive of all published content (see sync.export)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sync.export import build_export, build_requested, export_dir


class Command(BaseCommand):
    help = (
        "Write exports/relations-tracker-YYYY-MM-DD.zip: published content as JSON Lines and CSV."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=None,
            help="Folder for the archive (default: settings.EXPORT_DIR, exports/).",
        )
        parser.add_argument(
            "--if-requested",
            action="store_true",
            help="Build only when /api/v1/export/ asked for a new archive (run it from cron "
            "every minute); otherwise do nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["output_dir"] or export_dir()
        if options["if_requested"] and not build_requested(directory):
            return
        path = build_export(directory)
        if path is None:
            self.stdout.write("Another build is running; nothing done.")
            return
        self.stdout.write(f"Wrote {path} ({path.stat().st_size:,} bytes).")
