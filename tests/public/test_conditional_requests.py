"""Conditional requests, compression and CORS headers as browsers, readers and partners use them."""

from __future__ import annotations

import datetime as dt
import gzip
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from core.editorial import EditorialStatus
from core.web.cache import VERSION_KEY
from events.models import Event
from tests.factories import EventFactory, IssueFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_etags_are_per_url(client):
    EventFactory(slug="summit")

    assert client.get("/").headers["ETag"] != client.get("/events/summit/").headers["ETag"]


@pytest.mark.parametrize("path", ["/events/hidden/", "/events/no-such-event/", "/no-such-page/"])
def test_another_urls_validators_never_turn_a_404_into_a_304(client, path):
    EventFactory(slug="hidden", editorial_status=EditorialStatus.DRAFT)
    home = client.get("/")

    by_etag = client.get(path, headers={"If-None-Match": home.headers["ETag"]})
    by_date = client.get(path, headers={"If-Modified-Since": home.headers["Last-Modified"]})

    assert by_etag.status_code == 404
    assert by_date.status_code == 404


def test_revalidating_a_cached_page_costs_no_query(client, django_assert_num_queries):
    EventFactory(slug="summit")
    etag = client.get("/events/summit/").headers["ETag"]

    with django_assert_num_queries(0):
        response = client.get("/events/summit/", headers={"If-None-Match": etag})

    assert response.status_code == 304


@pytest.fixture
def feed_and_calendar_paths() -> list[str]:
    person = PersonFactory(slug="lee")
    issue = IssueFactory(slug="hallyu")
    EventFactory(slug="summit")
    return [
        "/feeds/latest.rss",
        "/feeds/latest.atom",
        f"/issues/{issue.slug}/feed.rss",
        f"/people/{person.slug}/feed.atom",
        "/events/calendar.ics",
        "/events/summit/calendar.ics",
        f"/issues/{issue.slug}/calendar.ics",
        f"/people/{person.slug}/calendar.ics",
    ]


def test_feeds_and_calendars_answer_304(client, feed_and_calendar_paths):
    for path in feed_and_calendar_paths:
        first = client.get(path)
        assert first.status_code == 200, path

        by_etag = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
        by_date = client.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]})

        assert by_etag.status_code == 304, path
        assert by_date.status_code == 304, path


def test_feed_is_200_again_after_a_save(client):
    event = EventFactory(title="Before")
    first = client.get("/feeds/latest.rss")
    event.title = "After"
    event.save()

    response = client.get("/feeds/latest.rss", headers={"If-None-Match": first.headers["ETag"]})

    assert response.status_code == 200
    assert b"After" in response.content


def test_api_honours_if_modified_since(client):
    event = EventFactory()
    # The copy was fetched a minute after the last change (HTTP dates count whole seconds).
    version, scheduled, known = cache.get(VERSION_KEY)
    cache.set(VERSION_KEY, (version - 60, scheduled, known))
    Event.objects.filter(pk=event.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=1))
    first = client.get("/api/v1/events/")

    unchanged = client.get(
        "/api/v1/events/", headers={"If-Modified-Since": first.headers["Last-Modified"]}
    )
    event.delete()  # a deletion moves no row's updated_at, yet the list changed
    changed = client.get(
        "/api/v1/events/", headers={"If-Modified-Since": first.headers["Last-Modified"]}
    )

    assert unchanged.status_code == 304
    assert changed.status_code == 200


def test_export_304_carries_its_etag(client, settings, tmp_path, task_queue):
    settings.EXPORT_DIR = tmp_path
    call_command("export_data", stdout=io.StringIO())
    first = client.get("/api/v1/export/")
    etag = first.headers["ETag"]

    response = client.get("/api/v1/export/", headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.headers["ETag"] == etag


@pytest.mark.parametrize(
    "path", ["/", "/events/", "/api/v1/events/", "/feeds/latest.atom", "/events/calendar.ics"]
)
def test_text_responses_are_compressed(client, path):
    EventFactory.create_batch(3)

    response = client.get(path, headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content)
    assert "Accept-Encoding" in response.headers["Vary"]


def test_cors_exposes_the_headers_partners_need(client):
    response = client.get("/api/v1/events/", headers={"Origin": "https://partner.example"})

    exposed = {
        h.strip().lower() for h in response.headers["Access-Control-Expose-Headers"].split(",")
    }
    assert {"etag", "last-modified", "link", "retry-after", "content-disposition"} <= exposed


def test_cors_preflight_allows_conditional_headers(client):
    response = client.options(
        "/api/v1/events/",
        headers={
            "Origin": "https://partner.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match, if-modified-since, authorization",
        },
    )

    allowed = {
        h.strip().lower() for h in response.headers["Access-Control-Allow-Headers"].split(",")
    }
    assert {"if-none-match", "if-modified-since", "authorization"} <= allowed


def test_feeds_and_calendars_are_rendered_once_per_content_version(
    client, feed_and_calendar_paths, django_assert_num_queries
):
    for path in feed_and_calendar_paths:
        client.get(path)
        # a second reader without a copy gets the cached body: nothing is queried or rendered
        with django_assert_num_queries(0):
            again = client.get(path)
        assert again.status_code == 200, path
        assert "public" in again.headers["Cache-Control"], path


def test_calendar_shows_a_save_at_once(client):
    event = EventFactory(title="Before")
    assert b"SUMMARY:Before" in client.get("/events/calendar.ics").content
    event.title = "After"
    event.save()
    assert b"SUMMARY:After" in client.get("/events/calendar.ics").content


def test_an_etag_given_for_one_url_never_revalidates_a_hidden_one(client):
    EventFactory(slug="hidden", editorial_status=EditorialStatus.DRAFT)
    EventFactory(slug="summit")
    etag = client.get("/events/summit/calendar.ics").headers["ETag"]
    forged = etag.replace(etag.rsplit("-", 1)[1], "0" * 20 + '"')

    for path in ["/events/hidden/calendar.ics", "/events/hidden/"]:
        assert client.get(path, headers={"If-None-Match": etag}).status_code == 404
        assert client.get(path, headers={"If-None-Match": forged}).status_code == 404
