"""Events calendar (all and filtered) and each person's RSS/Atom feed and calendar."""

from __future__ import annotations

import datetime as dt

import feedparser
import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from core.editorial import EditorialStatus
from events.models import EventKind
from tests.factories import (
    EventFactory,
    EventParticipationFactory,
    PersonFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db
DRAFT = EditorialStatus.DRAFT


def vevents(response) -> dict[str, icalendar.Event]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    return {str(v["summary"]).split(" (")[0]: v for v in cal.walk("VEVENT")}


# --- /events/calendar.ics


def test_event_calendar_lists_published_events_only(client):
    EventFactory(title="Summit")
    EventFactory(title="Secret talks", editorial_status=DRAFT)
    EventFactory(title="Scheduled", publish_at=dt.datetime(2999, 1, 1, tzinfo=dt.UTC))

    found = vevents(client.get(reverse("events:event_calendar")))

    assert set(found) == {"Summit"}


@pytest.mark.parametrize(
    ("start", "precision", "dtstart", "dtend"),
    [
        (dt.date(2026, 1, 5), "day", dt.date(2026, 1, 5), dt.date(2026, 1, 6)),
        (dt.date(2026, 2, 1), "month", dt.date(2026, 2, 1), dt.date(2026, 3, 1)),
        (dt.date(2026, 1, 1), "quarter", dt.date(2026, 1, 1), dt.date(2026, 4, 1)),
    ],
)
def test_event_calendar_dates_keep_their_precision(client, start, precision, dtstart, dtend):
    EventFactory(title="Talks", start_date=start, start_precision=precision)

    vevent = vevents(client.get(reverse("events:event_calendar")))["Talks"]

    assert vevent.decoded("dtstart") == dtstart
    assert vevent.decoded("dtend") == dtend


def test_event_calendar_applies_the_timeline_filters(client):
    EventFactory(title="Summit", kind=EventKind.SUMMIT, start_date=dt.date(2025, 11, 1))
    EventFactory(title="Call", kind=EventKind.PHONE_CALL, start_date=dt.date(2025, 11, 2))
    EventFactory(title="Old summit", kind=EventKind.SUMMIT, start_date=dt.date(2024, 5, 1))

    url = reverse("events:event_calendar") + "?kind=summit&date_from=2025"
    found = vevents(client.get(url))

    assert set(found) == {"Summit"}


def test_event_calendar_bad_filter_is_a_400_text_answer(client):
    response = client.get(reverse("events:event_calendar") + "?date_from=yesterday")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "date_from" in response.content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_event_calendar_query_count_is_constant(
    client, content_version_known, django_assert_num_queries, rows
):
    EventFactory.create_batch(rows)

    # The next events and the latest past ones: one indexed query each.
    with django_assert_num_queries(2):
        response = client.get(reverse("events:event_calendar"))

    assert len(vevents(response)) == rows


def test_event_calendar_is_the_window_around_today_at_any_size(client, monkeypatch):
    monkeypatch.setattr("events.feeds.TIMELINE_CALENDAR_EVENTS", 4)
    today = timezone.localdate()
    for days in (-300, -30, -2, 0, 3, 40, 400):
        EventFactory(title=f"Day {days}", start_date=today + dt.timedelta(days=days))

    found = vevents(client.get(reverse("events:event_calendar")))

    # Half ahead (today counts as ahead), half the latest past: the far ends are left out.
    assert set(found) == {"Day -30", "Day -2", "Day 0", "Day 3"}


def test_event_calendar_fills_its_window_from_one_side_when_the_other_is_short(client, monkeypatch):
    monkeypatch.setattr("events.feeds.TIMELINE_CALENDAR_EVENTS", 4)
    today = timezone.localdate()
    for days in (-9, -5, -1, 2):
        EventFactory(title=f"Day {days}", start_date=today + dt.timedelta(days=days))
    EventFactory(title="Too old", start_date=today - dt.timedelta(days=99))

    found = vevents(client.get(reverse("events:event_calendar")))

    assert set(found) == {"Day -9", "Day -5", "Day -1", "Day 2"}


def test_event_calendar_links_the_apis_paged_calendar_of_the_same_filter(client):
    response = client.get(reverse("events:event_calendar") + "?kind=summit")

    link = response["Link"]
    assert link.startswith("</api/v1/events/?kind=summit&format=ics&page_size=200>")
    assert 'rel="alternate"' in link
    assert client.get(link[1 : link.index(">")]).status_code == 200


# --- /people/<slug>/feed.rss|.atom|calendar.ics


@pytest.fixture
def person():
    return PersonFactory(display_name="Lee Jae Myung", slug="lee-jae-myung")


def test_person_rss_lists_their_events_and_statements(client, person):
    event = EventFactory(title="Gyeongju summit")
    EventParticipationFactory(person=person, event=event)
    StatementFactory(speaker=person, event=event, text="We agreed.")
    EventFactory(title="Someone else's meeting")

    feed = feedparser.parse(client.get(f"/people/{person.slug}/feed.rss").content)

    assert feed.bozo == 0
    assert "Lee Jae Myung" in feed.feed.title
    titles = [entry.title for entry in feed.entries]
    assert "Gyeongju summit" in titles
    assert any(title.startswith("Lee Jae Myung, ") for title in titles)
    assert "Someone else's meeting" not in titles
    assert all(entry.link.startswith("http://testserver/") for entry in feed.entries)


def test_person_feed_hides_draft_events_and_their_statements(client, person):
    draft = EventFactory(title="Secret talks", editorial_status=DRAFT)
    EventParticipationFactory(person=person, event=draft)
    StatementFactory(speaker=person, event=draft, text="Off the record.")

    feed = feedparser.parse(client.get(f"/people/{person.slug}/feed.rss").content)

    assert feed.entries == []


def test_person_atom_feed_has_entry_dates(client, person):
    event = EventFactory(title="Gyeongju summit")
    EventParticipationFactory(person=person, event=event)
    event.refresh_from_db()

    feed = feedparser.parse(client.get(f"/people/{person.slug}/feed.atom").content)

    assert feed.version == "atom10"
    (entry,) = feed.entries
    assert entry.link == "http://testserver" + event.get_absolute_url()
    assert dt.datetime(*entry.updated_parsed[:6], tzinfo=dt.UTC) == event.updated_at.replace(
        microsecond=0
    )
    assert dt.datetime(*entry.published_parsed[:6], tzinfo=dt.UTC) == event.created_at.replace(
        microsecond=0
    )


def test_draft_person_has_no_feed_or_calendar(client):
    PersonFactory(slug="hidden", editorial_status=DRAFT)

    assert client.get("/people/hidden/feed.rss").status_code == 404
    assert client.get("/people/hidden/feed.atom").status_code == 404
    assert client.get("/people/hidden/calendar.ics").status_code == 404


def test_person_calendar_lists_their_published_events(client, person):
    EventParticipationFactory(person=person, event=EventFactory(title="Summit"))
    EventParticipationFactory(
        person=person, event=EventFactory(title="Secret", editorial_status=DRAFT)
    )
    EventFactory(title="Other")

    found = vevents(client.get(f"/people/{person.slug}/calendar.ics"))

    assert set(found) == {"Summit"}


@pytest.mark.parametrize("rows", [5, 50])
def test_person_feed_query_count_is_constant(
    client, content_version_known, django_assert_num_queries, person, rows
):
    for event in EventFactory.create_batch(rows):
        EventParticipationFactory(person=person, event=event)
        StatementFactory(speaker=person, event=event)

    with django_assert_num_queries(3):
        response = client.get(f"/people/{person.slug}/feed.rss")

    assert len(feedparser.parse(response.content).entries) == min(2 * rows, 30)


@pytest.mark.parametrize("rows", [5, 50])
def test_person_calendar_query_count_is_constant(
    client, content_version_known, django_assert_num_queries, person, rows
):
    for event in EventFactory.create_batch(rows):
        EventParticipationFactory(person=person, event=event)

    with django_assert_num_queries(2):
        response = client.get(f"/people/{person.slug}/calendar.ics")

    assert len(vevents(response)) == rows
