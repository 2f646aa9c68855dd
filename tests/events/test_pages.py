"""Timeline, event pages and source pages."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from core.editorial import EditorialStatus
from events.models import EventKind, EventStatus
from tests.factories import (
    DevelopmentFactory,
    EventCitationFactory,
    EventFactory,
    EventParticipationFactory,
    EventSeriesFactory,
    IssueFactory,
    PersonFactory,
    PositionFactory,
    SourceFactory,
    StatementFactory,
    UserFactory,
)
from tests.pages import assert_page_queries

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return re.findall(r'class="event-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


# --- The timeline


def test_timeline_groups_events_by_month_newest_first(client):
    EventFactory(title="December talks", start_date=dt.date(2025, 12, 18))
    EventFactory(title="January summit", start_date=dt.date(2026, 1, 5))
    html = client.get("/events/").content.decode()
    assert html.index("January 2026") < html.index("December 2025")
    assert titles(client.get("/events/")) == ["January summit", "December talks"]


def test_timeline_shows_precision_not_an_invented_day(client):
    EventFactory(title="Q1 meeting", start_date=dt.date(2026, 1, 1), start_precision="quarter")
    html = client.get("/events/").content.decode()
    assert "January–March 2026" in html


def test_timeline_hides_drafts_and_future_publish_at(client):
    from django.utils import timezone

    EventFactory(title="Draft", editorial_status=EditorialStatus.DRAFT)
    EventFactory(title="Archived", editorial_status=EditorialStatus.ARCHIVED)
    EventFactory(title="Embargoed", publish_at=timezone.now() + dt.timedelta(days=1))
    EventFactory(title="Public")
    assert titles(client.get("/events/")) == ["Public"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "summit"}, ["Summit"]),
        ({"status": "expected"}, ["Expected talks"]),
        ({"country": "KR"}, ["Expected talks"]),
        ({"q": "summit"}, ["Summit"]),
        ({"date_from": "2026-02"}, ["Expected talks"]),
        ({"date_to": "2026-01-31"}, ["Summit"]),
        ({"kind": "summit", "country": "KR"}, []),
    ],
)
def test_timeline_filters_combine(client, params, expected):
    EventFactory(
        title="Summit", kind=EventKind.SUMMIT, start_date=dt.date(2026, 1, 5), country="CN"
    )
    EventFactory(
        title="Expected talks",
        kind=EventKind.MINISTERIAL,
        status=EventStatus.EXPECTED,
        start_date=dt.date(2026, 1, 1),
        start_precision="quarter",
        country="KR",
    )
    # the quarter-precision event overlaps February and January both
    if params == {"date_to": "2026-01-31"}:
        expected = ["Summit", "Expected talks"]
    assert sorted(titles(client.get("/events/", params))) == sorted(expected)


def test_timeline_filters_by_issue_and_person(client):
    issue = IssueFactory(slug="hallyu")
    person = PersonFactory(slug="cho-hyun")
    discussed = EventFactory(title="Discussed")
    discussed.issues.add(issue)
    attended = EventFactory(title="Attended")
    EventParticipationFactory(event=attended, person=person)
    EventFactory(title="Other")
    assert titles(client.get("/events/", {"issue": "hallyu"})) == ["Discussed"]
    assert titles(client.get("/events/", {"person": "cho-hyun"})) == ["Attended"]


def test_timeline_filter_form_reflects_the_url(client):
    html = client.get("/events/", {"kind": "summit", "date_from": "2026-Q1"}).content.decode()
    assert '<option value="summit" selected>' in html
    assert 'value="2026-Q1"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "yesterday"},
        {"date_to": "2026-13-45"},
        {"kind": "picnic"},
        {"issue": "no-such-issue"},
        {"country": "ZZ"},
        {"page": "-3"},
        {"q": "a\x00b"},
    ],
)
def test_bad_filter_values_show_a_message_not_a_500(client, params):
    EventFactory(title="Still listed")
    response = client.get("/events/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Still listed" in html
    if "page" not in params:
        assert 'class="notice notice-error"' in html


def test_submitted_form_with_any_kind_is_no_error(client):
    # The form sends every field; "Any kind" is an empty value, not a bad one.
    EventFactory(title="Still listed")
    html = client.get("/events/", {"q": "Still", "kind": "", "status": ""}).content.decode()
    assert "notice-error" not in html
    assert "Still listed" in html


def test_bad_date_message_names_the_field(client):
    html = client.get("/events/", {"date_from": "yesterday"}).content.decode()
    assert "yesterday" in html
    assert "YYYY-MM-DD" in html


def test_timeline_paginates_and_keeps_filters_in_links(client):
    EventFactory.create_batch(30, kind=EventKind.SUMMIT)
    html = client.get("/events/", {"kind": "summit"}).content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?kind=summit&amp;page=2"' in html


def older_link(html: str) -> str | None:
    match = re.search(r'<a rel="next" href="([^"]+)"', html)
    return match.group(1).replace("&amp;", "&") if match else None


def newer_link(html: str) -> str | None:
    match = re.search(r'<a rel="prev" href="([^"]+)"', html)
    return match.group(1).replace("&amp;", "&") if match else None


def test_deep_timeline_pages_are_reached_by_cursor_not_offset(client, settings):
    # given more events than the numbered pages hold (10 pages of 25)
    start = dt.date(2020, 1, 1)
    for day in range(270):
        EventFactory(title=f"Event {day:03d}", start_date=start + dt.timedelta(days=day))
    seen, url, pages = [], "/events/", 0
    # when a reader follows "Older" from the top to the end
    while url:
        html = client.get("/events/" + url if url.startswith("?") else url).content.decode()
        seen += re.findall(r">(Event \d{3})</a>", html)
        url = older_link(html)
        pages += 1
    # then every event is seen once, newest first, and the deep pages are cursor pages
    assert seen == [f"Event {day:03d}" for day in reversed(range(270))]
    assert pages == 11
    html = client.get("/events/?page=10").content.decode()
    assert "?after=" in older_link(html)
    # and "Newer" from a cursor page goes back one page at a time, to the numbered top
    deep = client.get("/events/" + older_link(html)).content.decode()
    assert "Page " not in deep
    back = client.get("/events/" + newer_link(deep)).content.decode()
    assert re.findall(r">(Event \d{3})</a>", back)[0] == "Event 044"


def test_deep_page_numbers_stop_at_the_last_numbered_page(client):
    EventFactory.create_batch(300)
    html = client.get("/events/?page=50").content.decode()
    assert "Page 10 of 12" in html


def test_cursor_pages_keep_the_filters(client):
    for day in range(300):
        EventFactory(
            title=f"Summit {day:03d}",
            kind=EventKind.SUMMIT,
            start_date=dt.date(2020, 1, 1) + dt.timedelta(days=day),
        )
    EventFactory.create_batch(5, kind=EventKind.BRIEFING)
    html = client.get("/events/?kind=summit&page=10").content.decode()
    link = older_link(html)
    assert link.startswith("?kind=summit&after=")
    deep = client.get("/events/" + link).content.decode()
    assert titles_in(deep) == [f"Summit {day:03d}" for day in reversed(range(25, 50))]


def titles_in(html: str) -> list[str]:
    return re.findall(r'class="event-title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.mark.parametrize(
    "cursor", ["garbled!!", "WyIyMDI2LTEzLTQ1IiwieCIsMV0", "e30", "WzEsMiwzXQ", "%00", ""]
)
@pytest.mark.parametrize("name", ["after", "before"])
def test_a_garbled_cursor_is_a_message_not_a_500(client, cursor, name):
    EventFactory(title="Still listed")
    response = client.get(f"/events/?{name}={cursor}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Still listed" in html
    assert "page link is broken" in html


def test_timeline_page_is_bounded_whatever_the_number_of_people(client):
    # the person filter is a text field: no list of every person is embedded in the page
    PersonFactory.create_batch(30, display_name="Listed Person")
    html = client.get("/events/").content.decode()
    assert "Listed Person" not in html
    assert 'name="person"' in html


def test_person_filter_takes_a_typed_name_without_javascript(client):
    lee = PersonFactory(slug="lee-jae-myung", display_name="Lee Jae-myung", native_name="이재명")
    EventParticipationFactory(event=EventFactory(title="Attended"), person=lee)
    EventFactory(title="Other")
    for typed in ["Lee Jae-myung", "lee jae myung", "이재명", "lee-jae-myung"]:
        html = client.get("/events/", {"person": typed}).content.decode()
        assert titles_in(html) == ["Attended"], typed
        assert 'value="Lee Jae-myung"' in html
        assert "/events/calendar.ics?person=lee-jae-myung" in html


def test_person_filter_offers_every_match_of_a_shared_name(client):
    PersonFactory(slug="kim-a", display_name="Kim Min-jun")
    PersonFactory(slug="kim-b", display_name="Kim Min-jun")
    PersonFactory(
        slug="hidden-kim", display_name="Kim Min-jun", editorial_status=EditorialStatus.DRAFT
    )
    html = client.get("/events/", {"person": "Kim Min-jun"}).content.decode()
    assert "?person=kim-a" in html
    assert "?person=kim-b" in html
    assert "hidden-kim" not in html


def test_person_filter_with_an_unknown_name_says_so(client):
    EventFactory(title="Still listed")
    html = client.get("/events/", {"person": "Nobody Atall"}).content.decode()
    assert "Still listed" in html
    assert "No one called" in html


@pytest.mark.parametrize("rows", [5, 50])
def test_timeline_query_count_is_constant(client, rows, django_assert_num_queries):
    issue = IssueFactory(slug="pinned")
    for event in EventFactory.create_batch(rows):
        event.issues.add(issue)
    assert_page_queries(client, "/events/", django_assert_num_queries, 5)
    assert_page_queries(
        client, "/events/?issue=pinned&kind=ministerial", django_assert_num_queries, 5
    )


# --- An event


@pytest.fixture
def summit(db):
    visit = EventFactory(title="State visit", slug="state-visit", kind=EventKind.STATE_VISIT)
    summit = EventFactory(
        title="Lee–Xi summit",
        slug="summit",
        kind=EventKind.SUMMIT,
        parent=visit,
        venue="Great Hall of the People",
        body="<p>Talks ran <strong>long</strong>.</p><script>alert(1)</script>",
    )
    return summit


def test_event_page_shows_date_place_status_and_parent(client, summit):
    html = client.get("/events/summit/").content.decode()
    assert "5 January 2026" in html
    assert "Great Hall of the People" in html
    assert "Held" in html
    assert 'href="/events/state-visit/"' in html


def test_event_body_is_sanitized(client, summit):
    html = client.get("/events/summit/").content.decode()
    assert "<strong>long</strong>" in html
    assert "<script>alert(1)</script>" not in html


def test_parent_event_lists_its_parts(client, summit):
    html = client.get("/events/state-visit/").content.decode()
    assert "Parts of this event" in html
    assert 'href="/events/summit/"' in html


def test_participants_are_grouped_by_side_with_title_held_then(client, summit):
    lee = PersonFactory(display_name="Lee Jae Myung", native_name="이재명")
    PositionFactory(person=lee, title="President", start_date=dt.date(2025, 6, 4))
    xi = PersonFactory(display_name="Xi Jinping", country="CN")
    EventParticipationFactory(event=summit, person=lee, side="KR")
    EventParticipationFactory(event=summit, person=xi, side="CN", title="President of China")
    html = client.get("/events/summit/").content.decode()
    assert "<h3>South Korea</h3>" in html
    assert "<h3>China</h3>" in html
    assert "President of China" in html
    # a blank title is read from the position held on the event date
    assert "· President ·" in html


def test_event_links_previous_and_next_rounds(client):
    series = EventSeriesFactory(name="Strategic Dialogue")
    EventFactory(title="10th round", slug="r10", series=series, round_number=10)
    EventFactory(title="11th round", slug="r11", series=series, round_number=11)
    EventFactory(title="12th round", slug="r12", series=series, round_number=12)
    html = client.get("/events/r11/").content.decode()
    assert re.search(r'rel="prev" href="/events/r10/"', html)
    assert re.search(r'rel="next" href="/events/r12/"', html)


def test_event_lists_issues_and_statements(client, summit):
    issue = IssueFactory(title="Hallyu ban")
    summit.issues.add(issue)
    StatementFactory(event=summit, text="Three feet of ice does not melt in a day.")
    html = client.get("/events/summit/").content.decode()
    assert "Hallyu ban" in html
    assert "Three feet of ice does not melt in a day." in html


def test_event_sources_show_outlet_date_and_no_link_when_none(client, summit):
    source = SourceFactory(title="Lee, Xi agree to thaw", url=None, outlet__name="Korea Herald")
    EventCitationFactory(event=summit, source=source, note="Readout by the spokesperson.")
    html = client.get("/events/summit/").content.decode()
    assert "Lee, Xi agree to thaw" in html
    assert "Korea Herald" in html
    assert "22 January 2026" in html
    assert "(no link)" in html
    assert "Readout by the spokesperson." in html


def test_conflicting_reports_are_shown_as_such(client, summit):
    EventCitationFactory(event=summit, conflicts=True, note="Says Lee visited on 5 January.")
    EventCitationFactory(event=summit, note="A four-day state visit.")
    html = client.get("/events/summit/").content.decode()
    assert "Reports differ." in html
    assert "Says Lee visited on 5 January." in html
    assert "A four-day state visit." in html


def test_event_sources_leave_out_unpublished_sources(client, summit):
    EventCitationFactory(
        event=summit, source__title="Draft report", source__editorial_status=EditorialStatus.DRAFT
    )
    assert "Draft report" not in client.get("/events/summit/").content.decode()


def test_event_page_has_event_json_ld_keeping_precision(client):
    EventFactory(
        slug="q1",
        title="</script><b>x",
        start_date=dt.date(2026, 1, 1),
        start_precision="quarter",
        status=EventStatus.EXPECTED,
    )
    html = client.get("/events/q1/").content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2026-01-01"
    assert data["endDate"] == "2026-03-31"
    assert "</script>" not in raw


@pytest.mark.parametrize(
    "state", [EditorialStatus.DRAFT, EditorialStatus.REVIEW, EditorialStatus.ARCHIVED]
)
def test_unpublished_event_is_404_for_anonymous(client, state):
    EventFactory(slug="hidden", editorial_status=state)
    assert client.get("/events/hidden/").status_code == 404


def test_scheduled_event_is_404_until_publish_at(client):
    from django.utils import timezone

    EventFactory(slug="later", publish_at=timezone.now() + dt.timedelta(hours=2))
    assert client.get("/events/later/").status_code == 404


def test_staff_preview_draft_event_with_banner(client):
    EventFactory(slug="hidden", title="Draft summit", editorial_status=EditorialStatus.DRAFT)
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/events/hidden/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview — not published." in html
    assert "Draft summit" in html


@pytest.mark.parametrize("rows", [5, 50])
def test_event_page_query_count_is_constant(client, rows, django_assert_num_queries):
    series = EventSeriesFactory()
    event = EventFactory(slug="big", series=series, round_number=100)
    for n in range(rows):
        EventFactory(parent=event)
        EventFactory(series=series, round_number=n + 1)
        person = PersonFactory()
        PositionFactory(person=person)
        EventParticipationFactory(event=event, person=person)
        EventCitationFactory(event=event)
        StatementFactory(event=event, speaker=person)
        event.issues.add(IssueFactory())
    # +1: citations' outlets are prefetched as published organizations only
    assert_page_queries(client, "/events/big/", django_assert_num_queries, 10)


# --- Sources


def test_source_list_shows_what_cites_each_source(client):
    source = SourceFactory(title="Herald report")
    event = EventFactory(title="Cited summit")
    EventCitationFactory(event=event, source=source)
    development = DevelopmentFactory(issue__title="Hallyu")
    development.citations.create(source=source)
    html = client.get("/sources/").content.decode()
    assert "Herald report" in html
    assert "Cited summit" in html
    assert ">Hallyu</a>" in html


def test_source_detail_lists_citing_items_with_notes(client):
    source = SourceFactory(title="Herald report", url="https://example.org/a")
    EventCitationFactory(
        source=source, event__title="Cited summit", conflicts=True, note="Gives one day, not four."
    )
    html = client.get(source.get_absolute_url()).content.decode()
    assert "Cited summit" in html
    assert "Gives one day, not four." in html
    assert "Reports differ" in html
    assert 'href="https://example.org/a"' in html


def test_draft_source_is_404_for_anonymous(client):
    source = SourceFactory(editorial_status=EditorialStatus.DRAFT)
    assert client.get(source.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("rows", [5, 50])
def test_source_pages_query_count_is_constant(client, rows, django_assert_num_queries):
    source = SourceFactory()
    for _ in range(rows):
        SourceFactory()
        EventCitationFactory(source=source)
        StatementFactory().citations.create(source=source)
        DevelopmentFactory().citations.create(source=source)
    # Outlets are prefetched as published organizations only (one query, not a join).
    assert_page_queries(client, "/sources/", django_assert_num_queries, 7)
    assert_page_queries(client, source.get_absolute_url(), django_assert_num_queries, 7)


def test_bad_filter_field_is_marked_invalid_for_assistive_tech(client):
    html = client.get("/events/", {"date_from": "yesterday"}).content.decode()
    field = re.search(r'<input id="f-from"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    assert "filter-errors" in field


def test_source_page_lists_the_latest_citing_events(client):
    source = SourceFactory()
    for day in range(30):
        event = EventFactory(
            title=f"Cited {day:02d}", start_date=dt.date(2025, 1, 1) + dt.timedelta(days=day)
        )
        EventCitationFactory(event=event, source=source)
    html = client.get(source.get_absolute_url()).content.decode()
    assert len(re.findall(r">Cited \d\d</a>", html)) == 25
    assert "The first 25 are shown." in html
