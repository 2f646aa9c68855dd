"""Only what the public could see at sending time ever goes out."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core import mail
from django.utils import timezone

from alerts import tasks
from alerts.models import Frequency
from core.editorial import EditorialStatus
from events.models import Event
from tests.alerts.helpers import follow, run_alerts
from tests.factories import (
    EventFactory,
    EventParticipationFactory,
    IssueFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue():
    return IssueFactory(title="Fishing rights", slug="fishing")


@pytest.fixture
def following(client, issue, django_capture_on_commit_callbacks):
    follow(client, django_capture_on_commit_callbacks, "issue=fishing")
    follow(client, django_capture_on_commit_callbacks, "all=1", email="all@example.org")


def sent_text() -> str:
    return " ".join(
        m.subject + m.body + "".join(c for c, _t in m.alternatives) for m in mail.outbox
    )


def test_a_draft_is_never_sent(following, issue, django_capture_on_commit_callbacks):
    issue.events.add(EventFactory(title="Secret draft", editorial_status=EditorialStatus.DRAFT))
    issue.events.add(EventFactory(title="In review", editorial_status=EditorialStatus.REVIEW))
    run_alerts(django_capture_on_commit_callbacks)
    assert "Secret draft" not in sent_text()
    assert "In review" not in sent_text()
    assert "Meeting" not in sent_text()  # no slug or title of theirs either


def test_a_scheduled_event_goes_out_once_it_is_public(
    following, issue, django_capture_on_commit_callbacks
):
    soon = timezone.now() + dt.timedelta(seconds=2)
    event = EventFactory(title="Scheduled summit", publish_at=soon)
    issue.events.add(event)
    run_alerts(django_capture_on_commit_callbacks)
    assert "Scheduled summit" not in sent_text()
    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.2)
    run_alerts(django_capture_on_commit_callbacks)
    told = [m.to[0] for m in mail.outbox if "Scheduled summit" in m.body]
    assert sorted(told) == ["all@example.org", "reader@example.org"]
    sent = len(mail.outbox)
    run_alerts(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == sent


def test_an_editors_pending_change_is_not_sent(
    following, issue, django_capture_on_commit_callbacks
):
    from review.services import revision_submit
    from tests.factories import editor_user

    event = EventFactory(title="Live title")
    issue.events.add(event)
    run_alerts(django_capture_on_commit_callbacks)
    mail.outbox.clear()
    changes = {
        "parent": {"fields": {"title": ["Live title", "Pending title"]}, "m2m": {}},
        "children": [],
    }
    revision_submit(obj=event, changes=changes, author=editor_user(username="ed"))
    run_alerts(django_capture_on_commit_callbacks)
    assert "Pending title" not in sent_text()


def test_an_item_hidden_before_the_digest_is_left_out(
    client, issue, django_capture_on_commit_callbacks
):
    follow(client, django_capture_on_commit_callbacks, "issue=fishing", frequency="daily")
    issue.events.add(EventFactory(title="Soon withdrawn"))
    issue.events.add(EventFactory(title="Still public"))
    run_alerts(django_capture_on_commit_callbacks)
    Event.objects.filter(title="Soon withdrawn").update(editorial_status=EditorialStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.queue_digests(Frequency.DAILY)
    assert "Still public" in sent_text()
    assert "Soon withdrawn" not in sent_text()


def test_hidden_names_are_never_sent(client, django_capture_on_commit_callbacks):
    person = PersonFactory(display_name="Kim Min", slug="kim")
    draft_org = OrganizationFactory(
        name="Zephyrine Ministry", slug="zephyrine", editorial_status=EditorialStatus.DRAFT
    )
    follow(client, django_capture_on_commit_callbacks, "person=kim")
    follow(client, django_capture_on_commit_callbacks, "all=1", email="all@example.org")
    PositionFactory(person=person, organization=draft_org, title="Zephyrine envoy")
    event = EventFactory(title="Kim meets the press")
    EventParticipationFactory(event=event, person=person)
    EventParticipationFactory(
        event=event,
        person=PersonFactory(display_name="Zephyrine Guest", editorial_status="draft"),
    )
    person.save()
    run_alerts(django_capture_on_commit_callbacks)
    assert "Kim meets the press" in sent_text()
    assert "Zephyrine" not in sent_text()


def test_a_draft_persons_page_cannot_be_followed(client):
    PersonFactory(slug="hidden", editorial_status=EditorialStatus.DRAFT)
    assert client.get("/alerts/follow/?person=hidden").status_code == 404


def test_a_follow_of_an_issue_hidden_since_is_not_named_on_the_manage_page(
    client, django_capture_on_commit_callbacks
):
    from alerts.models import Subscriber
    from alerts.tokens import manage_token
    from issues.models import Issue

    IssueFactory(title="Zephyrine talks", slug="zephyrine")
    follow(client, django_capture_on_commit_callbacks, "issue=zephyrine")
    Issue.objects.filter(slug="zephyrine").update(editorial_status=EditorialStatus.DRAFT)
    page = client.get(f"/alerts/manage/{manage_token(Subscriber.objects.get())}/")
    assert page.status_code == 200
    assert "Zephyrine" not in page.text
