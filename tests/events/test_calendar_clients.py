"""Calendars as real clients read them (icalendar and vobject): escaping, TRANSP, empty calendars."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
import vobject
from django.urls import reverse

from events.calendar import build_calendar
from tests.factories import (
    EventFactory,
    EventParticipationFactory,
    IssueFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = "Line one\nLine two\rBEGIN:VEVENT, with; commas"


def read_with_both_clients(content: bytes) -> icalendar.Calendar:
    """Parse with icalendar and vobject (strict enough to reject injected lines)."""
    parsed = vobject.readOne(content.decode("utf-8"))
    parsed.validate(raiseException=True)
    return icalendar.Calendar.from_ical(content)


def calendar_urls_with_hostile_names() -> list[str]:
    person = PersonFactory(display_name=HOSTILE)
    issue = IssueFactory(title=HOSTILE)
    event = EventFactory(title=HOSTILE, city="Seoul\r\nX-INJECTED:1")
    event.issues.add(issue)
    EventParticipationFactory(event=event, person=person)
    return [
        reverse("events:event_calendar"),
        reverse("events:single_event_calendar", args=[event.slug]),
        reverse("people:person_calendar", args=[person.slug]),
        reverse("issues:issue_calendar", args=[issue.slug]),
    ]


def test_line_breaks_in_names_and_titles_are_escaped_on_every_calendar(client):
    for url in calendar_urls_with_hostile_names():
        response = client.get(url)

        assert response.status_code == 200, url
        cal = read_with_both_clients(response.content)
        # Every physical line is a property or a folded continuation, nothing injected.
        lines = response.content.decode().split("\r\n")
        assert not any(line.startswith(("X-INJECTED", "BEGIN:VEVENT,")) for line in lines)
        assert b"\r" not in response.content.replace(b"\r\n", b"")
        assert len(list(cal.walk("VEVENT"))) == 1, url


def test_calendar_name_escapes_commas_and_line_breaks():
    content = build_calendar([], name="Lee, Jae\rmyung")

    assert b"X-WR-CALNAME:Lee\\, Jae\\nmyung\r\n" in content
    assert vobject.readOne(content.decode()).x_wr_calname.value == "Lee, Jae\nmyung"


def test_empty_calendar_still_holds_a_component():
    # RFC 5545 3.4: a VCALENDAR holds one or more components.
    cal = read_with_both_clients(build_calendar([], name="Nothing yet"))

    assert cal.subcomponents
    assert not list(cal.walk("VEVENT"))


def test_empty_filtered_calendar_url_is_valid(client):
    response = client.get(reverse("events:event_calendar"), {"kind": "summit"})

    assert response.status_code == 200
    assert read_with_both_clients(response.content).subcomponents


@pytest.mark.parametrize(
    ("precision", "transp"),
    [
        ("day", "OPAQUE"),
        ("month", "TRANSPARENT"),
        ("quarter", "TRANSPARENT"),
        ("year", "TRANSPARENT"),
    ],
)
def test_only_day_precise_events_mark_the_subscriber_busy(precision, transp):
    event = EventFactory(start_date=dt.date(2026, 1, 1), start_precision=precision)

    cal = read_with_both_clients(build_calendar([event], name="Test"))

    assert str(next(iter(cal.walk("VEVENT")))["transp"]) == transp
