"""sitemap.xml, an index of section files of ROWS_PER_FILE pages (far under 50,000 URLs), lists
every published page with its last edit; robots.txt points to the index."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from core.editorial import EditorialStatus
from public.sitemaps import MAX_URLS_PER_FILE, EventSitemap
from tests.factories import (
    EventFactory,
    IssueFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
DRAFT = EditorialStatus.DRAFT


def index_files(client) -> list[str]:
    """The files /sitemap.xml (a sitemap index) names, as local paths with their query."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    return [
        loc.removeprefix("http://testserver")
        for loc in (s.findtext("sm:loc", namespaces=NS) for s in root.findall("sm:sitemap", NS))
    ]


def file_entries(client, path: str) -> dict[str, str | None]:
    response = client.get(path)
    assert response.status_code == 200, path
    root = ET.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }


def sitemap_entries(client) -> dict[str, str | None]:
    """Every URL of every file the index names."""
    entries: dict[str, str | None] = {}
    for path in index_files(client):
        entries.update(file_entries(client, path))
    return entries


def test_sitemap_lists_published_pages_with_lastmod(client):
    objects = [
        EventFactory(),
        PersonFactory(),
        IssueFactory(),
        OrganizationFactory(),
        SourceFactory(outlet=None),
    ]

    entries = sitemap_entries(client)

    for obj in objects:
        loc = "http://testserver" + obj.get_absolute_url()
        # The sitemap writes dates in the site's time zone (Asia/Seoul), not UTC.
        assert entries[loc] == timezone.localtime(obj.updated_at).date().isoformat(), loc


def test_sitemap_lists_the_home_page(client):
    assert "http://testserver/" in sitemap_entries(client)


def test_sitemap_leaves_out_drafts_and_scheduled(client):
    hidden = [
        EventFactory(editorial_status=DRAFT),
        PersonFactory(editorial_status=DRAFT),
        IssueFactory(editorial_status=EditorialStatus.REVIEW),
        OrganizationFactory(editorial_status=EditorialStatus.ARCHIVED),
        SourceFactory(outlet=None, editorial_status=DRAFT),
        EventFactory(publish_at=dt.datetime(2999, 1, 1, tzinfo=dt.UTC)),
    ]

    entries = sitemap_entries(client)

    for obj in hidden:
        assert "http://testserver" + obj.get_absolute_url() not in entries


@pytest.mark.parametrize("rows", [5, 50])
def test_sitemap_query_count_is_constant(
    client, content_version_known, django_assert_num_queries, rows
):
    EventFactory.create_batch(rows)
    PersonFactory.create_batch(rows)

    # The index: each model section's file bounds and lastmods, one query each (five), kept
    # for the content version; then a file reads only its own rows.
    with django_assert_num_queries(5):
        files = index_files(client)
    with django_assert_num_queries(1):
        entries = file_entries(client, "/sitemap-events.xml")

    assert "/sitemap-events.xml" in files
    assert sum("/events/" in loc for loc in entries) == rows * 3  # once per language


def test_sitemap_splits_sections_into_files_of_limited_size(client, monkeypatch):
    """At most `rows_per_file` pages per file; every page is listed and served."""
    monkeypatch.setattr(EventSitemap, "rows_per_file", 2)
    events = EventFactory.create_batch(5)

    files = index_files(client)

    event_files = [f for f in files if f.startswith("/sitemap-events.xml")]
    assert event_files == [
        "/sitemap-events.xml",
        "/sitemap-events.xml?p=2",
        "/sitemap-events.xml?p=3",
    ]
    pages = [file_entries(client, f) for f in event_files]
    # Each event once per language: 2, 2 and 1 events.
    assert [len(p) for p in pages] == [6, 6, 3]
    listed = {loc for page in pages for loc in page}
    assert listed == {
        f"http://testserver{prefix}{e.get_absolute_url()}"
        for e in events
        for prefix in ("", "/ko", "/zh-hans")
    }
    assert client.get("/sitemap-events.xml?p=4").status_code == 404
    assert client.get("/sitemap-events.xml?p=x").status_code == 404


def test_each_sitemap_file_has_its_own_lastmod_in_the_index(client, monkeypatch):
    monkeypatch.setattr(EventSitemap, "rows_per_file", 2)
    old = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    events = EventFactory.create_batch(4)
    for event in events[:2]:  # the first file's rows were last edited long ago
        type(event).objects.filter(pk=event.pk).update(updated_at=old)

    root = ET.fromstring(client.get("/sitemap.xml").content)

    lastmods = {
        s.findtext("sm:loc", namespaces=NS).removeprefix("http://testserver"): s.findtext(
            "sm:lastmod", namespaces=NS
        )
        for s in root.findall("sm:sitemap", NS)
    }
    assert dt.datetime.fromisoformat(lastmods["/sitemap-events.xml"]) == old
    newest = max(type(e).objects.get(pk=e.pk).updated_at for e in events[2:])
    assert dt.datetime.fromisoformat(lastmods["/sitemap-events.xml?p=2"]) == newest


def test_sitemap_files_stay_far_under_the_protocols_limit():
    languages = 3
    assert EventSitemap.rows_per_file * languages <= MAX_URLS_PER_FILE
    assert EventSitemap.rows_per_file <= 1000  # a file costs the same at any size of the site


def test_robots_txt_allows_all_but_admin_and_api_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /api/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
