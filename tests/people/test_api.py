"""Partner API: people and organizations (filters, positions, names, visibility, query counts)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.api_utils import HIDDEN_STATES, get_json, hidden, slugs
from tests.factories import (
    OrganizationFactory,
    PersonFactory,
    PersonNameFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"
ORGANIZATIONS = "/api/v1/organizations/"


@pytest.fixture
def people_world(db: object) -> None:
    """Two foreign ministers in succession, and a Chinese minister with a Hanzi name."""
    mofa = OrganizationFactory(slug="mofa", country="KR")
    PositionFactory(
        person=PersonFactory(slug="old-minister", country="KR"),
        organization=mofa,
        title="Minister of Foreign Affairs",
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2025, 6, 3),
    )
    PositionFactory(
        person=PersonFactory(slug="cho-hyun", display_name="Cho Hyun", country="KR"),
        organization=mofa,
        title="Minister of Foreign Affairs",
        start_date=dt.date(2025, 7, 1),
        start_precision="month",
    )
    wang = PersonFactory(slug="wang-yi", display_name="Wang Yi", native_name="王毅", country="CN")
    PersonNameFactory(person=wang, name="Wang I")
    from people.services import person_refresh_search_key

    person_refresh_search_key(person=wang)
    PositionFactory(person=wang, organization=OrganizationFactory(slug="cn-mfa", country="CN"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=CN", {"wang-yi"}),
        ("country=kr", {"old-minister", "cho-hyun"}),
        ("organization=mofa", {"old-minister", "cho-hyun"}),
        ("organization=mofa&as_of=2024-05-01", {"old-minister"}),
        ("title=foreign affairs", {"cho-hyun"}),
        ("title=foreign affairs&as_of=2024", {"old-minister"}),
        ("title=foreign affairs&as_of=2025-06-15", set()),
        ("q=王毅", {"wang-yi"}),
        ("q=wang-i", {"wang-yi"}),
        ("q=cho hyun", {"cho-hyun"}),
        ("q=cho&country=CN", set()),
        ("country=KR&organization=mofa&title=minister", {"cho-hyun"}),
    ],
)
def test_person_filters_select_matching_people(client, people_world, query, expected):
    payload = get_json(client, f"{PEOPLE}?{query}")
    assert set(slugs(payload)) == expected


def test_person_detail_has_positions_other_names_and_current_title(client, people_world):
    payload = get_json(client, f"{PEOPLE}wang-yi/")
    assert payload["native_name"] == "王毅"
    assert payload["other_names"][0]["name"] == "Wang I"
    assert payload["positions"][0]["organization"]["slug"] == "cn-mfa"
    assert payload["current_title"] == "Minister"


def test_cho_position_start_keeps_its_precision(client, people_world):
    payload = get_json(client, f"{PEOPLE}cho-hyun/")
    assert payload["positions"][0]["start"] == {
        "date": "2025-07-01",
        "precision": "month",
        "display": "July 2025",
        "edtf": "2025-07",
    }


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_person_is_absent_everywhere(client, state):
    PersonFactory(slug="secret", country="KR", **hidden(state))
    assert slugs(get_json(client, PEOPLE)) == []
    assert slugs(get_json(client, f"{PEOPLE}?country=KR&q=person")) == []
    assert "secret" not in client.get(f"{PEOPLE}?format=csv").content.decode()
    assert client.get(f"{PEOPLE}secret/").status_code == 404


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_organization_is_not_named_in_positions(client, state):
    secret = OrganizationFactory(slug="secret-org", **hidden(state))
    PositionFactory(person=PersonFactory(slug="p"), organization=secret)
    # Like a participation with a hidden person: the position is not there at all.
    assert get_json(client, f"{PEOPLE}p/")["positions"] == []
    assert "secret-org" not in client.get(f"{PEOPLE}?include=positions").content.decode()
    assert client.get(f"{ORGANIZATIONS}secret-org/").status_code == 404
    assert get_json(client, f"{PEOPLE}?organization=secret-org", status=400).keys() == {
        "organization"
    }


def test_organization_filters(client):
    OrganizationFactory(slug="herald", kind="media", country="KR")
    OrganizationFactory(slug="mfa", kind="ministry", country="CN")
    assert slugs(get_json(client, f"{ORGANIZATIONS}?kind=media")) == ["herald"]
    assert slugs(get_json(client, f"{ORGANIZATIONS}?country=CN")) == ["mfa"]


def test_person_list_include_positions(client, people_world):
    payload = get_json(client, f"{PEOPLE}?include=positions,other_names,identifiers")
    row = next(row for row in payload["results"] if row["slug"] == "wang-yi")
    assert row["positions"][0]["title"] == "Minister"
    assert row["identifiers"] == []


@pytest.mark.parametrize("rows", [5, 50])
def test_people_list_with_includes_has_constant_queries(
    client, content_version_known, django_assert_num_queries, rows
):
    for _ in range(rows):
        person = PersonFactory()
        PositionFactory(person=person)
        PersonNameFactory(person=person)
    with django_assert_num_queries(4):  # page + positions + other names + identifiers
        payload = get_json(
            client, f"{PEOPLE}?page_size=50&include=positions,other_names,identifiers"
        )
    assert len(payload["results"]) == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_person_detail_has_constant_queries(
    client, content_version_known, django_assert_num_queries, rows
):
    person = PersonFactory(slug="busy")
    for n in range(rows):
        PositionFactory(person=person, title=f"Title {n}")
        PersonNameFactory(person=person)
    with django_assert_num_queries(4):
        payload = get_json(client, f"{PEOPLE}busy/")
    assert len(payload["positions"]) == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_organization_list_and_detail_have_constant_queries(
    client, content_version_known, django_assert_num_queries, rows
):
    parent = OrganizationFactory(slug="parent")
    for _ in range(rows):
        OrganizationFactory(parent=parent)
    with django_assert_num_queries(1):
        payload = get_json(client, f"{ORGANIZATIONS}?page_size=200")
    assert len(payload["results"]) == rows + 1
    child = payload["results"][-1]["slug"]
    with django_assert_num_queries(1):
        get_json(client, f"{ORGANIZATIONS}{child}/")
