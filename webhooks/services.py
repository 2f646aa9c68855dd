"""Webhook rules: endpoint writes, the fan-out from the change journal, one delivery attempt,
retries, automatic disabling. The worker runs the fan-out and the attempts (webhooks.tasks);
the request only writes rows and queues tasks."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from issues.models import Issue
from people.models import Person
from sync.changes import Cursor, changes_page, current_cursor
from webhooks import event_types, payloads, signing, transport
from webhooks.models import (
    Delivery,
    DeliveryStatus,
    Endpoint,
    FanOutCursor,
    KnownIssueStatus,
    Message,
    new_message_id,
    new_secret,
)
from webhooks.ssrf import UnsafeURL, check_url

logger = logging.getLogger(__name__)

ROTATION_OVERLAP = timedelta(hours=24)


# --- Endpoints ----------------------------------------------------------------------------------


def endpoint_validate(
    *, url: str, event_types_: list[str], issue: str = "", person: str = "", country: str = ""
) -> dict[str, list[str]]:
    """Field errors a partner can read (empty when the endpoint may be saved)."""
    errors: dict[str, list[str]] = {}
    try:
        check_url(url)
    except UnsafeURL as refusal:
        errors["url"] = [str(refusal)]
    unknown = [name for name in event_types_ if name not in event_types.SUBSCRIBABLE]
    if unknown:
        errors["event_types"] = [f"Unknown event type: {name}." for name in unknown]
    elif not event_types_:
        errors["event_types"] = ['Name at least one event type, or "*" for all.']
    # A hidden object answers as an unknown one: its slug is not public.
    if issue and not Issue.objects.published().filter(slug=issue).exists():
        errors["issue"] = [f"No published issue with the slug {issue}."]
    if person and not Person.objects.published().filter(slug=person).exists():
        errors["person"] = [f"No published person with the slug {person}."]
    return errors


def endpoint_save(*, endpoint: Endpoint) -> Endpoint:
    """Check and save an endpoint (admin and API alike); re-enabling clears its failure count."""
    errors = endpoint_validate(
        url=endpoint.url,
        event_types_=list(endpoint.event_types or []),
        issue=endpoint.issue,
        person=endpoint.person,
        country=str(endpoint.country or ""),
    )
    if errors:
        raise ValidationError(errors)
    if endpoint.enabled:
        endpoint.disabled_at = None
        endpoint.disabled_reason = ""
        endpoint.consecutive_failures = 0
        endpoint.failing_since = None
    endpoint.full_clean(exclude=["url"])
    endpoint.save()
    return endpoint


def endpoint_rotate_secret(*, endpoint: Endpoint) -> Endpoint:
    """A new secret; the old one keeps signing beside it for 24 hours."""
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = timezone.now() + ROTATION_OVERLAP
    endpoint.secret = new_secret()
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at"])
    return endpoint


def _queue_deliveries(delivery_ids: list[int]) -> None:
    from webhooks import tasks

    def enqueue() -> None:
        for delivery_id in delivery_ids:
            tasks.deliver(delivery_id)

    transaction.on_commit(enqueue)


def endpoint_ping(*, endpoint: Endpoint) -> Delivery:
    """Queue a `webhook.ping` message to the endpoint (sent even while it is disabled)."""
    message_id = new_message_id()
    body = {
        "id": message_id,
        "type": event_types.PING,
        "action": "ping",
        "timestamp": payloads.timestamp(timezone.now()),
        "data": {"endpoint": endpoint.pk},
    }
    with transaction.atomic():
        message = Message.objects.create(
            message_id=message_id, event_type=event_types.PING, body=payloads.encode(body)
        )
        delivery = Delivery.objects.create(endpoint=endpoint, message=message)
        _queue_deliveries([delivery.pk])
    return delivery


def delivery_redeliver(*, delivery: Delivery) -> Delivery:
    """Send a delivery's message again (same webhook-id: receivers deduplicate on it)."""
    with transaction.atomic():
        again = Delivery.objects.create(
            endpoint=delivery.endpoint, message=delivery.message, redelivery_of=delivery
        )
        _queue_deliveries([again.pk])
    return again


# --- Fan-out ------------------------------------------------------------------------------------


def _correction(row: Any) -> dict[str, Any] | None:
    """The public correction a journal row is marked with, if the journal has corrections."""
    if row is None or getattr(row, "correction_id", None) is None:
        return None
    correction = getattr(row, "correction", None)
    if correction is None:
        return None
    note = getattr(correction, "note", None) or getattr(correction, "public_note", "") or ""
    when = (
        getattr(correction, "published_at", None)
        or getattr(correction, "created_at", None)
        or row.at
    )
    return {"note": str(note), "at": payloads.timestamp(when)}


