"""Partner API: events (filters, includes, visibility, formats, paging, query counts)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import icalendar
import pytest

from events.models import EventKind, EventStatus
from tests.api_utils import HIDDEN_STATES, all_pages, get_json, hidden, slugs
from tests.factories import (
    EventCitationFactory,
    EventFactory,
    EventParticipationFactory,
    EventSeriesFactory,
    IssueFactory,
    PersonFactory,
    PositionFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/events/"


def full_event(n: int) -> object:
    """A published event with a participant, a citation, an issue and a statement."""
    event = EventFactory(slug=f"full-{n}", start_date=dt.date(2026, 1, 1) + dt.timedelta(days=n))
    person = PersonFactory()
    PositionFactory(person=person)
    EventParticipationFactory(event=event, person=person)
    EventCitationFactory(event=event)
    IssueFactory().events.add(event)
    StatementFactory(event=event, speaker=person)
    return event


# --- Filters ------------------------------------------------------------------------------------


@pytest.fixture
def filter_world(db: object) -> dict[str, object]:
    """Events that differ in exactly one filtered attribute each."""
    series = EventSeriesFactory(slug="dialogue")
    person = PersonFactory(slug="cho-hyun")
    issue = IssueFactory(slug="hallyu-ban")
    parent = EventFactory(
        slug="parent", title="Parent visit", start_date=dt.date(2025, 6, 1), kind="state_visit"
    )
    events = {
        "summit": EventFactory(
            slug="summit", title="Summit", kind=EventKind.SUMMIT, start_date=dt.date(2026, 1, 5)
        ),
        "call": EventFactory(
            slug="call",
            title="Call",
            kind=EventKind.PHONE_CALL,
            status=EventStatus.PLANNED,
            country="KR",
            start_date=dt.date(2026, 3, 1),
            start_precision="month",
        ),
        "quarter": EventFactory(
            slug="quarter",
            start_date=dt.date(2026, 1, 1),
            start_precision="quarter",
            title="Foreign ministers meet",
        ),
        "old": EventFactory(
            slug="old",
            title="Old round",
            start_date=dt.date(2024, 7, 1),
            series=series,
            round_number=10,
        ),
        "child": EventFactory(
            slug="child", title="Child", parent=parent, start_date=dt.date(2025, 6, 2)
        ),
        "parent": parent,
    }
    EventParticipationFactory(event=events["summit"], person=person)
    issue.events.add(events["call"])
    return events


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=summit", {"summit"}),
        ("kind=summit&kind=phone_call", {"summit", "call"}),
        ("status=planned", {"call"}),
        ("country=KR", {"call"}),
        ("country=kr", {"call"}),
        ("person=cho-hyun", {"summit"}),
        ("issue=hallyu-ban", {"call"}),
        ("series=dialogue", {"old"}),
        ("parent=parent", {"child"}),
        ("q=ministers", {"quarter"}),
        # A quarter-precision event overlaps a day in February; a month one only its month.
        ("date_from=2026-02-10&date_to=2026-02-10", {"quarter"}),
        ("date_from=2026-03", {"call", "quarter"}),
        ("date_to=2025-06-01", {"old", "parent"}),
        ("date_from=2026-Q1&date_to=2026-Q1", {"summit", "call", "quarter"}),
        ("date_from=2025&date_to=2025", {"parent", "child"}),
        ("kind=ministerial&date_from=2026-01", {"quarter"}),
        ("kind=summit&person=cho-hyun&date_to=2026-01-05", {"summit"}),
        ("issue=hallyu-ban&status=held", set()),
    ],
)
def test_event_filters_select_matching_events(client, filter_world, query, expected):
    # Given events that differ in one attribute each; when filtering; then exactly the matches.
    payload = get_json(client, f"{EVENTS}?{query}")
    assert set(slugs(payload)) == expected


def test_updated_since_keeps_recently_changed_events(client, filter_world):
    cutoff = filter_world["call"].updated_at
    payload = get_json(client, f"{EVENTS}?updated_since={cutoff.isoformat().replace('+', '%2B')}")
    assert "call" in slugs(payload)
    assert "summit" not in slugs(payload)


@pytest.mark.parametrize(
    ("ordering", "first"),
    [("title", "call"), ("-title", "summit"), ("start_date", "old"), ("-start_date", "call")],
)
def test_ordering_parameter_orders_rows(client, filter_world, ordering, first):
    payload = get_json(client, f"{EVENTS}?ordering={ordering}")
    assert slugs(payload)[0] == first


def test_cursor_pages_cover_every_event_once(client):
    for n in range(7):
        EventFactory(slug=f"e{n}", start_date=dt.date(2026, 1, 1 + n % 3))
    rows = all_pages(client, f"{EVENTS}?page_size=2")
    assert sorted(row["slug"] for row in rows) == [f"e{n}" for n in range(7)]


def test_cursor_pages_follow_requested_ordering(client):
    for title in ["Delta", "Alpha", "Charlie", "Bravo"]:
        EventFactory(title=title, slug=title.lower())
    rows = all_pages(client, f"{EVENTS}?page_size=1&ordering=title")
    assert [row["title"] for row in rows] == ["Alpha", "Bravo", "Charlie", "Delta"]


@pytest.mark.parametrize(
    "ordering", ["-updated_at", "updated_at", "title,-start_date", "-start_date"]
)
def test_cursor_pages_cover_every_event_in_any_ordering(client, ordering):
    for n in range(5):
        EventFactory(slug=f"e{n}", title=f"T{n % 2}", start_date=dt.date(2026, 1, 1 + n % 2))
    rows = all_pages(client, f"{EVENTS}?page_size=2&ordering={ordering}")
    assert sorted(row["slug"] for row in rows) == [f"e{n}" for n in range(5)]


# --- Shape --------------------------------------------------------------------------------------


def test_list_rows_are_compact_with_dates_carrying_precision(client):
    EventFactory(slug="q1", start_date=dt.date(2026, 1, 1), start_precision="quarter")
    row = get_json(client, EVENTS)["results"][0]
    assert row["start"] == {
        "date": "2026-01-01",
        "precision": "quarter",
        "display": "January–March 2026",
        "edtf": "2026-33",
    }
    assert row["url"] == "http://testserver/events/q1/"
    assert row["api_url"] == "http://testserver/api/v1/events/q1/"
    assert "participants" not in row
    assert "body" not in row


def test_detail_lists_participants_with_side_role_and_title_held(client):
    event = EventFactory(slug="talks", body="<p>Hi</p><script>x()</script>")
    person = PersonFactory(slug="wang-yi", native_name="王毅")
    EventParticipationFactory(
        event=event, person=person, side="CN", role="host", title="Foreign Minister"
    )
    payload = get_json(client, f"{EVENTS}talks/")
    assert payload["participants"] == [
        {
            "person": {
                "slug": "wang-yi",
                "display_name": person.display_name,
                "native_name": "王毅",
                "url": "http://testserver/people/wang-yi/",
                "api_url": "http://testserver/api/v1/people/wang-yi/",
            },
            "side": "CN",
            "role": "host",
            "title": "Foreign Minister",
        }
    ]
    assert "<script>" not in payload["body"]


def test_include_expands_list_rows(client):
    full_event(1)
    row = get_json(client, f"{EVENTS}?include=participants,sources,issues,statements")["results"][0]
    assert len(row["participants"]) == 1
    assert len(row["sources"]) == 1
    assert len(row["issues"]) == 1
    assert len(row["statements"]) == 1


# --- Visibility ---------------------------------------------------------------------------------


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_event_is_absent_from_list_filters_and_detail(client, state):
    EventFactory(slug="hidden", kind=EventKind.SUMMIT, **hidden(state))
    assert slugs(get_json(client, EVENTS)) == []
    assert slugs(get_json(client, f"{EVENTS}?kind=summit&date_from=2026")) == []
    assert client.get(f"{EVENTS}hidden/").status_code == 404


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_event_is_absent_from_csv_and_ics(client, state):
    EventFactory(slug="shown", title="Shown")
    EventFactory(slug="hidden", title="Hidden meeting", **hidden(state))
    csv_body = client.get(f"{EVENTS}?format=csv").content.decode()
    ics_body = client.get(f"{EVENTS}?format=ics").content.decode()
    assert "Shown" in csv_body
    assert "Hidden" not in csv_body
    assert "Shown" in ics_body
    assert "Hidden" not in ics_body


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_people_sources_issues_never_appear_in_includes(client, state):
    event = EventFactory(slug="talks")
    secret_person = PersonFactory(slug="secret-person", **hidden(state))
    EventParticipationFactory(event=event, person=secret_person)
    EventCitationFactory(event=event, source=SourceFactory(title="Secret report", **hidden(state)))
    IssueFactory(slug="secret-issue", **hidden(state)).events.add(event)
    StatementFactory(event=event, speaker=secret_person)
    for url in [f"{EVENTS}talks/", f"{EVENTS}?include=participants,sources,issues,statements"]:
        body = client.get(url).content.decode()
        assert "secret-person" not in body
        assert "Secret report" not in body
        assert "secret-issue" not in body


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_slug_in_filter_is_a_field_error(client, state):
    PersonFactory(slug="secret", **hidden(state))
    payload = get_json(client, f"{EVENTS}?person=secret", status=400)
    assert list(payload) == ["person"]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_parent_is_not_shown_on_child(client, state):
    parent = EventFactory(slug="secret-parent", **hidden(state))
    EventFactory(slug="child", parent=parent)
    assert get_json(client, f"{EVENTS}child/")["parent"] is None
    assert get_json(client, EVENTS)["results"][0]["parent"] is None


# --- Formats ------------------------------------------------------------------------------------


def test_csv_has_one_row_per_event_with_native_scripts(client):
    EventFactory(slug="a", title="이재명–习近平 회담")
    EventFactory(slug="b")
    response = client.get(f"{EVENTS}?format=csv&include=participants")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert len(rows) == 2
    assert {row["title"] for row in rows} >= {"이재명–习近平 회담"}
    assert {"start.date", "start.precision", "participants"} <= set(rows[0])


def test_ics_spans_whole_period_for_month_precision(client):
    EventFactory(slug="m", start_date=dt.date(2026, 4, 1), start_precision="month")
    response = client.get(f"{EVENTS}?format=ics")
    assert response["Content-Type"].startswith("text/calendar")
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert vevent.decoded("DTSTART") == dt.date(2026, 4, 1)
    assert vevent.decoded("DTEND") == dt.date(2026, 5, 1)


def test_ics_detail_is_a_calendar_of_one_event(client):
    EventFactory(slug="one")
    response = client.get(f"{EVENTS}one/?format=ics")
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == 1


# --- Query counts -------------------------------------------------------------------------------

# page + participants + citations + their published outlets + issues + statements
LIST_QUERIES = 6


@pytest.mark.parametrize("rows", [5, 50])
def test_list_with_every_include_has_constant_queries(
    client, content_version_known, django_assert_num_queries, rows
):
    for n in range(rows):
        full_event(n)
    url = f"{EVENTS}?page_size=50&include=participants,sources,issues,statements"
    with django_assert_num_queries(LIST_QUERIES):
        payload = get_json(client, url)
    assert len(payload["results"]) == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_plain_list_is_one_query(client, content_version_known, django_assert_num_queries, rows):
    for n in range(rows):
        full_event(n)
    with django_assert_num_queries(1):
        payload = get_json(client, f"{EVENTS}?page_size=50")
    assert len(payload["results"]) == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_detail_has_constant_queries(
    client, content_version_known, django_assert_num_queries, rows
):
    event = full_event(0)
    for _ in range(rows):
        EventParticipationFactory(event=event)
        EventCitationFactory(event=event)
        StatementFactory(event=event)
        EventFactory(parent=event)
    # event + children + participants + citations + their outlets + issues + statements
    with django_assert_num_queries(7):
        payload = get_json(client, f"{EVENTS}{event.slug}/")
    assert len(payload["participants"]) == rows + 1
    assert len(payload["children"]) == rows
