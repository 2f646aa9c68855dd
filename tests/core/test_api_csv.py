"""The API's CSV as partners load it (pandas, spreadsheets): one fixed schema per resource."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

import pandas as pd
import pytest
from django.core.management import call_command

from events.models import EventKind, StatementCitation
from tests.factories import (
    EventCitationFactory,
    EventFactory,
    EventParticipationFactory,
    EventSeriesFactory,
    IssueFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

RESOURCES = ["events", "people", "organizations", "issues", "statements", "sources"]


def header(response) -> list[str]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    return next(csv.reader(io.StringIO(text)), [])


def frame(response) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(response.content), dtype=str, keep_default_na=False)


@pytest.fixture
def mixed_events():
    series = EventSeriesFactory(slug="dialogue")
    parent = EventFactory(slug="state-visit", kind=EventKind.STATE_VISIT)
    EventFactory(
        slug="round-2",
        series=series,
        round_number=2,
        parent=parent,
        end_date=dt.date(2026, 1, 7),
        kind=EventKind.STRATEGIC_DIALOGUE,
    )
    EventFactory(slug="summit", kind=EventKind.SUMMIT, city="", country="")
    EventFactory(slug="call", kind=EventKind.PHONE_CALL, summary="")


@pytest.mark.parametrize("resource", RESOURCES)
def test_empty_result_still_has_the_header(client, resource):
    response = client.get(f"/api/v1/{resource}/?format=csv")

    columns = header(response)
    assert columns
    assert frame(response).empty
    assert list(frame(response).columns) == columns


def test_event_columns_do_not_depend_on_the_rows(client, mixed_events):
    everything = header(client.get("/api/v1/events/?format=csv"))
    for query in ["kind=summit", "kind=phone_call", "kind=strategic_dialogue", "q=nothing-here"]:
        assert header(client.get(f"/api/v1/events/?format=csv&{query}")) == everything, query
    assert {"end.date", "series.slug", "parent", "round_number"} <= set(everything)


def test_every_page_has_the_same_header(client, mixed_events):
    url = "/api/v1/events/?format=csv&page_size=1"
    headers = []
    while url:
        response = client.get(url)
        headers.append(header(response))
        match = re.search(r'<([^>]+)>; rel="next"', response.get("Link", ""))
        url = match.group(1).removeprefix("http://testserver") if match else None
    assert len(headers) == 4
    assert all(columns == headers[0] for columns in headers)


def test_includes_add_their_columns_whatever_the_rows(client):
    EventFactory()
    columns = header(client.get("/api/v1/events/?format=csv&include=sources,statements"))

    assert {"sources", "statements"} <= set(columns)


def test_list_cells_name_the_sources_and_statements_themselves(client):
    event = EventFactory()
    with_outlet = SourceFactory(outlet=OrganizationFactory(slug="herald"))
    without_outlet = SourceFactory(outlet=None)
    EventCitationFactory(event=event, source=with_outlet)
    EventCitationFactory(event=event, source=without_outlet)
    speaker = PersonFactory(slug="lee")
    first = StatementFactory(event=event, speaker=speaker, said_date=dt.date(2026, 1, 5))
    second = StatementFactory(event=event, speaker=speaker, said_date=dt.date(2026, 1, 6))
    EventParticipationFactory(event=event, person=speaker)

    (row,) = frame(
        client.get("/api/v1/events/?format=csv&include=sources,statements,participants")
    ).to_dict("records")

    assert sorted(row["sources"].split("; ")) == sorted(
        [str(with_outlet.pk), str(without_outlet.pk)]
    )
    assert row["statements"] == f"{first.pk}; {second.pk}"
    assert row["participants"] == "lee"


def test_statement_sources_cell_lists_source_ids(client):
    statement = StatementFactory()
    source = SourceFactory()
    StatementCitation.objects.create(statement=statement, source=source)

    (row,) = frame(client.get("/api/v1/statements/?format=csv&include=sources")).to_dict("records")

    assert row["sources"] == str(source.pk)


@pytest.mark.parametrize("payload", ["=HYPERLINK(1)", "+1+2", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(client, payload):
    EventFactory(title=payload, summary=payload)

    (row,) = frame(client.get("/api/v1/events/?format=csv")).to_dict("records")

    assert row["title"] == "'" + payload
    assert row["summary"] == "'" + payload


def test_numbers_are_not_neutralised(client):
    EventFactory(round_number=3, series=EventSeriesFactory())

    (row,) = frame(client.get("/api/v1/events/?format=csv")).to_dict("records")

    assert row["round_number"] == "3"


def test_csv_comes_with_a_download_filename(client):
    EventFactory(slug="summit")

    listing = client.get("/api/v1/events/?format=csv")
    detail = client.get("/api/v1/events/summit/?format=csv")

    assert listing["Content-Disposition"] == 'attachment; filename="events.csv"'
    assert detail["Content-Disposition"] == 'attachment; filename="event-summit.csv"'


def test_bom_parameter_adds_a_utf8_bom_for_excel(client):
    PersonFactory(display_name="Lee Jae Myung", native_name="이재명")

    plain = client.get("/api/v1/people/?format=csv")
    excel = client.get("/api/v1/people/?format=csv&bom=true")

    assert not plain.content.startswith(b"\xef\xbb\xbf")
    assert excel.content == b"\xef\xbb\xbf" + plain.content
    assert "이재명" in excel.content.decode("utf-8-sig")


def test_bad_bom_value_is_a_400(client):
    response = client.get("/api/v1/people/?format=csv&bom=maybe")

    assert response.status_code == 400
    assert "bom" in response.json()


def test_export_csv_has_the_detail_header_even_when_empty_and_neutralised_cells(
    client, settings, tmp_path
):
    settings.EXPORT_DIR = tmp_path
    event = EventFactory(title="=cmd|' /C calc'!A0")
    source = SourceFactory(outlet=None)
    EventCitationFactory(event=event, source=source)
    call_command("export_data", stdout=io.StringIO())  # the worker's build

    response = client.get("/api/v1/export/")
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        events = pd.read_csv(archive.open("events.csv"), dtype=str, keep_default_na=False)
        statements = archive.read("statements.csv").decode("utf-8")
        detail_header = header(client.get(f"/api/v1/events/{event.slug}/?format=csv"))

    (row,) = events.to_dict("records")
    assert row["title"] == "'=cmd|' /C calc'!A0"
    assert row["sources"] == str(source.pk)
    assert list(events.columns) == detail_header
    assert statements.startswith("id,speaker.slug,")  # no statements: still a header


@pytest.mark.parametrize("rows", [5, 50])
def test_whole_list_download_streams_every_filtered_row(client, django_assert_num_queries, rows):
    EventFactory.create_batch(rows, kind=EventKind.SUMMIT)
    EventFactory(kind=EventKind.PHONE_CALL)

    # The next scheduled publication (content version), the events, their citations.
    with django_assert_num_queries(3):
        response = client.get("/api/v1/events/download/?kind=summit&include=sources&bom=true")
        body = b"".join(response.streaming_content)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="events.csv"'
    data = pd.read_csv(io.BytesIO(body), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert len(data) == rows
    assert list(data.columns) == header(client.get("/api/v1/events/?format=csv&include=sources"))


def test_whole_list_download_rejects_bad_filters(client):
    response = client.get("/api/v1/events/download/?kind=picnic")

    assert response.status_code == 400
    assert "kind" in response.json()


def test_documented_columns_are_the_real_headers(client):
    from pathlib import Path

    from django.conf import settings

    docs = (Path(settings.BASE_DIR) / "docs" / "api.md").read_text(encoding="utf-8")
    block = docs.split("### CSV columns", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    documented = {
        (resource, kind): columns
        for resource, kind, columns in (line.split() for line in block.strip().splitlines())
    }
    event = EventFactory()
    statement = StatementFactory(event=event)
    objects = {
        "events": event.slug,
        "people": PersonFactory().slug,
        "organizations": OrganizationFactory().slug,
        "issues": IssueFactory().slug,
        "statements": statement.pk,
        "sources": SourceFactory().pk,
    }
    for resource, key in objects.items():
        listing = header(client.get(f"/api/v1/{resource}/?format=csv"))
        detail = header(client.get(f"/api/v1/{resource}/{key}/?format=csv"))
        assert documented[(resource, "list")] == ",".join(listing), resource
        assert documented[(resource, "detail")] == ",".join(detail), resource


def test_person_list_cells_identify_each_item(client):
    from people.models import PersonIdentifier

    person = PersonFactory()
    PositionFactory(person=person, organization=OrganizationFactory(slug="mofa"))
    PersonIdentifier.objects.create(person=person, scheme="wikidata", value="Q1")

    (row,) = frame(client.get(f"/api/v1/people/{person.slug}/?format=csv")).to_dict("records")

    assert row["positions"] == "mofa"
    assert row["identifiers"] == "wikidata:Q1"
