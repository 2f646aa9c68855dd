"""Mail and fan-out leave the request: the web side only queues, a worker sends."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alerts import tasks
from alerts.models import FollowKind, PendingItem
from tests.alerts.helpers import request_follow
from tests.factories import EventFactory, FollowFactory, IssueFactory, JournalCursorFactory
from tests.queue_utils import drain

# Committed data: a worker's task closes and reopens its database connection (huey's db_task),
# and on PostgreSQL a new connection sees only what was committed.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_confirmation_mail_is_sent_by_the_worker(
    client, task_queue, django_capture_on_commit_callbacks
):
    IssueFactory(slug="fishing")
    request_follow(client, django_capture_on_commit_callbacks, "issue=fishing")
    assert mail.outbox == []
    assert drain(task_queue) == 1
    assert len(mail.outbox) == 1


def save_queries(event) -> int:
    event.summary = "Edited."
    with CaptureQueriesContext(connection) as captured:
        event.save()
    return len(captured)


def test_a_save_costs_the_same_with_many_followers_as_with_none(
    task_queue, django_capture_on_commit_callbacks
):
    from sync.changes import current_cursor

    followed, quiet = IssueFactory(), IssueFactory()
    busy_event, quiet_event = EventFactory(), EventFactory()
    followed.events.add(busy_event)
    quiet.events.add(quiet_event)
    for _ in range(50):
        FollowFactory(kind=FollowKind.ISSUE, issue=followed)
    JournalCursorFactory(token=current_cursor().encode())
    with django_capture_on_commit_callbacks(execute=True):
        assert save_queries(busy_event) == save_queries(quiet_event)
    assert not PendingItem.objects.exists()
    assert drain(task_queue) == 0  # nothing queued by a save
    tasks.read_journal.call_local()  # the worker's minute task
    assert drain(task_queue) == 0  # "updated" events are not news; nothing to send
    followed.events.add(EventFactory(title="New talks"))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.read_journal.call_local()
    assert drain(task_queue) == 50
    assert len(mail.outbox) == 50
