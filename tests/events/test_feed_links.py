"""Pages link to the feeds and calendars that mirror them; a single event has its own .ics."""

from __future__ import annotations

import re

import icalendar
import pytest

from core.editorial import EditorialStatus
from tests.factories import EventFactory, IssueFactory, PersonFactory

pytestmark = pytest.mark.django_db


def alternates(html: str) -> dict[str, str]:
    """rel=alternate links in the page: href -> type."""
    links = re.findall(r'<link rel="alternate" type="([^"]+)"[^>]*href="([^"]+)"', html)
    return {href.replace("&amp;", "&"): kind for kind, href in links}


def visible_hrefs(html: str) -> set[str]:
    body = html.split("<body", 1)[1]
    return {href.replace("&amp;", "&") for href in re.findall(r'<a href="([^"]+)"', body)}


def test_every_page_advertises_the_latest_feeds(client):
    html = client.get("/").content.decode()

    assert alternates(html)["/feeds/latest.rss"] == "application/rss+xml"
    assert alternates(html)["/feeds/latest.atom"] == "application/atom+xml"
    assert {"/feeds/latest.rss", "/events/calendar.ics"} <= visible_hrefs(html)


def test_issue_page_links_its_feeds_and_calendar(client):
    IssueFactory(slug="hallyu-ban")

    html = client.get("/issues/hallyu-ban/").content.decode()

    expected = {
        "/issues/hallyu-ban/feed.rss": "application/rss+xml",
        "/issues/hallyu-ban/feed.atom": "application/atom+xml",
        "/issues/hallyu-ban/calendar.ics": "text/calendar",
    }
    assert expected.items() <= alternates(html).items()
    assert set(expected) <= visible_hrefs(html)


def test_person_page_links_its_feeds_and_calendar(client):
    PersonFactory(slug="wang-yi")

    html = client.get("/people/wang-yi/").content.decode()

    expected = {
        "/people/wang-yi/feed.rss": "application/rss+xml",
        "/people/wang-yi/feed.atom": "application/atom+xml",
        "/people/wang-yi/calendar.ics": "text/calendar",
    }
    assert expected.items() <= alternates(html).items()
    assert set(expected) <= visible_hrefs(html)


def test_timeline_calendar_link_carries_the_filters_but_not_the_page(client):
    EventFactory()

    html = client.get("/events/?kind=summit&status=held&page=1&q=").content.decode()

    assert "/events/calendar.ics?kind=summit&status=held" in visible_hrefs(html)
    assert alternates(html)["/events/calendar.ics?kind=summit&status=held"] == "text/calendar"


def test_event_page_links_its_calendar_which_holds_that_event(client):
    EventFactory(slug="summit", title="Summit")
    EventFactory(title="Other")

    html = client.get("/events/summit/").content.decode()
    assert "/events/summit/calendar.ics" in visible_hrefs(html)

    response = client.get("/events/summit/calendar.ics")
    cal = icalendar.Calendar.from_ical(response.content)
    assert [str(v["summary"]) for v in cal.walk("VEVENT")] == ["Summit"]


def test_draft_event_has_no_calendar(client):
    EventFactory(slug="secret", editorial_status=EditorialStatus.DRAFT)

    assert client.get("/events/secret/calendar.ics").status_code == 404
