"""Partner API: statements and sources (filters, citations, visibility, query counts)."""

from __future__ import annotations

import datetime as dt

import pytest

from events.models import StatementCitation
from tests.api_utils import HIDDEN_STATES, get_json, hidden
from tests.factories import (
    EventFactory,
    IssueFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

STATEMENTS = "/api/v1/statements/"
SOURCES = "/api/v1/sources/"


def texts(payload: dict) -> set[str]:
    return {row["text"] for row in payload["results"]}


@pytest.fixture
def statement_world(db: object) -> None:
    cho = PersonFactory(slug="cho")
    wang = PersonFactory(slug="wang")
    talks = EventFactory(slug="talks")
    IssueFactory(slug="hallyu").events.add(talks)
    StatementFactory(speaker=cho, event=talks, text="A", said_date=dt.date(2026, 1, 5))
    StatementFactory(speaker=wang, event=talks, text="B", said_date=dt.date(2026, 2, 1))
    StatementFactory(speaker=wang, event=None, text="C", said_date=dt.date(2025, 3, 1))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("speaker=wang", {"B", "C"}),
        ("event=talks", {"A", "B"}),
        ("issue=hallyu", {"A", "B"}),
        ("date_from=2026-01", {"A", "B"}),
        ("date_to=2026-01", {"A", "C"}),
        ("date_from=2026-Q1&date_to=2026-Q1", {"A", "B"}),
        ("speaker=wang&event=talks", {"B"}),
        ("speaker=cho&date_from=2026-02", set()),
    ],
)
def test_statement_filters_select_matching_statements(client, statement_world, query, expected):
    assert texts(get_json(client, f"{STATEMENTS}?{query}")) == expected


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_statement_by_hidden_speaker_or_at_hidden_event_is_absent(client, state):
    StatementFactory(speaker=PersonFactory(**hidden(state)), text="secret speaker")
    statement = StatementFactory(event=EventFactory(**hidden(state)), text="secret event")
    assert get_json(client, STATEMENTS)["results"] == []
    assert "secret" not in client.get(f"{STATEMENTS}?format=csv").content.decode()
    assert client.get(f"{STATEMENTS}{statement.pk}/").status_code == 404


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_source_is_absent_and_never_cited(client, state):
    source = SourceFactory(title="Secret report", **hidden(state))
    statement = StatementFactory()
    StatementCitation.objects.create(statement=statement, source=source)
    assert get_json(client, SOURCES)["results"] == []
    assert client.get(f"{SOURCES}{source.pk}/").status_code == 404
    assert get_json(client, f"{STATEMENTS}{statement.pk}/")["sources"] == []
    assert "Secret" not in client.get(f"{STATEMENTS}?include=sources").content.decode()


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_outlet_and_author_are_not_named_on_a_source(client, state):
    source = SourceFactory(outlet=OrganizationFactory(slug="secret-outlet", **hidden(state)))
    source.authors.add(PersonFactory(slug="secret-author", **hidden(state)))
    body = client.get(f"{SOURCES}{source.pk}/").content.decode()
    assert "secret-outlet" not in body
    assert "secret-author" not in body


def test_source_filters(client):
    herald = OrganizationFactory(slug="herald")
    SourceFactory(
        title="Herald news", outlet=herald, kind="news", published_on_date=dt.date(2026, 1, 22)
    )
    SourceFactory(title="Readout", kind="readout", published_on_date=dt.date(2025, 11, 1))
    assert [r["title"] for r in get_json(client, f"{SOURCES}?outlet=herald")["results"]] == [
        "Herald news"
    ]
    assert [r["title"] for r in get_json(client, f"{SOURCES}?kind=readout")["results"]] == [
        "Readout"
    ]
    assert [r["title"] for r in get_json(client, f"{SOURCES}?date_from=2026")["results"]] == [
        "Herald news"
    ]


@pytest.mark.parametrize("rows", [5, 50])
def test_statement_list_with_sources_has_constant_queries(
    client, content_version_known, django_assert_num_queries, rows
):
    for _ in range(rows):
        StatementCitation.objects.create(statement=StatementFactory(), source=SourceFactory())
    with django_assert_num_queries(3):  # page (speaker, event joined) + citations + outlets
        payload = get_json(client, f"{STATEMENTS}?page_size=50&include=sources")
    assert len(payload["results"]) == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_source_list_and_detail_have_constant_queries(
    client, content_version_known, django_assert_num_queries, rows
):
    for _ in range(rows):
        source = SourceFactory()
        source.authors.add(PersonFactory())
    with django_assert_num_queries(2):  # page + published outlets
        payload = get_json(client, f"{SOURCES}?page_size=50")
    assert len(payload["results"]) == rows
    with django_assert_num_queries(3):  # source + published outlet + authors
        get_json(client, f"{SOURCES}{source.pk}/")


@pytest.mark.parametrize("rows", [5, 50])
def test_statement_detail_has_constant_queries(
    client, content_version_known, django_assert_num_queries, rows
):
    statement = StatementFactory()
    for _ in range(rows):
        StatementCitation.objects.create(statement=statement, source=SourceFactory())
    with django_assert_num_queries(3):  # statement + citations + their published outlets
        payload = get_json(client, f"{STATEMENTS}{statement.pk}/")
    assert len(payload["sources"]) == rows
