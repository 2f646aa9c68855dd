"""Following by e-mail: request (double opt-in), confirm, change settings, unsubscribe.

Every door (the follow pages, the manage page, one-click unsubscribe) calls these. Mail leaves
the request: it is queued for the worker (`alerts.tasks`) after the transaction commits.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from alerts.models import Follow, Frequency, JournalCursor, Subscriber
from alerts.targets import Target
from sync.changes import current_cursor

JOURNAL_CURSOR = "alerts"


def address_hash(email: str) -> str:
    """A keyed hash of the normalised address: finds a subscriber without storing it twice."""
    normalised = email.strip().lower().encode()
    return hmac.new(settings.SECRET_KEY.encode(), normalised, hashlib.sha256).hexdigest()


def _over_limit(key: str, limit: int, window: int) -> bool:
    """Count one request against `key` in the shared cache; True once over `limit`."""
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        count = 1
    return count > limit


def rate_limited_ip(ip: str | None) -> bool:
    """Whether this address (IP) asked for too many follows lately."""
    if not ip:
        return False
    key = "alerts-ip:" + hashlib.sha256(ip.encode()).hexdigest()
    return _over_limit(key, settings.ALERTS_REQUESTS_PER_IP, settings.ALERTS_RATE_WINDOW)


def rate_limited_address(email_hash: str) -> bool:
    """Whether this e-mail address was sent too many confirmation mails lately."""
    key = "alerts-address:" + email_hash
    return _over_limit(key, settings.ALERTS_REQUESTS_PER_ADDRESS, settings.ALERTS_RATE_WINDOW)


def follow_request(*, email: str, target: Target, frequency: str, language: str) -> None:
    """Ask to follow `target`: a confirmation mail goes to `email`, nothing else happens.

    The same whether the address is new, waiting or already following (the mail differs, the
    answer does not), so no one learns who follows what. An address over its rate limit gets
    nothing, silently.
    """
    digest = address_hash(email)
    if rate_limited_address(digest):
        return
    with transaction.atomic():
        subscriber, created = Subscriber.objects.get_or_create(
            email_hash=digest,
            defaults={
                "email": email.strip(),
                "key": secrets.token_urlsafe(16)[:22],
                "frequency": frequency if frequency in Frequency.values else Frequency.IMMEDIATE,
                "language": language,
            },
        )
        if not created and subscriber.confirmed_at is None:
            # Not confirmed yet: the latest request's choices count.
            subscriber.frequency = frequency if frequency in Frequency.values else "immediate"
            subscriber.language = language
            subscriber.save(update_fields=["frequency", "language"])
        follow = Follow.objects.filter(subscriber=subscriber, **target.fields()).first()
        if follow is None:
            follow = Follow.objects.create(subscriber=subscriber, **target.fields())
        follow_id = follow.pk
        transaction.on_commit(lambda: _queue("send_confirmation", follow_id))


def _queue(task_name: str, *args: object) -> None:
    from alerts import tasks  # alerts.tasks imports this module

    getattr(tasks, task_name)(*args)


def follow_confirm(*, follow: Follow) -> Follow:
    """The reader clicked their confirmation link: the follow (and the address) are live."""
    now = timezone.now()
    with transaction.atomic():
        if not JournalCursor.objects.filter(name=JOURNAL_CURSOR).exists():
            # The first follow ever: alerts start from now, never from the journal's history.
            JournalCursor.objects.get_or_create(
                name=JOURNAL_CURSOR, defaults={"token": current_cursor().encode()}
            )
        subscriber = follow.subscriber
        if subscriber.confirmed_at is None:
            subscriber.confirmed_at = now
            subscriber.save(update_fields=["confirmed_at"])
        if follow.confirmed_at is None:
            follow.confirmed_at = now
            follow.save(update_fields=["confirmed_at"])
    return follow


def subscriber_update(*, subscriber: Subscriber, frequency: str, language: str) -> Subscriber:
    """Change how often and in which language a reader gets mail."""
    subscriber.frequency = frequency
    subscriber.language = language
    subscriber.full_clean()
    subscriber.save(update_fields=["frequency", "language"])
    return subscriber


def follow_remove(*, subscriber: Subscriber, follow_id: int) -> None:
    """Stop following one thing (the reader keeps their other follows)."""
    Follow.objects.filter(subscriber=subscriber, pk=follow_id).delete()


def unsubscribe(*, subscriber: Subscriber) -> None:
    """Forget the reader: their address, follows and waiting items are deleted."""
    subscriber.delete()


def expire_requests() -> int:
    """Delete follow requests never confirmed in time, and addresses left with nothing."""
    cutoff = timezone.now() - timedelta(seconds=settings.ALERTS_CONFIRM_MAX_AGE)
    removed, _ = Follow.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    gone, _ = (
        Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
        .exclude(follows__isnull=False)
        .delete()
    )
    return removed + gone


def is_already_following(follow: Follow) -> bool:
    return follow.confirmed_at is not None and follow.subscriber.confirmed_at is not None
