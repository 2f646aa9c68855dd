"""Site-wide latest feed, each issue's RSS/Atom feed and calendar."""

from __future__ import annotations

import datetime as dt

import feedparser
import icalendar
import pytest

from core.editorial import EditorialStatus
from issues.models import IssueStatus
from tests.factories import DevelopmentFactory, EventFactory, IssueFactory

pytestmark = pytest.mark.django_db
DRAFT = EditorialStatus.DRAFT


def entries(response) -> dict[str, feedparser.FeedParserDict]:
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    return {entry.title: entry for entry in feed.entries}


# --- /feeds/latest.rss|.atom


def test_latest_rss_has_events_and_developments(client):
    event = EventFactory(title="Gyeongju summit", summary="Leaders met.")
    issue = IssueFactory(title="Hallyu ban")
    DevelopmentFactory(
        issue=issue,
        happened_date=dt.date(2026, 1, 5),
        summary="Talks resumed.",
        status_after="easing",
    )

    response = client.get("/feeds/latest.rss")

    assert response["Content-Type"].startswith("application/rss+xml")
    found = entries(response)
    assert set(found) == {"Gyeongju summit", "Hallyu ban: 5 January 2026"}
    assert found["Gyeongju summit"].link == "http://testserver" + event.get_absolute_url()
    assert "Leaders met." in found["Gyeongju summit"].summary
    assert "Talks resumed. (Easing)" in found["Hallyu ban: 5 January 2026"].summary
    assert found["Hallyu ban: 5 January 2026"].link.startswith(
        "http://testserver" + issue.get_absolute_url() + "#development-"
    )


def test_latest_feed_leaves_out_drafts(client):
    EventFactory(title="Secret talks", editorial_status=DRAFT)
    EventFactory(title="Scheduled", publish_at=dt.datetime(2999, 1, 1, tzinfo=dt.UTC))
    DevelopmentFactory(issue=IssueFactory(title="Draft issue", editorial_status=DRAFT))
    DevelopmentFactory(event=EventFactory(editorial_status=DRAFT), summary="At a draft event")
    EventFactory(title="Public")

    assert set(entries(client.get("/feeds/latest.rss"))) == {"Public"}


def test_latest_feed_puts_the_most_recently_updated_first(client):
    first = EventFactory(title="Older")
    EventFactory(title="Newer")
    first.summary = "Edited later."
    first.save()

    feed = feedparser.parse(client.get("/feeds/latest.rss").content)

    assert [entry.title for entry in feed.entries] == ["Older", "Newer"]


def test_latest_atom_dates_are_updated_and_published(client):
    event = EventFactory(title="Summit")

    response = client.get("/feeds/latest.atom")

    assert response["Content-Type"].startswith("application/atom+xml")
    entry = entries(response)["Summit"]
    updated = dt.datetime(*entry.updated_parsed[:6], tzinfo=dt.UTC)
    assert updated == event.updated_at.replace(microsecond=0)
    assert "Last-Modified" in response


@pytest.mark.parametrize("rows", [5, 50])
def test_latest_feed_query_count_is_constant(
    client, content_version_known, django_assert_num_queries, rows
):
    EventFactory.create_batch(rows)
    DevelopmentFactory.create_batch(rows)

    with django_assert_num_queries(2):
        response = client.get("/feeds/latest.rss")

    assert len(feedparser.parse(response.content).entries) == min(2 * rows, 30)


# --- /issues/<slug>/feed.rss|.atom|calendar.ics


@pytest.fixture
def issue():
    return IssueFactory(title="Hallyu ban", slug="hallyu-ban", status=IssueStatus.ACTIVE)


def test_issue_feed_has_its_developments_and_events_only(client, issue):
    discussed = EventFactory(title="Culture ministers meet")
    discussed.issues.add(issue)
    DevelopmentFactory(issue=issue, happened_date=dt.date(2026, 1, 5))
    EventFactory(title="Unrelated")
    DevelopmentFactory(issue=IssueFactory(title="Other issue"))

    response = client.get("/issues/hallyu-ban/feed.rss")

    feed = feedparser.parse(response.content)
    assert feed.feed.title.startswith("Hallyu ban")
    assert set(entries(response)) == {"Culture ministers meet", "Hallyu ban: 5 January 2026"}


def test_issue_atom_feed_parses(client, issue):
    DevelopmentFactory(issue=issue, happened_date=dt.date(2026, 1, 5))

    feed = feedparser.parse(client.get("/issues/hallyu-ban/feed.atom").content)

    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["Hallyu ban: 5 January 2026"]


def test_draft_issue_has_no_feed_or_calendar(client):
    IssueFactory(slug="hidden", editorial_status=DRAFT)

    for suffix in ("feed.rss", "feed.atom", "calendar.ics"):
        assert client.get(f"/issues/hidden/{suffix}").status_code == 404


def test_issue_calendar_lists_its_published_events(client, issue):
    quarter = EventFactory(title="Visit", start_date=dt.date(2026, 1, 1), start_precision="quarter")
    draft = EventFactory(title="Secret", editorial_status=DRAFT)
    issue.events.add(quarter, draft)
    EventFactory(title="Unrelated")

    response = client.get("/issues/hallyu-ban/calendar.ics")

    assert response.status_code == 200
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["summary"]).startswith("Visit (date known only to the quarter")
    assert vevent.decoded("dtstart") == dt.date(2026, 1, 1)
    assert vevent.decoded("dtend") == dt.date(2026, 4, 1)


@pytest.mark.parametrize("rows", [5, 50])
def test_issue_feed_query_count_is_constant(
    client, content_version_known, django_assert_num_queries, issue, rows
):
    issue.events.add(*EventFactory.create_batch(rows))
    DevelopmentFactory.create_batch(rows, issue=issue)

    with django_assert_num_queries(3):
        response = client.get("/issues/hallyu-ban/feed.rss")

    assert len(feedparser.parse(response.content).entries) == min(2 * rows, 30)


@pytest.mark.parametrize("rows", [5, 50])
def test_issue_calendar_query_count_is_constant(
    client, content_version_known, django_assert_num_queries, issue, rows
):
    issue.events.add(*EventFactory.create_batch(rows))

    with django_assert_num_queries(2):
        response = client.get("/issues/hallyu-ban/calendar.ics")

    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == rows
