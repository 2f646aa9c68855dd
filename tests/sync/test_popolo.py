"""The Popolo JSON export: what civic-tech tools load, read by a real Popolo reader.

Two independent checks: the constraints of the Popolo JSON schemas (person, organization,
membership, event, other_name, identifier, link — restated below as one JSON Schema, because the
Popolo schemas are not published on a package registry this project can install from), and
`everypolitician-popolo`, EveryPolitician's own Popolo reader, resolving people, memberships and
events from the document.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import jsonschema
import orjson
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from popolo_data.importer import Popolo

from core.editorial import EditorialStatus
from sync.export import write_archive
from tests.factories import (
    EventFactory,
    EventParticipationFactory,
    OrganizationFactory,
    PersonFactory,
    PersonNameFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/export/popolo/"
POPOLO_DATE = r"^[0-9]{4}(-[0-9]{2}){0,2}$"
DATE = {"type": "string", "pattern": POPOLO_DATE}
TEXT = {"type": "string", "minLength": 1}
OTHER_NAME = {
    "type": "object",
    "required": ["name"],
    "properties": {"name": TEXT, "note": {"type": "string"}, "start_date": DATE, "end_date": DATE},
}
IDENTIFIER = {
    "type": "object",
    "required": ["identifier"],
    "properties": {"identifier": TEXT, "scheme": {"type": "string"}},
}
LINK = {
    "type": "object",
    "required": ["url"],
    "properties": {"url": {"type": "string", "format": "uri"}, "note": {"type": "string"}},
}
PERSON = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {
        "id": TEXT,
        "name": TEXT,
        "sort_name": {"type": "string"},
        "other_names": {"type": "array", "items": OTHER_NAME},
        "identifiers": {"type": "array", "items": IDENTIFIER},
        "biography": {"type": "string"},
        "image": {"type": "string", "format": "uri"},
        "national_identity": {"type": "string"},
        "links": {"type": "array", "items": LINK},
    },
    "additionalProperties": False,
}
SCHEMA = {
    "type": "object",
    "required": ["persons", "organizations", "memberships", "events"],
    "properties": {
        "persons": {"type": "array", "items": PERSON},
        "organizations": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {
                    "id": TEXT,
                    "name": TEXT,
                    "other_names": {"type": "array", "items": OTHER_NAME},
                    "classification": {"type": "string"},
                    "parent_id": TEXT,
                    "links": {"type": "array", "items": LINK},
                },
                "additionalProperties": False,
            },
        },
        "memberships": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "person_id", "organization_id"],
                "properties": {
                    "id": TEXT,
                    "person_id": TEXT,
                    "organization_id": TEXT,
                    "role": {"type": "string"},
                    "start_date": DATE,
                    "end_date": DATE,
                },
                "additionalProperties": False,
            },
        },
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {
                    "id": TEXT,
                    "name": TEXT,
                    "description": {"type": "string"},
                    "classification": {"type": "string"},
                    "status": {"type": "string"},
                    "start_date": DATE,
                    "end_date": DATE,
                    "location": {"type": "string"},
                    "parent_id": TEXT,
                    "attendees": {"type": "array", "items": PERSON},
                    "sources": {"type": "array", "items": LINK},
                    "links": {"type": "array", "items": LINK},
                },
                "additionalProperties": False,
            },
        },
    },
}


def validate(document: dict) -> None:
    jsonschema.Draft7Validator(
        SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    ).validate(document)
    persons = {p["id"] for p in document["persons"]}
    organizations = {o["id"] for o in document["organizations"]}
    for membership in document["memberships"]:
        assert membership["person_id"] in persons, membership
        assert membership["organization_id"] in organizations, membership
    for event in document["events"]:
        assert {a["id"] for a in event.get("attendees", [])} <= persons, event


@pytest.fixture
def dataset():
    mofa = OrganizationFactory(
        slug="mofa", name="Ministry of Foreign Affairs", native_name="외교부", abbreviation="MOFA"
    )
    lee = PersonFactory(slug="lee", display_name="Lee Jae Myung", native_name="이재명")
    PersonNameFactory(person=lee, name="Lee Jae-myung")
    cho = PersonFactory(slug="cho", display_name="Cho Hyun")
    PositionFactory(
        person=cho,
        organization=mofa,
        title="Minister of Foreign Affairs",
        start_date=dt.date(2025, 7, 1),
        start_precision="month",
    )
    summit = EventFactory(slug="summit", title="Summit", start_date=dt.date(2026, 1, 5))
    EventParticipationFactory(event=summit, person=lee)
    EventFactory(
        slug="q1-talks",
        title="Talks expected in the first quarter",
        start_date=dt.date(2026, 1, 1),
        start_precision="quarter",
    )
    return {"mofa": mofa, "lee": lee, "cho": cho, "summit": summit}


def test_popolo_document_meets_the_popolo_schemas_and_a_popolo_reader_loads_it(client, dataset):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.has_header("ETag")
    document = response.json()
    validate(document)

    popolo = Popolo(document)
    lee = popolo.persons.get(id="lee")
    assert lee.name == "Lee Jae Myung"
    assert {n["name"] for n in lee.other_names} >= {"이재명", "Lee Jae-myung"}
    (membership,) = list(popolo.memberships)
    assert (membership.person.id, membership.organization.name) == (
        "cho",
        "Ministry of Foreign Affairs",
    )
    assert membership.role == "Minister of Foreign Affairs"
    assert str(membership.start_date.midpoint_date)[:7] == "2025-07"
    summit = popolo.events.get(id="summit")
    assert summit.start_date.midpoint_date == dt.date(2026, 1, 5)
    by_id = {e["id"]: e for e in document["events"]}
    assert [a["id"] for a in by_id["summit"]["attendees"]] == ["lee"]


def test_a_quarter_is_written_as_the_months_it_spans_never_as_a_day(client, dataset):
    talks = {e["id"]: e for e in client.get(URL).json()["events"]}["q1-talks"]
    assert (talks["start_date"], talks["end_date"]) == ("2026-01", "2026-03")


@pytest.mark.parametrize(
    "hidden",
    [
        {"editorial_status": EditorialStatus.DRAFT},
        {"editorial_status": EditorialStatus.ARCHIVED},
        {"publish_at": dt.datetime(2999, 1, 1, tzinfo=dt.UTC)},
    ],
)
def test_nothing_hidden_and_no_hidden_name_is_in_the_document(client, dataset, hidden):
    secret_org = OrganizationFactory(slug="secret-org", name="Secret Bureau", **hidden)
    secret = PersonFactory(slug="secret", display_name="Hidden Person", **hidden)
    PositionFactory(person=dataset["cho"], organization=secret_org, title="Envoy")
    EventParticipationFactory(event=dataset["summit"], person=secret)
    EventFactory(slug="secret-event", title="Secret Meeting", **hidden)
    body = client.get(URL).content.decode()
    for name in ("secret-org", "Secret Bureau", "Hidden Person", "secret-event", "Secret Meeting"):
        assert name not in body
    validate(orjson.loads(body))


def test_the_bulk_export_carries_the_same_document(client, dataset):
    buffer = io.BytesIO()
    manifest = write_archive(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        in_archive = orjson.loads(archive.read("popolo.json"))
    assert manifest["popolo"]["counts"] == {
        "persons": 2,
        "organizations": 1,
        "memberships": 1,
        "events": 2,
    }
    # Same content; only the host of absolute links differs (the archive uses SITE_URL).
    assert [p["id"] for p in in_archive["persons"]] == [
        p["id"] for p in client.get(URL).json()["persons"]
    ]
    validate(in_archive)


def queries_for(client, people: int) -> int:
    organization = OrganizationFactory()
    event = EventFactory()
    for _ in range(people):
        person = PersonFactory()
        PositionFactory(person=person, organization=organization)
        PersonNameFactory(person=person, name=f"{person.display_name} alias")
        EventParticipationFactory(event=event, person=person)
    client.get(URL)  # warm the content version and the schema caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_rows(client, django_db_blocker):
    five = queries_for(client, 5)
    fifty = queries_for(client, 45)  # 50 people in all
    assert fifty == five
