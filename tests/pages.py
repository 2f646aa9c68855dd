"""Helpers for the public page tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from core.web.cache import content_version

# Every public page must stay within this many queries, whatever the number of rows.
MAX_PAGE_QUERIES = 10


def assert_page_queries(
    client: Client, url: str, assert_num_queries: Callable[..., Any], count: int
) -> None:
    """One anonymous render of `url` makes exactly `count` (≤ MAX_PAGE_QUERIES) queries.

    Tests call it at 5 and at 50 rows with the same `count`: equality, not a ceiling, so a page
    that starts querying per row fails, and so does one that gets cheaper without the pin moving.
    """
    assert count <= MAX_PAGE_QUERIES
    content_version()  # the version's one-off lookup is not part of the page's cost
    with assert_num_queries(count):
        response = client.get(url)
    assert response.status_code == 200


# The URL prefix of each language: English has none (core.web.language).
LANGUAGE_PREFIXES = {"en": "", "ko": "/ko", "zh-hans": "/zh-hans"}

# Every kind of public page and every feed and calendar, for a dataset with an event "summit",
# a person "lee" of organization "office" and an issue "hallyu" (plus a source page, whose URL
# is its id).
PAGE_PATHS = [
    "/",
    "/events/",
    "/events/summit/",
    "/people/",
    "/people/lee/",
    "/organizations/office/",
    "/issues/",
    "/issues/hallyu/",
    "/sources/",
    "/search/?q=meeting",
]
FEED_PATHS = [
    "/feeds/latest.rss",
    "/feeds/latest.atom",
    "/events/calendar.ics",
    "/events/summit/calendar.ics",
    "/people/lee/feed.rss",
    "/people/lee/feed.atom",
    "/people/lee/calendar.ics",
    "/issues/hallyu/feed.rss",
    "/issues/hallyu/feed.atom",
    "/issues/hallyu/calendar.ics",
]
