"""The hand-written event list row equals what the declared DRF fields would produce."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import translation
from rest_framework.request import Request

from events.api import (
    EventListSerializer,
    EventViewSet,
    prefetch_participants,
    prefetch_sources,
    published_event_values,
)
from events.models import Event, EventSeries
from tests.factories import (
    EventCitationFactory,
    EventFactory,
    EventParticipationFactory,
    EventSeriesFactory,
)

pytestmark = pytest.mark.django_db


def both_ways(include: set[str]) -> list[tuple[dict, dict]]:
    request = Request(RequestFactory().get("/api/v1/events/"))
    context = {"request": request, "include": include, "view": EventViewSet()}
    queryset = prefetch_sources(prefetch_participants(Event.objects.published()))
    pairs = []
    for event in queryset.select_related("series", "parent"):
        serializer = EventListSerializer(event, context=context)
        fast = serializer.to_representation(event)
        generic = super(EventListSerializer, serializer).to_representation(event)
        pairs.append((fast, dict(generic)))
    return pairs


def values_and_declared() -> list[tuple[dict, dict]]:
    """Rows built from `.values()` dicts (the list without includes) vs the declared fields."""
    request = Request(RequestFactory().get("/api/v1/events/"))
    context = {"request": request, "include": set(), "view": EventViewSet()}
    ordering = ("-start_date", "-pk")
    rows = list(published_event_values(Event.objects.published()).order_by(*ordering))
    serializer = EventListSerializer(context=context)
    fast = serializer.represent_values(rows)
    instances = Event.objects.published().with_series().with_parent().order_by(*ordering)
    generic = [
        dict(
            super(
                EventListSerializer, EventListSerializer(event, context=context)
            ).to_representation(event)
        )
        for event in instances
    ]
    assert len(fast) == len(generic) > 0
    return list(zip(fast, generic, strict=True))


@pytest.fixture
def varied_events(db: object) -> None:
    parent = EventFactory(
        slug="visit", start_date=dt.date(2026, 1, 4), end_date=dt.date(2026, 1, 7)
    )
    EventFactory(slug="round", series=EventSeriesFactory(), round_number=3, country="")
    EventFactory(slug="q", start_date=dt.date(2026, 1, 1), start_precision="quarter", parent=parent)
    span = EventFactory(
        slug="span",
        start_date=dt.date(2025, 11, 1),
        start_precision="month",
        end_date=dt.date(2026, 3, 1),
        end_precision="month",
        title="이재명–习近平",
    )
    EventParticipationFactory(event=span)
    EventCitationFactory(event=span)
    # Rows written in bulk (generate_synthetic, loaddata) may have no English column at all.
    bare = EventFactory(slug="bare", series=EventSeriesFactory())
    Event.objects.filter(pk=bare.pk).update(title_en=None, summary_en=None)
    EventSeries.objects.filter(pk=bare.series_id).update(name_en=None)
    # A series and a parent the public may not see (a draft; one scheduled for tomorrow) read
    # as none at all.
    EventFactory(slug="in-draft-series", series=EventSeriesFactory(editorial_status="draft"))
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    EventFactory(slug="in-later-series", series=EventSeriesFactory(publish_at=tomorrow))
    EventFactory(slug="under-draft", parent=EventFactory(editorial_status="draft"))
    EventFactory(slug="under-later", parent=EventFactory(publish_at=tomorrow))


@pytest.mark.parametrize("include", [set(), {"participants"}, {"participants", "sources"}])
def test_fast_row_equals_declared_fields(varied_events, include):
    for fast, generic in both_ways(include):
        assert list(fast.items()) == list(generic.items())


@pytest.mark.parametrize("language", ["ko", "zh-hans", "en"])
def test_fast_row_equals_declared_fields_in_every_language(varied_events, language):
    with translation.override(language):
        for fast, generic in both_ways(set()):
            assert list(fast.items()) == list(generic.items())


@pytest.mark.parametrize("language", ["en", "ko", "zh-hans"])
def test_rows_from_values_equal_declared_fields(varied_events, language):
    with translation.override(language):
        pairs = values_and_declared()
    for fast, generic in pairs:
        assert list(fast.items()) == list(generic.items())
    by_slug = {fast["slug"]: fast for fast, _ in pairs}
    assert by_slug["in-draft-series"]["series"] is None
    assert by_slug["in-later-series"]["series"] is None
    assert by_slug["under-draft"]["parent"] is None
    assert by_slug["under-later"]["parent"] is None
    assert by_slug["q"]["parent"] == "visit"


def test_the_list_reads_dicts_only_without_includes_and_by_date(client, varied_events, monkeypatch):
    """JSON and CSV pages by date or update time read dicts; title order, includes and the
    calendar keep instances (the views give the same answers either way: the tests above)."""
    seen = []
    original = EventListSerializer.represent_values

    def spy(self, rows):
        seen.append(len(rows))
        return original(self, rows)

    monkeypatch.setattr(EventListSerializer, "represent_values", spy)
    for url in (
        "/api/v1/events/",
        "/api/v1/events/?format=csv",
        "/api/v1/events/?ordering=-updated_at",
    ):
        assert client.get(url).status_code == 200
    assert len(seen) == 3
    assert all(seen)
    for url in (
        "/api/v1/events/?ordering=title",
        "/api/v1/events/?include=participants",
        "/api/v1/events/?format=ics",
    ):
        assert client.get(url).status_code == 200
    assert len(seen) == 3
