"""Structured data as search engines and link previews read it (extruct): JSON-LD, Open Graph."""

from __future__ import annotations

import datetime as dt

import extruct
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from events.models import EventKind, EventStatus
from tests.factories import EventFactory, IssueFactory, PersonFactory

pytestmark = pytest.mark.django_db

ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"


def extract(client, path: str, **headers: str) -> dict:
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    return extruct.extract(
        response.content.decode(),
        base_url="http://testserver" + path,
        syntaxes=["json-ld", "opengraph"],
        uniform=True,
    )


def event_data(client, event) -> dict:
    (data,) = [item for item in extract(client, event.get_absolute_url())["json-ld"]]
    assert data["@type"] == "Event"
    return data


@pytest.mark.parametrize(
    ("start", "precision", "first", "last"),
    [
        (dt.date(2026, 1, 5), "day", "2026-01-05", None),
        (dt.date(2026, 2, 1), "month", "2026-02-01", "2026-02-28"),
        (dt.date(2026, 1, 1), "quarter", "2026-01-01", "2026-03-31"),
        (dt.date(2026, 1, 1), "year", "2026-01-01", "2026-12-31"),
    ],
)
def test_event_dates_are_full_dates_spanning_the_known_period(
    client, start, precision, first, last
):
    # Google's Event rules want ISO 8601 dates; a month is "2026-02-01 to 2026-02-28", the
    # period the event falls in, never one invented day.
    event = EventFactory(start_date=start, start_precision=precision)

    data = event_data(client, event)

    assert data["startDate"] == first
    assert data.get("endDate") == last


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (EventStatus.HELD, "https://schema.org/EventScheduled"),
        (EventStatus.PLANNED, "https://schema.org/EventScheduled"),
        (EventStatus.POSTPONED, "https://schema.org/EventPostponed"),
        (EventStatus.CANCELLED, "https://schema.org/EventCancelled"),
        (EventStatus.EXPECTED, None),
        (EventStatus.UNCONFIRMED, None),
    ],
)
def test_event_status_follows_the_event(client, status, expected):
    data = event_data(client, EventFactory(status=status))

    assert data.get("eventStatus") == expected


def test_event_without_a_place_still_has_a_location(client):
    event = EventFactory(city="", venue="", country="")

    location = event_data(client, event)["location"]

    assert location["@type"] == "Place"
    assert location["name"]
    assert location["address"]


def test_phone_call_is_a_virtual_event(client):
    event = EventFactory(kind=EventKind.PHONE_CALL, city="", country="")

    data = event_data(client, event)

    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["location"]["url"].endswith(event.get_absolute_url())


def test_person_page_is_a_profile_page(client):
    person = PersonFactory(display_name="Lee Jae Myung")

    (data,) = extract(client, person.get_absolute_url())["json-ld"]

    assert data["@type"] == "ProfilePage"
    assert data["mainEntity"]["@type"] == "Person"
    assert data["mainEntity"]["name"] == "Lee Jae Myung"


@pytest.mark.parametrize(
    ("path", "locale"), [("/", "en_US"), ("/ko/", "ko_KR"), ("/zh-hans/", "zh_CN")]
)
def test_open_graph_locale_is_language_and_territory(client, path, locale):
    (og,) = extract(client, path)["opengraph"]

    assert og["og:locale"] == locale


def test_every_page_has_a_preview_image_and_card(client):
    issue = IssueFactory()
    for path in ["/", "/events/", issue.get_absolute_url()]:
        response = client.get(path)
        html = response.content.decode()
        (og,) = extract(client, path)["opengraph"]
        assert og["og:image"].startswith("http")
        assert '<meta name="twitter:card" content="summary_large_image">' in html
        static_path = og["og:image"].removeprefix(settings.SITE_URL + settings.STATIC_URL)
        assert finders.find(static_path), og["og:image"]


def test_favicon_is_served(client):
    html = client.get("/").content.decode()

    assert 'rel="icon"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
