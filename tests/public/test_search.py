"""Search across people (every name form), events, issues and statements, grouped by type."""

from __future__ import annotations

import pytest

from core.editorial import EditorialStatus
from people.models import NameKind, Person
from tests.factories import (
    EventFactory,
    IssueFactory,
    PersonFactory,
    PersonNameFactory,
    StatementFactory,
)
from tests.pages import assert_page_queries

pytestmark = pytest.mark.django_db


def person_with_names(display: str, native: str, *aliases: str, **kwargs: object) -> Person:
    person = PersonFactory(display_name=display, native_name=native, **kwargs)
    for alias in aliases:
        PersonNameFactory(person=person, name=alias, kind=NameKind.ROMANIZATION)
    person.refresh_from_db()  # the names' saves refreshed its search key
    return person


@pytest.fixture
def lee(db) -> Person:
    return person_with_names("Lee Jae Myung", "이재명", "Lee Jae-myung", slug="lee-jae-myung")


@pytest.fixture
def xi(db) -> Person:
    return person_with_names("Xi Jinping", "习近平", "Xi Jin-ping", slug="xi-jinping", country="CN")


@pytest.mark.parametrize(
    "query",
    ["Lee Jae Myung", "이재명", "Lee Jae-myung", "lee jae-myung", "LEE JAEMYUNG", "jae myung lee"],
)
def test_person_search_finds_lee_by_every_name_form(lee, query):
    assert list(Person.objects.published().search(query)) == [lee]


@pytest.mark.parametrize("query", ["Xi Jinping", "习近平", "Xi Jin-ping", "jinping"])
def test_person_search_finds_xi_by_every_name_form(xi, lee, query):
    assert list(Person.objects.published().search(query)) == [xi]


@pytest.mark.parametrize("query", ["이재명", "Lee Jae-myung", "Lee Jae Myung"])
def test_search_page_finds_lee_under_people(client, lee, query):
    response = client.get("/search/", {"q": query})
    html = response.content.decode()
    assert 'id="results-people"' in html
    assert 'href="/people/lee-jae-myung/"' in html


def test_search_page_groups_results_by_type(client, lee):
    EventFactory(title="Lee–Xi summit in Beijing")
    IssueFactory(title="Summit follow-up")
    StatementFactory(speaker=lee, text="The summit is a turning point.")
    html = client.get("/search/", {"q": "summit"}).content.decode()
    assert 'id="results-events"' in html
    assert 'id="results-issues"' in html
    assert 'id="results-statements"' in html
    assert "The summit is a turning point." in html


def test_search_page_leaves_out_drafts(client):
    EventFactory(title="Hidden summit", editorial_status=EditorialStatus.DRAFT)
    PersonFactory(display_name="Hidden Person", editorial_status=EditorialStatus.REVIEW)
    html = client.get("/search/", {"q": "Hidden"}).content.decode()
    assert "Hidden summit" not in html
    assert "Hidden Person" not in html
    assert "0 results" in html


def test_search_page_without_query_shows_form_only(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'id="search-q"' in response.content.decode()


def test_statement_search_matches_cjk_text(lee):
    statement = StatementFactory(speaker=lee, text="三尺之冰，非一日之寒")
    assert list(type(statement).objects.published().search("一日之寒")) == [statement]


def test_issue_search_matches_background(db):
    issue = IssueFactory(background="<p>Since the THAAD deployment in 2016.</p>")
    assert list(type(issue).objects.published().search("THAAD")) == [issue]


@pytest.mark.parametrize("rows", [5, 50])
def test_search_query_count_is_constant(client, rows, django_assert_num_queries):
    for n in range(rows):
        person = PersonFactory(display_name=f"Summit Person {n}")
        StatementFactory(speaker=person, text=f"Summit quote {n}")
        IssueFactory(title=f"Summit issue {n}")
    assert_page_queries(client, "/search/?q=summit", django_assert_num_queries, 4)


def test_search_page_survives_nul_bytes(client, lee):
    response = client.get("/search/", {"q": "Lee\x00 Jae"})
    assert response.status_code == 200
    assert 'href="/people/lee-jae-myung/"' in response.content.decode()
