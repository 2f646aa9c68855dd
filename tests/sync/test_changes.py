"""The changes feed lets a partner keep an exact mirror of the published set."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.editorial import EditorialStatus
from events.models import Event, Source, Statement
from issues.models import Issue
from people.models import Organization, Person
from tests.factories import (
    EventFactory,
    EventParticipationFactory,
    EventSeriesFactory,
    IssueFactory,
    SourceFactory,
    StanceFactory,
    StatementFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_settle")]

URL = "/api/v1/changes/"
TYPES = {
    "organization": Organization,
    "person": Person,
    "source": Source,
    "event": Event,
    "issue": Issue,
    "statement": Statement,
}


def published_set() -> dict[tuple[str, int], str]:
    return {
        (name, obj.pk): getattr(obj, "slug", "")
        for name, model in TYPES.items()
        for obj in model.objects.published()
    }


def sync(client, mirror: dict, since: str = "", page_size: int = 3) -> str:
    """Apply every page of changes to `mirror`, as a partner would; return the cursor to keep."""
    url = f"{URL}?page_size={page_size}&since={since}"
    while True:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        for change in body["results"]:
            key = (change["type"], change["id"])
            if change["action"] in ("published", "updated"):
                mirror[key] = change["slug"]
            else:
                mirror.pop(key, None)
        if body["next"] is None:
            return body["cursor"]
        url = body["next"]


def changes(client, since: str) -> list[tuple[str, int, str]]:
    body = client.get(URL, {"since": since, "page_size": 1000}).json()
    return [(c["type"], c["id"], c["action"]) for c in body["results"]]


def test_mirror_matches_the_published_set_after_creates(client):
    StatementFactory()
    EventParticipationFactory()
    StanceFactory()
    SourceFactory()
    EventFactory(editorial_status=EditorialStatus.DRAFT)
    mirror: dict = {}

    sync(client, mirror)

    assert mirror == published_set()
    assert len(mirror) == 8


def test_mirror_follows_edits_unpublishes_and_deletes(client):
    statement = StatementFactory()
    kept, renamed, hidden, doomed = EventFactory.create_batch(4)
    issue = IssueFactory()
    mirror: dict = {}
    cursor = sync(client, mirror)

    renamed.slug = "renamed-meeting"
    renamed.save()
    hidden.editorial_status = EditorialStatus.ARCHIVED
    hidden.save()
    doomed.delete()
    statement.speaker.editorial_status = EditorialStatus.DRAFT  # its statement goes with it
    statement.speaker.save()
    issue.delete()
    sync(client, mirror, since=cursor)

    assert mirror == published_set()
    assert mirror[("event", renamed.pk)] == "renamed-meeting"
    assert ("statement", statement.pk) not in mirror


def test_deleting_an_event_keeps_its_statements_visible_through_their_speaker(client):
    statement = StatementFactory()
    mirror: dict = {}
    cursor = sync(client, mirror)

    statement.event.delete()
    sync(client, mirror, since=cursor)

    assert ("statement", statement.pk) in mirror
    assert mirror == published_set()


def test_unpublish_and_delete_are_tombstones(client):
    hidden, doomed = EventFactory.create_batch(2)
    cursor = client.get(URL).json()["cursor"]

    hidden.editorial_status = EditorialStatus.DRAFT
    hidden.save()
    doomed_pk = doomed.pk
    doomed.delete()

    assert changes(client, cursor) == [
        ("event", hidden.pk, "unpublished"),
        ("event", doomed_pk, "deleted"),
    ]


def test_a_child_change_is_an_update_of_its_parent(client):
    event = EventFactory()
    issue = IssueFactory()
    cursor = client.get(URL).json()["cursor"]

    EventParticipationFactory(event=event, person__editorial_status=EditorialStatus.DRAFT)
    StanceFactory(issue=issue)

    assert changes(client, cursor) == [
        ("event", event.pk, "updated"),
        ("issue", issue.pk, "updated"),
    ]


def test_publishing_a_draft_is_reported_as_published(client):
    event = EventFactory(editorial_status=EditorialStatus.REVIEW)
    cursor = client.get(URL).json()["cursor"]

    event.editorial_status = EditorialStatus.PUBLISHED
    event.save()
    event.save()

    assert changes(client, cursor) == [
        ("event", event.pk, "published"),
        ("event", event.pk, "updated"),
    ]


def test_a_draft_never_published_never_appears(client):
    draft = EventFactory(editorial_status=EditorialStatus.DRAFT, slug="secret-summit-plan")
    draft.editorial_status = EditorialStatus.REVIEW
    draft.save()
    draft.delete()
    scheduled = EventFactory(
        slug="secret-scheduled", publish_at=timezone.now() + dt.timedelta(days=1)
    )
    scheduled.editorial_status = EditorialStatus.DRAFT  # withdrawn before its time came
    scheduled.save()

    response = client.get(URL)

    assert response.json()["results"] == []
    assert b"secret" not in response.content


def test_a_scheduled_publication_is_reported_once_its_time_has_passed(client, monkeypatch):
    publish_at = timezone.now() + dt.timedelta(hours=1)
    event = EventFactory(publish_at=publish_at)
    mirror: dict = {}
    cursor = sync(client, mirror)
    assert ("event", event.pk) not in mirror

    later = publish_at + dt.timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: later)
    cursor = sync(client, mirror, since=cursor)

    assert mirror == published_set()
    assert ("event", event.pk) in mirror
    assert changes(client, cursor) == []


def test_cursor_resumes_where_the_last_page_ended(client):
    events = EventFactory.create_batch(5)
    first = client.get(URL, {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    rest = client.get(URL, {"since": second["cursor"], "page_size": 100}).json()

    seen = [c["id"] for page in (first, second, rest) for c in page["results"]]
    assert seen == [event.pk for event in events]
    assert rest["next"] is None
    assert changes(client, rest["cursor"]) == []


def test_since_a_time_lists_only_later_changes(client):
    EventFactory()
    boundary = timezone.now()
    later = EventFactory()

    assert changes(client, boundary.isoformat()) == [("event", later.pk, "published")]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "yesterday"}, "since"),
        ({"since": "2026-13-45T00:00:00"}, "since"),
        ({"since": "MTp4Onk"}, "since"),  # "1:x:y", a forged cursor
        ({"since": "a\x00b"}, "since"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "abc"}, "page_size"),
        ({"page_size": str(10**9)}, "page_size"),
    ],
)
def test_bad_parameters_are_field_level_400s(client, params, field):
    response = client.get(URL, params)

    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("rows", [5, 50])
def test_query_count_does_not_grow_with_the_page(client, django_assert_num_queries, rows):
    EventFactory()
    cursor = client.get(URL).json()["cursor"]
    EventFactory.create_batch(rows)

    with django_assert_num_queries(2):
        response = client.get(URL, {"since": cursor, "page_size": 100})

    assert len(response.json()["results"]) == rows


def test_renaming_a_series_updates_its_events(client):
    event = EventFactory(series=EventSeriesFactory(), round_number=1)
    cursor = client.get(URL).json()["cursor"]

    event.series.name = "Renamed dialogue"
    event.series.save()

    assert changes(client, cursor) == [("event", event.pk, "updated")]


def test_linking_an_issue_to_an_event_updates_both(client):
    event, issue = EventFactory(), IssueFactory()
    cursor = client.get(URL).json()["cursor"]

    issue.events.add(event)
    after_add = changes(client, cursor)
    cursor = client.get(URL, {"since": cursor}).json()["cursor"]
    event.issues.clear()

    assert after_add == [("issue", issue.pk, "updated"), ("event", event.pk, "updated")]
    assert changes(client, cursor) == [
        ("event", event.pk, "updated"),
        ("issue", issue.pk, "updated"),
    ]
