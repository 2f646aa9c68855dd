"""Issue pages: the issue board, stances side by side, the development timeline, as-of."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from core.editorial import EditorialStatus
from issues.models import IssueStatus
from tests.factories import (
    DevelopmentFactory,
    EventFactory,
    IssueFactory,
    SourceFactory,
    StanceFactory,
    UserFactory,
)
from tests.pages import assert_page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def hallyu(db):
    issue = IssueFactory(
        title="Hallyu ban",
        slug="hallyu",
        status=IssueStatus.EASING,
        background="<p>Since <em>2016</em>.</p><img src=x onerror=alert(1)>",
    )
    DevelopmentFactory(
        issue=issue,
        happened_date=dt.date(2025, 12, 18),
        summary="Vice ministers meet.",
        status_after=IssueStatus.UNDER_CONSULTATION,
    )
    DevelopmentFactory(
        issue=issue,
        happened_date=dt.date(2026, 1, 5),
        summary="Leaders agree to reopen.",
        status_after=IssueStatus.EASING,
    )
    return issue


def test_issue_list_shows_status_and_hides_drafts(client, hallyu):
    IssueFactory(title="Draft issue", editorial_status=EditorialStatus.DRAFT)
    html = client.get("/issues/").content.decode()
    assert "Hallyu ban" in html
    assert "Easing" in html
    assert "Draft issue" not in html


def test_issue_list_filters_by_status(client, hallyu):
    IssueFactory(title="Fishing", status=IssueStatus.ACTIVE)
    html = client.get("/issues/", {"status": "active"}).content.decode()
    assert "Fishing" in html
    assert "Hallyu ban" not in html


def test_issue_list_bad_filter_shows_message(client, hallyu):
    response = client.get("/issues/", {"status": "on-fire"})
    assert response.status_code == 200
    assert 'class="notice notice-error"' in response.content.decode()


def test_issue_list_form_with_a_blank_choice_filters_by_the_other(client, hallyu):
    IssueFactory(title="Fishing", status=IssueStatus.ACTIVE)
    html = client.get("/issues/", {"status": "", "category": "culture"}).content.decode()
    assert "notice-error" not in html
    assert "Fishing" in html
    assert "Hallyu ban" in html


@pytest.mark.parametrize("params", [{"category": "gossip"}, {"status": "act\x00ive"}])
def test_issue_list_ignores_a_bad_value_and_keeps_the_good_one(client, hallyu, params):
    IssueFactory(title="Fishing", status=IssueStatus.ACTIVE)
    response = client.get("/issues/", {"status": "easing", **params})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="notice notice-error"' in html
    assert "Hallyu ban" in html


def test_issue_page_shows_status_summary_and_sanitized_background(client, hallyu):
    html = client.get("/issues/hallyu/").content.decode()
    assert "What is at stake." in html
    assert "<em>2016</em>" in html
    assert "onerror" not in html


def test_issue_page_shows_stances_side_by_side_with_as_of_dates(client, hallyu):
    StanceFactory(issue=hallyu, country="KR", position="Seoul wants content reopened.")
    StanceFactory(
        issue=hallyu,
        country="CN",
        position="Beijing denies any ban.",
        as_of_date=dt.date(2025, 12, 18),
    )
    html = client.get("/issues/hallyu/").content.decode()
    stances = html.split('id="stances"')[1].split("</section>")[0]
    columns = re.findall(r"<h3>(.*?)</h3>", stances)
    assert columns == ["South Korea", "China"]
    assert "As of 5 January 2026" in stances
    assert "As of 18 December 2025" in stances


def test_issue_page_timeline_shows_status_changes(client, hallyu):
    html = client.get("/issues/hallyu/").content.decode()
    assert html.index("Leaders agree to reopen.") < html.index("Vice ministers meet.")
    assert "Under consultation" in html


def test_issue_as_of_shows_status_on_that_date(client, hallyu):
    html = client.get("/issues/hallyu/", {"as_of": "2025-12-31"}).content.decode()
    facts = html.split('class="facts"')[1].split("</dl>")[0]
    assert "Status on 31 December 2025" in facts
    assert "Under consultation" in facts
    assert "Leaders agree to reopen." not in html


def test_issue_as_of_leaves_out_later_stances(client, hallyu):
    StanceFactory(
        issue=hallyu, country="KR", position="Later position.", as_of_date=dt.date(2026, 1, 20)
    )
    html = client.get("/issues/hallyu/", {"as_of": "2025-12-31"}).content.decode()
    assert "Later position." not in html


def test_issue_bad_as_of_shows_message(client, hallyu):
    response = client.get("/issues/hallyu/", {"as_of": "31/12/2025"})
    assert response.status_code == 200
    assert "is not a date" in response.content.decode()


def test_issue_page_lists_related_events_and_issues(client, hallyu):
    event = EventFactory(title="Lee–Xi summit")
    event.issues.add(hallyu)
    other = IssueFactory(title="High-level exchanges")
    hallyu.related_issues.add(other)
    html = client.get("/issues/hallyu/").content.decode()
    assert "Lee–Xi summit" in html
    assert "High-level exchanges" in html
    assert '<svg viewBox="0 0 640 180"' in html


def test_issue_stance_citations_show_conflicts(client, hallyu):
    stance = StanceFactory(issue=hallyu, country="CN")
    stance.citations.create(
        source=SourceFactory(title="Denial report"),
        conflicts=True,
        note="Says no restriction exists.",
    )
    html = client.get("/issues/hallyu/").content.decode()
    assert "Reports differ" in html
    assert "Says no restriction exists." in html


def test_issue_page_leaves_out_developments_at_draft_events(client, hallyu):
    DevelopmentFactory(
        issue=hallyu,
        summary="At a draft event.",
        event=EventFactory(editorial_status=EditorialStatus.DRAFT),
    )
    assert "At a draft event." not in client.get("/issues/hallyu/").content.decode()


def test_draft_issue_is_404_for_anonymous_and_preview_for_staff(client):
    IssueFactory(slug="draft", title="Draft issue", editorial_status=EditorialStatus.DRAFT)
    assert client.get("/issues/draft/").status_code == 404
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/issues/draft/")
    assert response.status_code == 200
    assert "Preview — not published." in response.content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_issue_pages_query_count_is_constant(client, rows, django_assert_num_queries):
    issue = IssueFactory(slug="busy")
    for _ in range(rows):
        development = DevelopmentFactory(issue=issue, event=EventFactory())
        development.citations.create(source=SourceFactory())
        StanceFactory(issue=issue).citations.create(source=SourceFactory())
        EventFactory().issues.add(issue)
        issue.related_issues.add(IssueFactory())
    assert_page_queries(client, "/issues/", django_assert_num_queries, 1)
    # +2: outlets of stance and development citations, prefetched as published organizations
    assert_page_queries(client, "/issues/busy/", django_assert_num_queries, 10)


def test_issue_page_keeps_a_column_for_a_side_without_a_stance(client, hallyu):
    StanceFactory(issue=hallyu, country="CN", position="Beijing denies any ban.")
    html = client.get("/issues/hallyu/").content.decode()
    stances = html.split('id="stances"')[1].split("</section>")[0]
    assert re.findall(r"<h3>(.*?)</h3>", stances) == ["South Korea", "China"]
    assert "No stance recorded yet." in stances


def test_issue_page_lists_the_latest_events_and_links_the_rest(client):
    issue = IssueFactory(slug="busy")
    for day in range(30):
        EventFactory(
            title=f"Talks {day:02d}", start_date=dt.date(2025, 1, 1) + dt.timedelta(days=day)
        ).issues.add(issue)
    html = client.get("/issues/busy/").content.decode()
    assert "Talks 29" in html
    assert "Talks 05" in html
    assert "Talks 04" not in html
    assert "The latest 25 are shown" in html
    assert 'href="/events/?issue=busy"' in html