def _messages_for(change: dict[str, Any]) -> list[tuple[Message, set[tuple[str, str]] | None]]:
    """The messages one feed entry makes, each with its filter keys (None: a tombstone)."""
    kind, action, at = change["type"], change["action"], change["at"]
    row = change.get("row")
    found: list[tuple[Message, set[tuple[str, str]] | None]] = []

    def message(event_type: str, data: dict[str, Any], **extra: Any) -> Message:
        message_id = new_message_id()
        body = {
            "id": message_id,
            "type": event_type,
            "action": action,
            "timestamp": payloads.timestamp(at),
            "object": payloads.tombstone(kind, change["id"], change["slug"]),
            **extra,
            "data": data,
        }
        return Message(
            message_id=message_id,
            event_type=event_type,
            object_type=kind,
            object_id=change["id"],
            body=payloads.encode(body),
        )

    if action in event_types.TOMBSTONE_ACTIONS:
        data = payloads.tombstone(kind, change["id"], change["slug"])
        found.append((message(f"{kind}.{action}", data), None))
        return found
    data = payloads.detail(kind, change["id"])
    if data is None:
        # Hidden again since (a later entry tombstones it): nothing of it may be sent now.
        return found
    keys = payloads.filter_keys(kind, data)
    correction = _correction(row) if action == "updated" else None
    if correction is not None:
        found.append((message(f"{kind}.corrected", data, correction=correction), keys))
    else:
        found.append((message(f"{kind}.{action}", data), keys))
    if kind == "issue" and isinstance(data.get("status"), str):
        known = KnownIssueStatus.objects.filter(issue_id=change["id"]).first()
        if known is not None and known.status != data["status"]:
            found.append(
                (message(event_types.STATUS_CHANGED, data, previous_status=known.status), keys)
            )
        KnownIssueStatus.objects.update_or_create(
            issue_id=change["id"], defaults={"status": data["status"]}
        )
    return found


def _matches(endpoint: Endpoint, message: Message, keys: set[tuple[str, str]] | None) -> bool:
    if not event_types.subscribed(list(endpoint.event_types or []), message.event_type):
        return False
    if keys is None:  # a tombstone names only what was public: every subscriber removes it
        return True
    wanted = [
        ("issue", endpoint.issue),
        ("person", endpoint.person),
        ("country", str(endpoint.country or "")),
    ]
    return all(value == "" or (name, value) in keys for name, value in wanted)


def fan_out_page(page_size: int = 200) -> bool:
    """Read one page of the change journal from the stored cursor and queue its deliveries.

    The page, its messages, its deliveries and the new cursor commit together (a second worker
    waits on the cursor row), so each feed entry is fanned out exactly once. True: more waiting.
    """
    with transaction.atomic():
        state = FanOutCursor.objects.select_for_update().filter(pk=1).first()
        if state is None:
            start = current_cursor()
            state = FanOutCursor.objects.create(pk=1, row_id=start.row_id, as_of=start.as_of)
        cursor = Cursor(state.row_id, state.as_of or timezone.now())
        page = changes_page(cursor, page_size, with_rows=True)
        endpoints = list(Endpoint.objects.filter(enabled=True).order_by("id"))
        messages: list[tuple[Message, list[Endpoint]]] = []
        if endpoints:
            for change in page["results"]:
                for message, keys in _messages_for(change):
                    receivers = [e for e in endpoints if _matches(e, message, keys)]
                    if receivers:
                        messages.append((message, receivers))
        Message.objects.bulk_create([message for message, _ in messages])
        saved = {
            m.message_id: m.pk
            for m in Message.objects.filter(
                message_id__in=[message.message_id for message, _ in messages]
            ).only("id", "message_id")
        }
        deliveries = [
            Delivery(endpoint=endpoint, message_id=saved[message.message_id])
            for message, receivers in messages
            for endpoint in receivers
        ]
        created = Delivery.objects.bulk_create(deliveries, batch_size=2000)
        ids = [d.pk for d in created if d.pk is not None]
        if len(ids) != len(created):  # backends without RETURNING on bulk inserts
            ids = list(
                Delivery.objects.filter(message_id__in=saved.values()).values_list("pk", flat=True)
            )
        next_cursor: Cursor = page["next_cursor"]
        state.row_id, state.as_of = next_cursor.row_id, next_cursor.as_of
        state.save(update_fields=["row_id", "as_of"])
        _queue_deliveries(ids)
    return bool(page["has_more"])


# --- Delivery -----------------------------------------------------------------------------------


def retry_delays() -> list[float]:
    return [float(delay) for delay in settings.WEBHOOKS_RETRY_DELAYS]


def _claim(delivery_id: int, now: datetime) -> bool:
    hold = now + timedelta(
        seconds=settings.WEBHOOKS_CONNECT_TIMEOUT + settings.WEBHOOKS_READ_TIMEOUT + 30
    )
    return bool(
        Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=hold)
    )


