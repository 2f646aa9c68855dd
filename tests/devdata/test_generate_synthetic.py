"""generate_synthetic: deterministic synthetic content, visible to the changes feed."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from events.models import Event, EventParticipation
from issues.models import Issue
from people.models import Person
from sync.models import ChangeLog

pytestmark = pytest.mark.django_db

SMALL = {"events": 40, "people": 10, "issues": 3, "stdout": io.StringIO()}


def snapshot() -> list[tuple]:
    return list(
        Event.objects.order_by("slug").values_list(
            "slug",
            "title",
            "kind",
            "status",
            "start_date",
            "start_precision",
            "last_date",
            "editorial_status",
        )
    )


def test_the_same_seed_gives_the_same_content():
    call_command("generate_synthetic", seed=7, **SMALL)
    first = snapshot()

    call_command("generate_synthetic", seed=7, clear=True, **SMALL)

    assert snapshot() == first
    assert len(first) == 40


def test_counts_match_the_options_and_every_event_has_participants():
    call_command("generate_synthetic", seed=1, **SMALL)

    assert Event.objects.count() == 40
    assert Person.objects.count() == 10
    assert Issue.objects.count() == 3
    assert EventParticipation.objects.values("event").distinct().count() == 40


def test_published_rows_are_journaled_and_drafts_are_not():
    call_command("generate_synthetic", seed=1, draft_share=0.5, **SMALL)

    journaled = set(
        ChangeLog.objects.filter(object_type="event").values_list("object_id", flat=True)
    )
    assert journaled == set(Event.objects.published().values_list("pk", flat=True))
    assert Event.objects.count() > len(journaled) > 0


def test_a_second_run_without_clear_is_refused():
    call_command("generate_synthetic", seed=1, **SMALL)

    with pytest.raises(CommandError, match="--clear"):
        call_command("generate_synthetic", seed=1, **SMALL)


def test_events_carry_their_english_columns_as_a_save_would(client):
    call_command("generate_synthetic", seed=7, **SMALL)

    event = Event.objects.published().order_by("pk").first()
    row = Event.objects.filter(pk=event.pk).values("title_en", "summary_en").get()
    assert row["title_en"].startswith("Synthetic meeting")
    assert row["summary_en"].startswith("Officials met in")
    # what the API answers (it reads the language columns), not an empty title
    results = client.get("/api/v1/events/?page_size=200").json()["results"]
    assert all(result["title"].startswith("Synthetic meeting") for result in results)


def test_the_bulk_load_leaves_statistics_for_the_planner():
    """As after any bulk load (docs/operations.md): the planner knows the new rows' shape."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_stat1")
        call_command("generate_synthetic", **SMALL)
        with connection.cursor() as cursor:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", ["events_event"])
            rows = [row[0] for row in cursor.fetchall()]
        assert rows, "no statistics for events_event"
        assert any(row.split()[0] == "40" for row in rows), rows  # the 40 generated events
    else:
        call_command("generate_synthetic", **SMALL)
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", ["events_event"])
            assert cursor.fetchone()[0] == 40  # ANALYZE counted them (-1: never analysed)
