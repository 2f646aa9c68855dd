"""The query planner has statistics (SQLite: ANALYZE after migrate, `optimize_database` on a
schedule) and the index the event page's children query needs."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from events.models import Event
from tests.factories import EventFactory, SourceFactory

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner")


def test_children_index_exists():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Event._meta.db_table)
    indexed = [c["columns"] for c in constraints.values() if c["index"]]
    assert ["parent_id", "start_date"] in indexed


@sqlite_only
def test_children_query_uses_the_index():
    parent = EventFactory()
    EventFactory.create_batch(3, parent=parent)
    with connection.cursor() as cursor:
        # The planner as it was before any ANALYZE: no statistics at all.
        cursor.execute("DELETE FROM sqlite_stat1")
        cursor.execute("ANALYZE sqlite_master")
        sql, params = (
            Event.objects.published()
            .filter(parent=parent)
            .order_by("start_date", "title")
            .query.sql_with_params()
        )
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(row[-1] for row in cursor.fetchall())
    assert "event_children_idx" in plan, plan


@sqlite_only
def test_migrate_leaves_statistics_for_the_planner():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        assert cursor.fetchone()[0] == 1


def test_optimize_database_command():
    EventFactory.create_batch(2)
    out = StringIO()
    call_command("optimize_database", stdout=out)
    assert "Statistics updated" in out.getvalue()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", ["events_event"])
            assert cursor.fetchone()[0] >= 1


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " ".join(row[-1] for row in cursor.fetchall())


@pytest.fixture
def many_events(db):
    parent = EventFactory()
    EventFactory.create_batch(2, parent=parent)
    events = EventFactory.build_batch(400)
    statuses = ["held"] * 16 + ["planned", "expected", "unconfirmed", "cancelled"]
    for number, event in enumerate(events):
        event.last_date = event.start_date  # computed by save(), which bulk_create skips
        event.status = statuses[number % len(statuses)]  # as generate_synthetic mixes them
    Event.objects.bulk_create(events)
    from ops.statistics import update_statistics

    update_statistics()
    return parent


@sqlite_only
def test_children_query_uses_its_index_once_analysed(many_events):
    # Most events have no parent: a full index's statistics counted the NULLs as one value and
    # the planner walked the date index instead (1.2 s at 100,000 events); the index is partial.
    plan = _plan(
        Event.objects.published().filter(parent=many_events).order_by("start_date", "title")
    )
    assert "event_children_idx" in plan, plan


@sqlite_only
def test_home_unconfirmed_query_uses_its_index_once_analysed(many_events):
    from django.utils import timezone

    from events.models import UPCOMING_STATUSES

    plan = _plan(
        Event.objects.published()
        .filter(
            pk__in=Event.objects.filter(
                status__in=UPCOMING_STATUSES, last_date__lt=timezone.localdate()
            ).values("pk")
        )
        .order_by("-start_date", "title")[:8]
    )
    assert "event_status_last_date_idx" in plan, plan


@sqlite_only
def test_home_upcoming_query_uses_the_status_index_once_analysed(many_events):
    plan = _plan(Event.objects.published().upcoming().order_by("start_date", "title")[:8])
    assert "event_status_last_date_idx" in plan, plan


@sqlite_only
def test_latest_feed_query_walks_its_index_once_analysed(many_events):
    plan = _plan(Event.objects.published().order_by("-updated_at", "-pk")[:30])
    assert "event_published_updated_idx" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


@sqlite_only
def test_a_sources_citations_check_each_event_not_every_published_event(many_events):
    from events.models import EventCitation

    source = SourceFactory()
    plan = _plan(EventCitation.objects.filter(source=source).of_published_facts().order_by("-id"))
    assert "LIST SUBQUERY" not in plan, plan
