"""Create (or reset) the demo `editor` and `publisher` logins and print them.

Development only: demo passwords must never reach production, so the command refuses to run when
DEBUG is off unless `--force` is given.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from core.roles import EDITOR, PUBLISHER

# (username, group, env variable, default password)
DEMO_ACCOUNTS = [
    ("editor", EDITOR, "DEMO_EDITOR_PASSWORD", "editor-demo-2026"),
    ("publisher", PUBLISHER, "DEMO_PUBLISHER_PASSWORD", "publisher-demo-2026"),
]


class Command(BaseCommand):
    help = "Create or reset the demo editor and publisher accounts (development only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (never use demo passwords in production).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: refusing to create accounts with demo passwords. "
                "Use --force if you really mean it."
            )
        lines = []
        with transaction.atomic():
            for username, group_name, env_var, default in DEMO_ACCOUNTS:
                password = os.environ.get(env_var) or default
                self._reset_account(username, group_name, password)
                lines.append(
                    f"{group_name} login:".ljust(17)
                    + f"http://127.0.0.1:8000/admin/  user: {username}  password: {password}"
                )
        for line in lines:
            self.stdout.write(line)

    def _reset_account(self, username: str, group_name: str, password: str) -> None:
        try:
            group = Group.objects.get(name=group_name)
        except Group.DoesNotExist as exc:
            raise CommandError(
                f'Group "{group_name}" is missing: run `manage.py migrate`.'
            ) from exc
        user_model = get_user_model()
        user, _created = user_model.objects.get_or_create(username=username)
        user.is_staff = True
        user.is_active = True
        # Demo roles act through their group's permissions only, never as superusers.
        user.is_superuser = False
        if not user.email:
            user.email = f"{username}@example.org"
        user.set_password(password)
        user.save()
        user.groups.set([group])
