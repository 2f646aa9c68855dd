"""Fan-out is not on the request path: a save does the same work with 0 or 100 endpoints."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.factories import EventFactory, PartnerAPIKeyFactory, WebhookEndpointFactory
from tests.queue_utils import drain
from webhooks import services
from webhooks.models import Delivery

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_settle")]


@pytest.fixture(autouse=True)
def commit_at_once():
    """Overrides the package fixture: here work waits for the commit, as in a real request."""


def save_as_a_request_does(event, django_capture_on_commit_callbacks) -> int:
    """Queries of one edit (in one transaction, with what runs after its commit)."""
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        event.title += " (edited)"
        event.save()
    return len(queries)


def test_a_save_costs_the_same_with_0_or_100_endpoints(
    task_queue, django_capture_on_commit_callbacks
):
    event = EventFactory()
    without = save_as_a_request_does(event, django_capture_on_commit_callbacks)
    assert task_queue.pending_count() == 0  # no endpoint: nothing to wake
    with django_capture_on_commit_callbacks(execute=True):
        services.fan_out_page()  # the periodic run reads the journal up to now

    key = PartnerAPIKeyFactory()
    WebhookEndpointFactory.create_batch(100, api_key=key)
    with_endpoints = save_as_a_request_does(event, django_capture_on_commit_callbacks)

    assert with_endpoints == without
    assert [t.name for t in task_queue.pending()] == ["fan_out"]  # one wake-up, no delivery
    assert not Delivery.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert drain(task_queue, limit=1) == 1  # the worker fans out
    assert Delivery.objects.count() == 100
    assert {t.name for t in task_queue.pending()} == {"deliver"}
    assert len(task_queue.pending()) == 100
