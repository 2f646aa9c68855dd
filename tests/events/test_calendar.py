"""events.calendar.build_calendar: all-day VEVENTs that keep the date's precision."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.test import override_settings

from events.calendar import build_calendar
from events.models import EventStatus
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def only_vevent(events: list) -> icalendar.Event:
    cal = icalendar.Calendar.from_ical(build_calendar(events, name="Test"))
    vevents = list(cal.walk("VEVENT"))
    assert len(vevents) == 1
    return vevents[0]


def test_day_event_is_one_all_day():
    event = EventFactory(start_date=dt.date(2026, 1, 5))

    vevent = only_vevent([event])

    assert vevent.decoded("dtstart") == dt.date(2026, 1, 5)
    assert vevent.decoded("dtend") == dt.date(2026, 1, 6)
    assert "known only" not in str(vevent["summary"])


def test_multi_day_event_spans_to_the_day_after_its_end():
    event = EventFactory(start_date=dt.date(2026, 1, 4), end_date=dt.date(2026, 1, 7))

    vevent = only_vevent([event])

    assert vevent.decoded("dtstart") == dt.date(2026, 1, 4)
    assert vevent.decoded("dtend") == dt.date(2026, 1, 8)


def test_month_event_spans_the_whole_month_and_says_so():
    event = EventFactory(start_date=dt.date(2026, 2, 1), start_precision="month")

    vevent = only_vevent([event])

    assert vevent.decoded("dtstart") == dt.date(2026, 2, 1)
    assert vevent.decoded("dtend") == dt.date(2026, 3, 1)
    assert "date known only to the month: February 2026" in str(vevent["summary"])


def test_quarter_event_spans_the_whole_quarter_and_says_so():
    event = EventFactory(start_date=dt.date(2026, 1, 1), start_precision="quarter")

    vevent = only_vevent([event])

    assert vevent.decoded("dtstart") == dt.date(2026, 1, 1)
    assert vevent.decoded("dtend") == dt.date(2026, 4, 1)
    assert "date known only to the quarter: January–March 2026" in str(vevent["summary"])
    assert "Date known only to the quarter" in str(vevent["description"])


def test_year_event_spans_the_whole_year():
    event = EventFactory(start_date=dt.date(2026, 1, 1), start_precision="year")

    vevent = only_vevent([event])

    assert vevent.decoded("dtstart") == dt.date(2026, 1, 1)
    assert vevent.decoded("dtend") == dt.date(2027, 1, 1)


@override_settings(SITE_URL="https://example.org")
def test_uid_url_location_and_timestamps():
    event = EventFactory(slug="summit", city="Gyeongju", venue="Hwabaek Centre", country="KR")

    vevent = only_vevent([event])

    assert str(vevent["uid"]) == f"event-{event.pk}@relations-tracker"
    assert str(vevent["url"]) == "https://example.org" + event.get_absolute_url()
    assert str(vevent["location"]) == "Hwabaek Centre, Gyeongju, South Korea"
    updated = event.updated_at.replace(microsecond=0)
    assert vevent.decoded("last-modified") == updated
    assert vevent.decoded("dtstamp") == updated


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (EventStatus.HELD, "CONFIRMED"),
        (EventStatus.PLANNED, "CONFIRMED"),
        (EventStatus.EXPECTED, "TENTATIVE"),
        (EventStatus.UNCONFIRMED, "TENTATIVE"),
        (EventStatus.POSTPONED, "TENTATIVE"),
        (EventStatus.CANCELLED, "CANCELLED"),
    ],
)
def test_status_is_mapped_to_ical_status(status, expected):
    vevent = only_vevent([EventFactory(status=status)])

    assert str(vevent["status"]) == expected


def test_calendar_is_named_and_holds_every_event():
    events = EventFactory.create_batch(3)

    cal = icalendar.Calendar.from_ical(build_calendar(events, name="All events"))

    assert str(cal["x-wr-calname"]) == "All events"
    assert len(list(cal.walk("VEVENT"))) == 3
