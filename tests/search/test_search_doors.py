"""Every door that takes `q` answers from the index in a constant number of queries.

Pinned with equality at 5 and at 50 matching rows (tests/pages.py): a page that starts querying
per row fails, and so does a search that stops going through the index's one join.
"""

from __future__ import annotations

import pytest

from tests.factories import EventFactory, IssueFactory, PersonFactory, StatementFactory
from tests.pages import assert_page_queries

pytestmark = pytest.mark.django_db

SEARCH_PAGE_QUERIES = 4
EVENT_LIST_QUERIES = 5
API_QUERIES = 2


def summit_rows(count: int) -> None:
    speaker = PersonFactory(display_name="Summit Speaker")
    for n in range(count):
        event = EventFactory(title=f"Summit number {n}")
        StatementFactory(speaker=speaker, event=event, text=f"Summit quote {n}.")
        IssueFactory(title=f"Summit issue {n}")
        PersonFactory(display_name=f"Summit Person {n}")


@pytest.mark.parametrize("rows", [5, 50])
def test_search_page_queries_are_constant(client, django_assert_num_queries, rows):
    summit_rows(rows)
    assert_page_queries(client, "/search/?q=summit", django_assert_num_queries, SEARCH_PAGE_QUERIES)


@pytest.mark.parametrize("rows", [5, 50])
def test_event_list_search_queries_are_constant(client, django_assert_num_queries, rows):
    summit_rows(rows)
    assert_page_queries(client, "/events/?q=summit", django_assert_num_queries, EVENT_LIST_QUERIES)


@pytest.mark.parametrize("rows", [5, 50])
def test_api_search_queries_are_constant(client, django_assert_num_queries, rows):
    summit_rows(rows)
    with django_assert_num_queries(API_QUERIES):
        response = client.get("/api/v1/events/?q=summit")
    assert response.status_code == 200
    results = response.json()["results"]
    assert results
    assert all("Summit" in event["title"] for event in results)


def test_search_page_counts_every_match_and_links_to_the_full_list(client):
    for n in range(25):
        EventFactory(title=f"Summit number {n}")
    html = client.get("/search/?q=summit").content.decode()
    assert '<span class="count">25</span>' in html
    assert 'href="/events/?q=summit"' in html
    assert "25 results" in html
