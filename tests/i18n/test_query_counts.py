"""In Korean, every page and endpoint costs the same queries as in English, whatever the rows:
the translations are columns of the rows already read (pins equal to the English ones)."""

from __future__ import annotations

import pytest

from tests.api_utils import get_json
from tests.events.test_api import full_event
from tests.factories import (
    DevelopmentFactory,
    EventFactory,
    EventParticipationFactory,
    IssueFactory,
    OrganizationFactory,
    PersonFactory,
    PersonNameFactory,
    PositionFactory,
    SourceFactory,
    StanceFactory,
    StatementFactory,
    TitleFactory,
)
from tests.pages import assert_page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def korean(client):
    """A client reading the Korean pages (/ko/…)."""
    get = client.get

    def get_in_korean(path: str, *args, **kwargs):
        return get(f"/ko{path}", *args, **kwargs)

    client.get = get_in_korean
    return client


def half_in_korean(objects: list, **fields: str) -> None:
    """Translate every other object, so translated and fallback rows are both on the page."""
    for obj in objects[::2]:
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()


@pytest.mark.parametrize("rows", [5, 50])
def test_event_and_source_pages_in_korean(korean, rows, django_assert_num_queries):
    issue = IssueFactory(slug="pinned", title_ko="고정")
    events = EventFactory.create_batch(rows)
    for event in events:
        event.issues.add(issue)
    half_in_korean(events, title_ko="회담", summary_ko="요약")
    SourceFactory.create_batch(rows, translated_title_ko="번역한 제목")
    assert_page_queries(korean, "/events/", django_assert_num_queries, 5)
    assert_page_queries(korean, "/sources/", django_assert_num_queries, 7)


@pytest.mark.parametrize("rows", [5, 50])
def test_issue_pages_in_korean(korean, rows, django_assert_num_queries):
    issue = IssueFactory(slug="busy", title_ko="바쁜 이슈")
    for n in range(rows):
        development = DevelopmentFactory(issue=issue, event=EventFactory())
        development.citations.create(source=SourceFactory())
        StanceFactory(issue=issue, position_ko="입장" if n % 2 else None).citations.create(
            source=SourceFactory()
        )
        EventFactory().issues.add(issue)
        issue.related_issues.add(IssueFactory(title_ko="관련"))
    assert_page_queries(korean, "/issues/", django_assert_num_queries, 1)
    assert_page_queries(korean, "/issues/busy/", django_assert_num_queries, 10)


@pytest.mark.parametrize("rows", [5, 50])
def test_people_pages_in_korean(korean, rows, django_assert_num_queries):
    organization = OrganizationFactory(slug="org", name_ko="외교부")
    person = PersonFactory(slug="busy", bio_ko="약력")
    minister = TitleFactory(name="Minister", name_ko="장관")
    for _ in range(rows):
        PositionFactory(organization=organization, glossary_title=minister)
        PositionFactory(person=person, organization=OrganizationFactory(name_ko="기관"))
        PersonNameFactory(person=person)
        EventParticipationFactory(person=person)
        StatementFactory(speaker=person, translated_text_ko="번역")
    assert_page_queries(korean, "/people/", django_assert_num_queries, 5)
    assert_page_queries(korean, "/people/busy/", django_assert_num_queries, 8)
    assert_page_queries(korean, "/organizations/org/", django_assert_num_queries, 3)


@pytest.mark.parametrize("rows", [5, 50])
def test_api_in_korean(client, content_version_known, django_assert_num_queries, rows):
    events = [full_event(n) for n in range(rows)]
    half_in_korean(events, title_ko="회담")
    url = "/api/v1/events/?page_size=50&lang=ko"
    with django_assert_num_queries(1):
        assert len(get_json(client, url)["results"]) == rows
    with django_assert_num_queries(6):
        get_json(client, url + "&include=participants,sources,issues,statements")
    event = events[0]
    for _ in range(rows):
        EventParticipationFactory(event=event)
        StatementFactory(event=event, translated_text_ko="번역")
        EventFactory(parent=event, title_ko="하위")
    with django_assert_num_queries(7):
        payload = get_json(client, f"/api/v1/events/{event.slug}/?lang=ko")
    assert payload["translations"]["ko"]["title"] == "회담"
