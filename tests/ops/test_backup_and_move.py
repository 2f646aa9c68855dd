"""Backup and move: every row survives SQLite → PostgreSQL → SQLite (and the same on either alone).

The data set is the demo data plus edits that leave history (a title edit, an issue linking an
event, a renamed person), saved at times with microseconds. It is backed up with `backup_data`,
restored with `restore_data` into a second, freshly migrated database — a temporary SQLite file —
and compared table by table, every column; then backed up from there and restored into the first
database, emptied, and compared again. When the suite runs on PostgreSQL (DATABASE_URL) the move
is PostgreSQL → SQLite → PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from events.models import Event
from issues.models import Issue
from people.models import Person
from sync.models import ChangeLog

pytestmark = pytest.mark.usefixtures("transactional_db")

OTHER = "moved"
# Rows a migration writes itself and the migration log: compared by content, not id.
BY_NATURAL_KEY = {
    "contenttypes.ContentType": ("app_label", "model"),
    "auth.Permission": ("content_type__app_label", "content_type__model", "codename"),
}
SKIPPED = {"migrations.Migration"}


@pytest.fixture
def other_database(tmp_path: Path) -> Iterator[str]:
    """A second database alias: a temporary SQLite file, migrated like a new installation."""
    settings = dict(connections["default"].settings_dict)
    settings.update(
        ENGINE="django.db.backends.sqlite3",
        NAME=str(tmp_path / "moved.sqlite3"),
        TEST={"NAME": str(tmp_path / "moved.sqlite3")},
        OPTIONS={},
        HOST="",
        PORT="",
        USER="",
        PASSWORD="",
    )
    if "sqlite" in connections["default"].vendor:
        settings["OPTIONS"] = dict(connections["default"].settings_dict.get("OPTIONS", {}))
    # Created as a connection of its own, not a configured alias: the test case would refuse
    # an alias it was not told about when it started.
    connections.settings[OTHER] = settings
    try:
        connection = connections.create_connection(OTHER)
    finally:
        del connections.settings[OTHER]
    connections[OTHER] = connection
    try:
        call_command("migrate", database=OTHER, verbosity=0)
        yield OTHER
    finally:
        connection.close()
        del connections[OTHER]


def rows(alias: str) -> dict[str, list[tuple]]:
    """Every row of every table, in a backend-independent form, keyed by model."""
    found: dict[str, list[tuple]] = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if label in SKIPPED or model._meta.proxy or not model._meta.managed:
            continue
        manager = model._base_manager.db_manager(alias)
        if label in BY_NATURAL_KEY:
            found[label] = sorted(manager.values_list(*BY_NATURAL_KEY[label]))
            continue
        columns = []
        for field in model._meta.concrete_fields:
            target = field.related_model._meta.label if field.is_relation else None
            if target in BY_NATURAL_KEY:  # migrate numbered them: compare what they name
                columns += [f"{field.name}__{part}" for part in BY_NATURAL_KEY[target]]
            else:
                columns.append(field.attname)
        if model._meta.auto_created:
            # A many-to-many link table of Django's: the links are the rows; loading sets them
            # through the relation, so their own surrogate ids are new.
            columns.remove(model._meta.pk.attname)  # (a link table's id is never a relation)
            found[label] = sorted(manager.values_list(*columns))
            continue
        found[label] = list(manager.order_by("pk").values_list(*columns))
    return found


def make_edits() -> None:
    """Edits with history, at times with microseconds."""
    event = Event.objects.order_by("pk").first()
    event.title = f"{event.title} (edited)"
    event.save()
    issue = Issue.objects.order_by("pk").first()
    issue.events.add(Event.objects.exclude(issues=issue).order_by("pk").first())
    person = Person.objects.order_by("pk").first()
    person.display_name = f"{person.display_name} Jr."
    person.save()
    Event.objects.filter(pk=event.pk).update(
        updated_at=dt.datetime(2026, 5, 4, 3, 2, 1, 123456, tzinfo=dt.UTC)
    )


def as_migrated(like: str) -> None:
    """Put back the rows the migrations wrote (the role groups and their permissions), as the
    freshly migrated `like` database holds them: a transactional test run before this one
    flushes them from the test database, which a real database never loses."""
    from django.contrib.auth.models import Group, Permission

    for group in Group.objects.using(like).prefetch_related("permissions__content_type"):
        here, _created = Group.objects.update_or_create(pk=group.pk, defaults={"name": group.name})
        here.permissions.set(
            [
                Permission.objects.get_by_natural_key(
                    p.codename, p.content_type.app_label, p.content_type.model
                )
                for p in group.permissions.all()
            ]
        )


def backup(alias: str, path: Path) -> None:
    call_command("backup_data", str(path), database=alias, stdout=io.StringIO())


def restore(alias: str, path: Path) -> None:
    call_command("restore_data", str(path), database=alias, stdout=io.StringIO())


def test_every_row_survives_a_move_to_the_other_database_and_back(other_database, tmp_path):
    as_migrated(other_database)
    call_command("load_demo", stdout=io.StringIO())
    make_edits()
    original = rows("default")
    assert len(original["events.HistoricalEvent"]) > Event.objects.count()  # edits left history
    assert original["issues.HistoricalIssue_events"]  # the m2m edit left history too
    assert any(
        isinstance(value, dt.datetime) and value.microsecond
        for row in original["events.Event"]
        for value in row
    )
    journal = ChangeLog.objects.count()

    backup("default", tmp_path / "there.jsonl.gz")
    restore(other_database, tmp_path / "there.jsonl.gz")
    moved = rows(other_database)

    assert moved == original
    assert ChangeLog.objects.using(other_database).count() == journal

    backup(other_database, tmp_path / "back.jsonl.gz")
    call_command("flush", database="default", interactive=False, verbosity=0)
    call_command("migrate", database="default", verbosity=0)  # rows migrations write, as new
    restore("default", tmp_path / "back.jsonl.gz")

    assert rows("default") == original


def test_restore_refuses_a_database_that_already_holds_content(tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    backup("default", tmp_path / "backup.jsonl.gz")

    with pytest.raises(Exception, match="already holds"):
        restore("default", tmp_path / "backup.jsonl.gz")

    assert timezone.now()  # the data is untouched
    assert Event.objects.exists()
