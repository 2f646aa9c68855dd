"""sitemap.xml lists every published page with its last edit; robots.txt points to it."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from core.editorial import EditorialStatus
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


def sitemap_entries(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }


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
def test_sitemap_query_count_is_constant(client, django_assert_max_num_queries, rows):
    EventFactory.create_batch(rows)
    PersonFactory.create_batch(rows)

    with django_assert_max_num_queries(10):
        entries = sitemap_entries(client)

    assert sum("/events/" in loc for loc in entries) >= rows


def test_robots_txt_allows_all_but_admin_and_api_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /api/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
