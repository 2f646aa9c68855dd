"""`manage.py worker_status`: is a background worker alive, and how much work is waiting?

Exit status 0 when a worker beat within WORKER_HEARTBEAT_STALE_SECONDS, 1 otherwise — usable as a
container health check or by a process supervisor.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from ops import worker


class Command(BaseCommand):
    help = "Report whether a background worker is alive and how many tasks are waiting."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--json", action="store_true", help="Print the status as JSON.")

    def handle(self, *args, **options) -> None:
        state = worker.status()
        if options["json"]:
            self.stdout.write(json.dumps(state))
        else:
            for key, value in state.items():
                self.stdout.write(f"{key}: {value}")
        if not state["alive"]:
            raise CommandError("No worker heartbeat recently: start one with `manage.py run_huey`.")
