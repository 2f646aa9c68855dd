"""Cache invalidation that scales with the edit: a save re-renders what it can affect only."""

from __future__ import annotations

import pytest

from core.editorial import EditorialStatus
from tests.factories import (
    EventCitationFactory,
    EventFactory,
    EventParticipationFactory,
    IssueFactory,
    PersonFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Event A with its person, issue and source; issue B with an event of its own."""
    person = PersonFactory(slug="lee", display_name="Lee Jae-myung")
    issue_a = IssueFactory(slug="issue-a", title="Issue A")
    issue_b = IssueFactory(slug="issue-b", title="Issue B")
    source = SourceFactory()
    event_a = EventFactory(slug="event-a", title="Summit before the edit")
    event_a.issues.add(issue_a)
    EventParticipationFactory(event=event_a, person=person)
    EventCitationFactory(event=event_a, source=source)
    EventFactory(slug="event-b", title="Other talks").issues.add(issue_b)
    return {"event": event_a, "person": person, "source": source}


def pages_of_a(world) -> list[str]:
    return [
        "/events/event-a/",
        "/events/",
        "/people/lee/",
        "/issues/issue-a/",
        world["source"].get_absolute_url(),
    ]


def test_an_edit_leaves_an_unrelated_issue_page_cached(client, world, django_assert_num_queries):
    for url in [*pages_of_a(world), "/issues/issue-b/"]:
        assert client.get(url).status_code == 200
    # when event A is edited
    event = world["event"]
    event.title = "Summit after the edit"
    event.save()
    # then issue B's page is still served from the cache, without a query
    with django_assert_num_queries(0):
        assert "Other talks" in client.get("/issues/issue-b/").content.decode()
    # and every page showing A shows the new title at once
    for url in pages_of_a(world):
        html = client.get(url).content.decode()
        assert "Summit after the edit" in html, url
        assert "Summit before the edit" not in html, url


def test_unpublishing_removes_an_event_everywhere_at_once(client, world):
    for url in pages_of_a(world):
        assert "Summit before the edit" in client.get(url).content.decode(), url
    event = world["event"]
    event.editorial_status = EditorialStatus.DRAFT
    event.save()
    assert client.get("/events/event-a/").status_code == 404
    for url in pages_of_a(world)[1:]:
        assert "Summit before the edit" not in client.get(url).content.decode(), url


def test_publishing_an_event_shows_it_on_its_peoples_and_issues_pages_at_once(client, world):
    draft = EventFactory(
        slug="new-one", title="Newly published visit", editorial_status=EditorialStatus.DRAFT
    )
    draft.issues.add(IssueFactory._meta.model.objects.get(slug="issue-a"))
    EventParticipationFactory(event=draft, person=world["person"])
    for url in ["/people/lee/", "/issues/issue-a/"]:
        assert "Newly published visit" not in client.get(url).content.decode()
    draft.editorial_status = EditorialStatus.PUBLISHED
    draft.save()
    for url in ["/people/lee/", "/issues/issue-a/"]:
        assert "Newly published visit" in client.get(url).content.decode(), url


def test_linking_an_event_to_an_issue_shows_it_on_the_issue_page(client, world):
    assert "Summit before the edit" not in client.get("/issues/issue-b/").content.decode()
    world["event"].issues.add(IssueFactory._meta.model.objects.get(slug="issue-b"))
    assert "Summit before the edit" in client.get("/issues/issue-b/").content.decode()


def test_renaming_a_person_shows_on_the_event_page(client, world):
    assert "Lee Jae-myung" in client.get("/events/event-a/").content.decode()
    person = world["person"]
    person.display_name = "Lee Jae-myung (renamed)"
    person.save()
    assert "Lee Jae-myung (renamed)" in client.get("/events/event-a/").content.decode()


def test_deleting_a_row_starts_every_detail_page_afresh(client, world):
    assert "Summit before the edit" in client.get("/people/lee/").content.decode()
    world["event"].delete()
    assert "Summit before the edit" not in client.get("/people/lee/").content.decode()
