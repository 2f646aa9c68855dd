"""The database and full_clean() reject bad rows, with messages a person can read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Event, EventParticipation, Source
from issues.models import Stance
from people.models import Position
from tests.factories import (
    EventFactory,
    EventParticipationFactory,
    EventSeriesFactory,
    IssueFactory,
    PersonFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def test_event_ending_before_it_starts_is_refused_with_a_readable_message():
    event = EventFactory.build(start_date=dt.date(2026, 1, 7), end_date=dt.date(2026, 1, 4))
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "cannot end before it starts" in str(error.value)


def test_database_refuses_event_ending_before_it_starts_even_without_full_clean():
    event = EventFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(end_date=dt.date(2020, 1, 1))


def test_position_ending_before_it_starts_is_refused():
    person = PersonFactory()
    position = Position(
        person=person,
        title="Minister",
        start_date=dt.date(2025, 6, 1),
        end_date=dt.date(2025, 1, 1),
    )
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        position.full_clean()


def test_duplicate_event_slug_is_refused():
    EventFactory(slug="lee-xi-summit")
    duplicate = EventFactory.build(slug="lee-xi-summit")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "slug" in error.value.message_dict


def test_a_person_appears_once_per_event():
    participation = EventParticipationFactory()
    again = EventParticipation(event=participation.event, person=participation.person)
    with pytest.raises(ValidationError, match="already listed at this event"):
        again.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        EventParticipation.objects.create(event=participation.event, person=participation.person)


def test_source_url_is_unique_when_present():
    SourceFactory(url="https://example.org/a")
    duplicate = SourceFactory.build(url="https://example.org/a", outlet=None)
    with pytest.raises(ValidationError, match="source with this URL already exists"):
        duplicate.full_clean()


def test_sources_without_url_can_coexist():
    SourceFactory(url=None)
    SourceFactory(url=None)
    assert Source.objects.filter(url__isnull=True).count() == 2


def test_blank_url_is_stored_as_missing_so_it_does_not_collide():
    first = SourceFactory.build(url="", outlet=None)
    first.full_clean()
    first.save()
    second = SourceFactory.build(url="", outlet=None)
    second.full_clean()
    second.save()
    assert Source.objects.filter(url__isnull=True).count() == 2


def test_stance_needs_a_party():
    stance = Stance(issue=IssueFactory(), position="x", as_of_date=dt.date(2026, 1, 5))
    with pytest.raises(ValidationError, match="Choose the country or organization"):
        stance.full_clean()


def test_a_series_round_is_unique():
    first = EventFactory(series=EventSeriesFactory(), round_number=11)
    duplicate = EventFactory.build(series=first.series, round_number=11)
    with pytest.raises(ValidationError, match="already has an event for this round"):
        duplicate.full_clean()


def test_quarter_precision_date_is_stored_as_the_quarter_start_with_its_last_day():
    event = EventFactory(start_date=dt.date(2026, 2, 17), start_precision="quarter")
    event.refresh_from_db()
    assert (event.start_date, event.last_date) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert event.date_display == "January–March 2026"
