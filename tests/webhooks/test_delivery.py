"""Deliveries to a real local HTTP receiver: Standard Webhooks signatures (checked with the
independent `standardwebhooks` package), retries with backoff, the log, redelivery, disabling."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from tests.factories import WebhookEndpointFactory
from tests.queue_utils import drain
from tests.webhooks.receiver import Answer
from webhooks import services
from webhooks.models import Delivery, DeliveryStatus, Message

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loopback")]


def run_scheduled(huey) -> int:
    """Run the retries the worker would run once their delay has passed (the clock skipped)."""
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=2)
    ran = 0
    for task in huey.read_schedule(later):
        huey.execute(task, timestamp=later)
        ran += 1
    drain(huey)  # the worker parks what they schedule next until its time
    return ran


def test_a_ping_arrives_signed_and_verifies_with_standardwebhooks(receiver, api_key):
    endpoint = WebhookEndpointFactory(api_key=api_key, url=receiver.url)

    services.endpoint_ping(endpoint=endpoint)  # immediate mode in tests: sent at once

    assert len(receiver.received) == 1
    request = receiver.received[0]
    payload = Webhook(endpoint.secret).verify(request.body, request.headers)
    assert payload["type"] == "webhook.ping"
    assert payload["id"] == request.headers["webhook-id"]
    assert request.headers["content-type"] == "application/json"
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.response_code == 200
    assert delivery.attempts == 1
    assert delivery.duration_ms is not None


def test_a_wrong_secret_or_a_changed_body_fails_verification(receiver, api_key):
    endpoint = WebhookEndpointFactory(api_key=api_key, url=receiver.url)
    services.endpoint_ping(endpoint=endpoint)
    request = receiver.received[0]

    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "A" * 44).verify(request.body, request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint.secret).verify(request.body + b" ", request.headers)


def test_after_a_rotation_both_secrets_sign_for_a_day(receiver, api_key):
    endpoint = WebhookEndpointFactory(api_key=api_key, url=receiver.url)
    old = endpoint.secret
    services.endpoint_rotate_secret(endpoint=endpoint)
    services.endpoint_ping(endpoint=endpoint)

    request = receiver.received[0]
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    Webhook(old).verify(request.body, request.headers)
    Webhook(endpoint.secret).verify(request.body, request.headers)

    endpoint.previous_secret_expires_at = endpoint.previous_secret_expires_at - dt.timedelta(
        hours=25
    )
    endpoint.save()
    services.endpoint_ping(endpoint=endpoint)
    request = receiver.received[1]
    assert len(request.headers["webhook-signature"].split(" ")) == 1
    with pytest.raises(WebhookVerificationError):
        Webhook(old).verify(request.body, request.headers)


def test_failures_are_retried_with_growing_delays_until_one_succeeds(
    receiver, api_key, settings, task_queue
):
    settings.WEBHOOKS_RETRY_DELAYS = [10, 20, 40, 80]
    receiver.script(500, 503, Answer(502, b"x" * 5000))
    endpoint = WebhookEndpointFactory(api_key=api_key, url=receiver.url)
    services.endpoint_ping(endpoint=endpoint)
    delivery = Delivery.objects.get()

    drain(task_queue)  # the first attempt, as the worker runs it
    delays = []
    for expected_attempts in (1, 2, 3):
        delivery.refresh_from_db()
        assert delivery.attempts == expected_attempts
        assert delivery.status == DeliveryStatus.PENDING
        delays.append((delivery.next_attempt_at - delivery.last_attempt_at).total_seconds())
        (scheduled,) = task_queue.scheduled()
        assert scheduled.args == (delivery.pk,)
        assert run_scheduled(task_queue) == 1

    delivery.refresh_from_db()
    assert delays == [10, 20, 40]  # exponential backoff
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.attempts == 4
    assert [r.headers["webhook-id"] for r in receiver.received] == [
        delivery.message.message_id
    ] * 4  # the same message id on every retry
    assert task_queue.scheduled() == []


def test_the_log_keeps_the_code_and_the_start_of_a_long_answer(receiver, api_key):
    receiver.script(Answer(500, b"e" * 200_000))
    endpoint = WebhookEndpointFactory(api_key=api_key, url=receiver.url)
    services.endpoint_ping(endpoint=endpoint)

    delivery = Delivery.objects.get()
    assert delivery.response_code == 500
    assert len(delivery.response_body) == 2000


def test_a_redirect_is_a_failure_and_is_not_followed(receiver, api_key):
    receiver.script(Answer(302, b"", {"Location": f"http://127.0.0.1:{receiver.port}/other"}))
    endpoint = WebhookEndpointFactory(api_key=api_key, url=receiver.url)
    services.endpoint_ping(endpoint=endpoint)

    delivery = Delivery.objects.get()
    assert delivery.response_code == 302
    assert delivery.status == DeliveryStatus.PENDING  # retried later, never followed
    assert [r.path for r in receiver.received] == ["/hooks"]


def test_redelivery_sends_the_same_message_again(receiver, api_key):
    endpoint = WebhookEndpointFactory(api_key=api_key, url=receiver.url)
    services.endpoint_ping(endpoint=endpoint)
    first = Delivery.objects.get()

    again = services.delivery_redeliver(delivery=first)

    again.refresh_from_db()
    assert again.status == DeliveryStatus.SUCCEEDED
    assert again.redelivery_of == first
    ids = [r.headers["webhook-id"] for r in receiver.received]
    assert ids[0] == ids[1]
    assert json.loads(receiver.received[1].body) == json.loads(receiver.received[0].body)


def test_an_endpoint_that_keeps_failing_is_disabled_and_its_contact_told(
    receiver, api_key, settings, task_queue
):
    settings.WEBHOOKS_RETRY_DELAYS = [1]
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 2
    receiver.script(*[500] * 10)
    endpoint = WebhookEndpointFactory(api_key=api_key, url=receiver.url, contact="")
    for _ in range(2):
        message = services.endpoint_ping(endpoint=endpoint).message
        # Pings never disable an endpoint: send the message as a real event would be.
        message.event_type = "event.updated"
        message.save()
    drain(task_queue)
    run_scheduled(task_queue)  # each delivery's last attempt fails too
    drain(task_queue)  # the notice e-mail, queued

    endpoint.refresh_from_db()
    assert endpoint.enabled is False
    assert "2 deliveries in a row" in endpoint.disabled_reason
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.FAILED}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ops@partner.example"]  # the key's contact
    assert endpoint.url in mail.outbox[0].body


def test_a_disabled_endpoint_receives_nothing_but_pings(receiver, api_key):
    endpoint = WebhookEndpointFactory(api_key=api_key, url=receiver.url, enabled=False)
    message = services.endpoint_ping(endpoint=endpoint).message
    assert len(receiver.received) == 1  # a ping still goes, to test the receiver

    message.event_type = "event.updated"
    message.save()
    delivery = services.delivery_redeliver(delivery=Delivery.objects.get())

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert len(receiver.received) == 1


def test_a_lost_retry_is_picked_up_by_the_periodic_sweep(receiver, api_key, task_queue):
    endpoint = WebhookEndpointFactory(api_key=api_key, url=receiver.url)
    delivery = services.endpoint_ping(endpoint=endpoint)
    task_queue.flush()  # the worker died with the task
    Delivery.objects.filter(pk=delivery.pk).update(
        created_at=delivery.created_at - dt.timedelta(minutes=10)
    )

    from webhooks.tasks import retry_late

    retry_late.call_local()
    drain(task_queue)

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED


def test_the_worker_schedule_is_registered():
    from webhooks.tasks import fan_out_every_minute, retry_late

    names = {t.__name__ for t in HUEY._registry._periodic_tasks}
    assert fan_out_every_minute.task_class.__name__ in names
    assert retry_late.task_class.__name__ in names


def test_the_log_keeps_thirty_days_of_finished_deliveries(settings):
    from tests.factories import WebhookDeliveryFactory

    old = timezone.now() - dt.timedelta(days=31)
    finished = WebhookDeliveryFactory(
        created_at=old, message__created_at=old, status=DeliveryStatus.SUCCEEDED
    )
    pending = WebhookDeliveryFactory(created_at=old)
    recent = WebhookDeliveryFactory(status=DeliveryStatus.FAILED)

    assert services.prune_log() == 1

    assert set(Delivery.objects.all()) == {pending, recent}
    assert not Message.objects.filter(pk=finished.message_id).exists()
