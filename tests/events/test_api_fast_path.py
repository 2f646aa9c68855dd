"""The hand-written event list row equals what the declared DRF fields would produce."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import translation
from rest_framework.request import Request

from events.api import EventListSerializer, EventViewSet, prefetch_participants, prefetch_sources
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


@pytest.mark.parametrize("include", [set(), {"participants"}, {"participants", "sources"}])
def test_fast_row_equals_declared_fields(varied_events, include):
    for fast, generic in both_ways(include):
        assert list(fast.items()) == list(generic.items())


@pytest.mark.parametrize("language", ["ko", "zh-hans", "en"])
def test_fast_row_equals_declared_fields_in_every_language(varied_events, language):
    with translation.override(language):
        for fast, generic in both_ways(set()):
            assert list(fast.items()) == list(generic.items())