def delivery_attempt(delivery_id: int) -> float | None:
    """One attempt; returns the delay before the next one (None: no retry is due)."""
    now = timezone.now()
    if not _claim(delivery_id, now):
        return None  # done already, or another worker is sending it
    delivery = Delivery.objects.select_related("endpoint__api_key", "message").get(pk=delivery_id)
    endpoint, message = delivery.endpoint, delivery.message
    is_ping = message.event_type == event_types.PING
    if not endpoint.enabled and not is_ping:
        delivery.status = DeliveryStatus.FAILED
        delivery.error = "The endpoint is disabled."
        delivery.locked_until = None
        delivery.next_attempt_at = None
        delivery.save()
        return None
    body = message.body.encode()
    headers = signing.headers(
        endpoint.signing_secrets(now), message.message_id, int(time.time()), body
    )
    outcome = transport.post(endpoint.url, body, headers)
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_code = outcome.status
    delivery.response_body = outcome.body
    delivery.duration_ms = outcome.duration_ms
    delivery.error = outcome.error
    delivery.locked_until = None
    delay: float | None = None
    if outcome.ok:
        delivery.status = DeliveryStatus.SUCCEEDED
        delivery.next_attempt_at = None
        if not is_ping:
            Endpoint.objects.filter(pk=endpoint.pk).update(
                consecutive_failures=0, failing_since=None
            )
    else:
        delays = retry_delays()
        if delivery.attempts <= len(delays):
            delay = delays[delivery.attempts - 1]
            delivery.next_attempt_at = now + timedelta(seconds=delay)
        else:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
        if not is_ping:
            _record_failure(endpoint, now, delivery_failed=delay is None)
    delivery.save()
    return delay


def _record_failure(endpoint: Endpoint, now: datetime, *, delivery_failed: bool) -> None:
    """Count a failure; disable the endpoint when it has failed for too long or too often."""
    updates: dict[str, Any] = {"failing_since": Coalesce(F("failing_since"), now)}
    if delivery_failed:
        updates["consecutive_failures"] = F("consecutive_failures") + 1
    Endpoint.objects.filter(pk=endpoint.pk).update(**updates)
    endpoint.refresh_from_db(fields=["consecutive_failures", "failing_since", "enabled"])
    if not endpoint.enabled or not delivery_failed:
        return
    too_many = endpoint.consecutive_failures >= settings.WEBHOOKS_DISABLE_AFTER_FAILURES
    too_long = endpoint.failing_since is not None and now - endpoint.failing_since >= timedelta(
        seconds=settings.WEBHOOKS_DISABLE_AFTER_SECONDS
    )
    if too_many or too_long:
        endpoint_disable(
            endpoint=endpoint,
            reason=f"Every attempt failed for {endpoint.consecutive_failures} deliveries in a row "
            f"since {endpoint.failing_since:%Y-%m-%d %H:%M} UTC.",
        )


def endpoint_disable(*, endpoint: Endpoint, reason: str) -> None:
    """Stop sending to an endpoint and tell the key's contact (by the queue)."""
    from webhooks import tasks

    Endpoint.objects.filter(pk=endpoint.pk).update(
        enabled=False, disabled_at=timezone.now(), disabled_reason=reason[:300]
    )
    transaction.on_commit(lambda: tasks.notify_disabled(endpoint.pk))


def notify_disabled(endpoint_id: int) -> None:
    endpoint = Endpoint.objects.select_related("api_key").filter(pk=endpoint_id).first()
    if endpoint is None or endpoint.enabled or not endpoint.contact_email():
        return
    send_mail(
        subject=f"Webhook endpoint disabled: {endpoint.url}"[:200],
        message=(
            f"The webhook endpoint {endpoint.url} of the API key {endpoint.api_key.name} was "
            f"disabled: {endpoint.disabled_reason}\n\n"
            "Nothing more is sent to it. Fix the receiver, then enable it again (PATCH "
            f'/api/v1/webhooks/{endpoint.pk}/ with {{"enabled": true}}) and redeliver what it '
            "missed from its delivery log, or read /api/v1/changes/.\n"
        ),
        from_email=None,
        recipient_list=[endpoint.contact_email()],
    )


def due_deliveries(now: datetime | None = None) -> list[int]:
    """Pending deliveries whose retry should have run a while ago (a worker stopped meanwhile)."""
    now = now or timezone.now()
    late = now - timedelta(seconds=60)
    return list(
        Delivery.objects.filter(status=DeliveryStatus.PENDING)
        .filter(
            Q(next_attempt_at__lte=late) | Q(next_attempt_at__isnull=True, created_at__lte=late)
        )
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .values_list("pk", flat=True)[:1000]
    )


def prune_log(now: datetime | None = None) -> int:
    """Delete finished deliveries older than WEBHOOKS_LOG_DAYS, and messages left with none."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.WEBHOOKS_LOG_DAYS)
    deleted, _ = (
        Delivery.objects.filter(created_at__lt=cutoff)
        .exclude(status=DeliveryStatus.PENDING)
        .delete()
    )
    Message.objects.filter(created_at__lt=cutoff, deliveries__isnull=True).delete()
    return deleted
