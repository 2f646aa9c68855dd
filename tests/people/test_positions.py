"""A person's title on any date is derivable from their positions."""

from __future__ import annotations

import datetime as dt

import pytest

from events.models import EventParticipation
from people.models import Position
from tests.factories import EventFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wang_yi():
    person = PersonFactory(display_name="Wang Yi", native_name="王毅", country="CN")
    PositionFactory(
        person=person,
        title="Foreign Minister",
        start_date=dt.date(2013, 3, 16),
        end_date=dt.date(2018, 3, 19),
    )
    PositionFactory(
        person=person,
        title="State Councilor and Foreign Minister",
        start_date=dt.date(2018, 3, 19),
        end_date=dt.date(2022, 12, 30),
    )
    PositionFactory(person=person, title="Foreign Minister", start_date=dt.date(2023, 7, 25))
    return person


def test_wang_yi_on_the_day_of_the_summit_is_foreign_minister(wang_yi):
    assert wang_yi.title_on(dt.date(2026, 1, 5)) == "Foreign Minister"


def test_title_on_a_past_date_comes_from_the_position_then(wang_yi):
    assert wang_yi.title_on(dt.date(2020, 6, 1)) == "State Councilor and Foreign Minister"
    assert wang_yi.title_on(dt.date(2000, 1, 1)) == ""


def test_position_ending_at_month_precision_covers_the_whole_month():
    person = PersonFactory()
    PositionFactory(
        person=person,
        title="Ambassador",
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2025, 6, 1),
        end_precision="month",
    )
    assert person.title_on(dt.date(2025, 6, 30)) == "Ambassador"
    assert person.title_on(dt.date(2025, 7, 1)) == ""
    assert Position.objects.held_on(dt.date(2025, 6, 30)).count() == 1


def test_participation_title_left_blank_is_filled_from_the_position(wang_yi):
    event = EventFactory(start_date=dt.date(2026, 1, 5))
    participation = EventParticipation(event=event, person=wang_yi, side="")
    participation.full_clean()
    assert participation.title == "Foreign Minister"
    assert participation.side == "CN"


def test_participation_title_typed_by_the_editor_is_kept(wang_yi):
    event = EventFactory(start_date=dt.date(2026, 1, 5))
    participation = EventParticipation(event=event, person=wang_yi, title="Special envoy")
    participation.full_clean()
    assert participation.title == "Special envoy"
