"""Webhooks are driven by the change journal: they say what /api/v1/changes/ says, no more."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import transaction
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from core.editorial import EditorialStatus
from tests.factories import (
    EventFactory,
    EventParticipationFactory,
    IssueFactory,
    PersonFactory,
    WebhookEndpointFactory,
)
from webhooks import services
from webhooks.models import Endpoint, Message

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_settle", "loopback")]


def fan_out() -> None:
    while services.fan_out_page(page_size=3):  # small pages: the cursor carries over
        pass


class Feed:
    """A partner polling /api/v1/changes/ from where it stopped."""

    def __init__(self, client) -> None:
        self.client = client
        self.cursor = client.get("/api/v1/changes/").json()["cursor"]

    def read(self) -> list[tuple[str, int, str]]:
        body = self.client.get("/api/v1/changes/", {"since": self.cursor, "page_size": 1000}).json()
        self.cursor = body["cursor"]
        return [(c["type"], c["id"], c["action"]) for c in body["results"]]


def received(receiver, start: int) -> list[dict]:
    return [json.loads(r.body) for r in receiver.received[start:]]


def as_feed(messages: list[dict]) -> list[tuple[str, int, str]]:
    return [
        (m["object"]["type"], m["object"]["id"], m["action"])
        for m in messages
        if m["type"] != "issue.status_changed"
    ]


def test_webhooks_and_the_changes_feed_agree_over_a_series_of_edits(client, receiver, monkeypatch):
    endpoint = WebhookEndpointFactory(url=receiver.url)
    feed = Feed(client)
    seen = 0

    def step() -> list[tuple[str, int, str]]:
        nonlocal seen
        fan_out()
        messages = received(receiver, seen)
        seen = len(receiver.received)
        for request in receiver.received[-len(messages) or len(receiver.received) :]:
            Webhook(endpoint.secret).verify(request.body, request.headers)
        reported = feed.read()
        assert as_feed(messages) == reported
        return reported

    event = EventFactory(title="Summit")
    assert step() == [("event", event.pk, "published")]

    event.title = "Summit, renamed"
    event.save()
    assert step() == [("event", event.pk, "updated")]

    event.editorial_status = EditorialStatus.DRAFT
    event.save()
    assert step() == [("event", event.pk, "unpublished")]

    draft = EventFactory(editorial_status=EditorialStatus.DRAFT, slug="secret-summit-plan")
    draft.title = "Still secret"
    draft.save()
    assert step() == []

    later = timezone.now() + dt.timedelta(hours=1)
    scheduled = EventFactory(publish_at=later, slug="announced-at-noon")
    assert step() == []  # scheduled: not public yet
    monkeypatch.setattr(timezone, "now", lambda: later + dt.timedelta(minutes=1))
    assert step() == [("event", scheduled.pk, "published")]

    event.editorial_status = EditorialStatus.PUBLISHED
    event.save()
    assert step() == [("event", event.pk, "published")]
    event_id = event.pk
    event.delete()
    assert step() == [("event", event_id, "deleted")]

    everything = b"".join(r.body for r in receiver.received)
    assert b"secret-summit-plan" not in everything
    assert b"Still secret" not in everything


def test_a_payload_is_the_api_detail_and_a_tombstone_only_names_the_object(
    client, receiver, settings
):
    person = PersonFactory(slug="wang-yi")
    event = EventFactory(slug="summit")
    EventParticipationFactory(event=event, person=person)
    hidden = PersonFactory(slug="hidden-envoy", editorial_status=EditorialStatus.DRAFT)
    EventParticipationFactory(event=event, person=hidden)
    fan_out()  # the periodic run: the journal read up to here, no endpoint yet
    WebhookEndpointFactory(url=receiver.url, event_types=["event.updated", "event.deleted"])
    event.title = "Summit of the year"
    event.save()
    fan_out()
    (message,) = received(receiver, 0)
    host = settings.SITE_URL.split("://", 1)[1]
    assert message["data"] == client.get("/api/v1/events/summit/", HTTP_HOST=host).json()
    assert message["data"]["participants"][0]["person"]["slug"] == "wang-yi"
    assert message["type"] == "event.updated"
    assert message["object"] == {"type": "event", "id": event.pk, "slug": "summit"}
    assert {"id", "type", "action", "timestamp", "data"} <= set(message)
    assert b"hidden-envoy" not in receiver.received[0].body

    event_id = event.pk
    event.delete()
    fan_out()
    # (Removing its participations first updated it, as the feed reports too.)
    (tombstone,) = [m for m in received(receiver, 1) if m["type"] == "event.deleted"]
    assert tombstone["type"] == "event.deleted"
    assert tombstone["data"] == {"type": "event", "id": event_id, "slug": "summit"}


def test_endpoints_get_only_their_event_types_and_filters(receiver):
    person = PersonFactory(slug="lee")
    issue = IssueFactory(slug="thaad")
    fan_out()
    by_person = WebhookEndpointFactory(url=receiver.url + "/person", person="lee")
    by_issue = WebhookEndpointFactory(url=receiver.url + "/issue", issue="thaad")
    by_country = WebhookEndpointFactory(url=receiver.url + "/cn", country="CN")
    people_only = WebhookEndpointFactory(url=receiver.url + "/people", event_types=["person.*"])
    people_only.event_types = ["person.updated"]
    people_only.save()

    with_lee = EventFactory(slug="with-lee", country="KR")
    EventParticipationFactory(event=with_lee, person=person)
    about_thaad = EventFactory(slug="about-thaad", country="CN")
    about_thaad.issues.add(issue)
    person.summary = "New biography"
    person.save()
    fan_out()

    def slugs(path: str) -> set[str]:
        return {
            json.loads(r.body)["object"]["slug"]
            for r in receiver.received
            if r.path == f"/hooks/{path}"
        }

    assert "with-lee" in slugs("person")
    assert "about-thaad" not in slugs("person")
    assert "lee" in slugs("person")
    assert "about-thaad" in slugs("issue")
    assert "with-lee" not in slugs("issue")
    assert "about-thaad" in slugs("cn")
    assert "with-lee" not in slugs("cn")
    assert slugs("people") == {"lee"}
    assert by_person.deliveries.exists()
    assert by_issue.deliveries.exists()
    assert by_country.deliveries.exists()


def test_a_status_change_of_an_issue_is_its_own_event_type(receiver):
    WebhookEndpointFactory(url=receiver.url, event_types=["issue.status_changed"])
    issue = IssueFactory(slug="thaad", status="active")
    fan_out()
    issue.title = "THAAD deployment"
    issue.save()
    fan_out()
    assert receiver.received == []  # same status: no status change

    issue.status = "resolved"
    issue.save()
    fan_out()
    (message,) = received(receiver, 0)
    assert message["type"] == "issue.status_changed"
    assert message["previous_status"] == "active"
    assert message["data"]["status"] == "resolved"


def test_an_editors_correction_goes_out_as_corrected_with_its_public_note(receiver, editor):
    from review.services import correction_record

    event = EventFactory(slug="summit")
    fan_out()
    # Disabled while the edit is made: the fan-out then runs once, after the whole change, as
    # after a request's commit.
    endpoint = WebhookEndpointFactory(
        url=receiver.url, event_types=["event.updated"], enabled=False
    )
    with transaction.atomic():  # as the admin saves the change and its correction together
        event.title = "Summit (date corrected)"
        event.save()
        correction_record(obj=event, note="The summit was on 6 January, not 5.", user=editor)
    Endpoint.objects.filter(pk=endpoint.pk).update(enabled=True)
    fan_out()

    (message,) = received(receiver, 0)
    assert message["type"] == "event.corrected"
    assert message["correction"]["note"] == "The summit was on 6 January, not 5."
    assert message["data"]["title"] == "Summit (date corrected)"


def test_nothing_is_fanned_out_twice(receiver):
    WebhookEndpointFactory(url=receiver.url)
    EventFactory()
    fan_out()
    fan_out()
    assert len(receiver.received) == 1
    assert Message.objects.count() == 1
