"""Partner API: issues (filters, stances and developments with citations, visibility, queries)."""

from __future__ import annotations

import pytest

from issues.models import DevelopmentCitation, StanceCitation
from tests.api_utils import HIDDEN_STATES, get_json, hidden, slugs
from tests.factories import (
    DevelopmentFactory,
    EventFactory,
    IssueFactory,
    OrganizationFactory,
    SourceFactory,
    StanceFactory,
)

pytestmark = pytest.mark.django_db

ISSUES = "/api/v1/issues/"


@pytest.fixture
def issue_world(db: object) -> None:
    IssueFactory(slug="hallyu", title="Hallyu ban", category="culture", status="easing")
    IssueFactory(slug="yellow-sea", title="Yellow Sea structures", category="maritime")
    IssueFactory(
        slug="fishing",
        title="Illegal fishing",
        category="fisheries",
        status="active",
        summary="Boats in the Yellow Sea.",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=easing", {"hallyu"}),
        ("status=easing&status=active", {"hallyu", "yellow-sea", "fishing"}),
        ("category=maritime", {"yellow-sea"}),
        ("q=yellow sea", {"yellow-sea", "fishing"}),
        ("q=yellow sea&category=fisheries", {"fishing"}),
        ("category=culture&status=active", set()),
    ],
)
def test_issue_filters_select_matching_issues(client, issue_world, query, expected):
    assert set(slugs(get_json(client, f"{ISSUES}?{query}"))) == expected


def cited_issue(slug: str = "hallyu") -> object:
    issue = IssueFactory(slug=slug)
    stance = StanceFactory(issue=issue, country="CN", position="No ban exists.")
    StanceCitation.objects.create(stance=stance, source=SourceFactory(title="Readout"))
    development = DevelopmentFactory(issue=issue, event=EventFactory())
    DevelopmentCitation.objects.create(development=development, source=SourceFactory())
    issue.events.add(EventFactory())
    return issue


def test_issue_detail_has_stances_and_developments_with_citations(client):
    cited_issue()
    payload = get_json(client, f"{ISSUES}hallyu/")
    (stance,) = payload["stances"]
    assert stance["party"] == "China"
    assert stance["sources"][0]["source"]["title"] == "Readout"
    (development,) = payload["developments"]
    assert development["status_after"] == "consultation"
    assert development["event"]["slug"]
    assert len(development["sources"]) == 1
    assert len(payload["events"]) == 1


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_issue_is_absent_everywhere(client, state):
    IssueFactory(slug="secret", category="culture", **hidden(state))
    assert slugs(get_json(client, ISSUES)) == []
    assert slugs(get_json(client, f"{ISSUES}?category=culture")) == []
    assert "secret" not in client.get(f"{ISSUES}?format=csv").content.decode()
    assert client.get(f"{ISSUES}secret/").status_code == 404


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_children_never_appear_on_an_issue(client, state):
    issue = IssueFactory(slug="open")
    stance = StanceFactory(
        issue=issue,
        country="",
        organization=OrganizationFactory(slug="secret-org", **hidden(state)),
    )
    StanceCitation.objects.create(
        stance=stance, source=SourceFactory(title="Secret src", **hidden(state))
    )
    DevelopmentFactory(
        issue=issue,
        event=EventFactory(slug="secret-event", **hidden(state)),
        summary="Secret development",
    )
    issue.events.add(EventFactory(slug="secret-linked", **hidden(state)))
    issue.related_issues.add(IssueFactory(slug="secret-related", **hidden(state)))
    for url in [f"{ISSUES}open/", f"{ISSUES}?include=stances,developments,events,related_issues"]:
        body = client.get(url).content.decode()
        for secret in [
            "secret-org",
            "Secret src",
            "Secret development",
            "secret-linked",
            "secret-related",
        ]:
            assert secret not in body


@pytest.mark.parametrize("rows", [5, 50])
def test_issue_list_with_includes_has_constant_queries(
    client, content_version_known, django_assert_num_queries, rows
):
    for n in range(rows):
        cited_issue(f"issue-{n}")
    url = f"{ISSUES}?page_size=50&include=stances,developments,events,related_issues"
    # page + stances + stance citations + developments + development citations + events + related
    with django_assert_num_queries(9):  # +2: outlets of stance and development citations
        payload = get_json(client, url)
    assert len(payload["results"]) == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_issue_detail_has_constant_queries(
    client, content_version_known, django_assert_num_queries, rows
):
    issue = cited_issue()
    for _ in range(rows):
        stance = StanceFactory(issue=issue)
        StanceCitation.objects.create(stance=stance, source=SourceFactory())
        DevelopmentFactory(issue=issue, event=EventFactory())
    with django_assert_num_queries(9):  # +2: outlets of stance and development citations
        payload = get_json(client, f"{ISSUES}hallyu/")
    assert len(payload["stances"]) == rows + 1
