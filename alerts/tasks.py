"""The alerts' background work, run by the worker (`manage.py run_huey`), never in a request.

Every task reads the database afresh, so running one twice sends at most the same mail twice
(at-least-once delivery); a mail server's outage is retried with exponential backoff.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from alerts import fanout, mail, services
from alerts.models import Follow, Frequency, PendingItem, Subscriber

MAIL_RETRIES = 6  # 30 s, 1 min, 2 min, 4 min, 8 min, 16 min


@db_task(retries=MAIL_RETRIES, retry_delay=30, retry_backoff=2)
def send_confirmation(follow_id: int) -> None:
    follow = (
        Follow.objects.with_public_target()
        .select_related("subscriber", "issue", "person", "series")
        .filter(pk=follow_id)
        .first()
    )
    if follow is not None:
        mail.send_confirmation(follow, already=services.is_already_following(follow))


@db_task(retries=MAIL_RETRIES, retry_delay=30, retry_backoff=2)
def send_pending(subscriber_id: int, urgent_only: bool = True) -> None:
    """Mail a subscriber what waits for them: the urgent items, or everything (a digest)."""
    deliver(subscriber_id, urgent_only=urgent_only)


def deliver(subscriber_id: int, *, urgent_only: bool) -> None:
    """Send what waits, then forget it. A task run twice finds nothing the second time; a crash
    between the two sends it again (at least once, never lost)."""
    subscriber = Subscriber.objects.confirmed().filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    items = subscriber.pending.all()
    if urgent_only:
        items = items.filter(urgent=True)
    items = list(items)
    if not items:
        return
    # The mail goes first: if it fails, the items stay for the retry.
    mail.send_items(subscriber, items)
    PendingItem.objects.filter(pk__in=[item.pk for item in items]).delete()


@db_periodic_task(crontab(minute="*"))
def read_journal() -> None:
    """Every minute: the journal's new public changes become followers' items; urgent ones go."""
    with HUEY.lock_task("alerts-read-journal"):
        urgent = fanout.read_journal()
    for subscriber_id in urgent:
        send_pending(subscriber_id, True)


def queue_digests(frequency: str) -> int:
    """Queue one digest per subscriber of `frequency` with items waiting; how many."""
    ids = list(
        PendingItem.objects.filter(
            subscriber__frequency=frequency, subscriber__confirmed_at__isnull=False
        )
        .values_list("subscriber_id", flat=True)
        .distinct()
        .order_by("subscriber_id")
    )
    for subscriber_id in ids:
        transaction.on_commit(lambda sid=subscriber_id: send_pending(sid, False))
    return len(ids)


@db_periodic_task(crontab(minute="0", hour=str(settings.ALERTS_DIGEST_HOUR)))
def daily_digests() -> None:
    queue_digests(Frequency.DAILY)


@db_periodic_task(crontab(minute="0", hour=str(settings.ALERTS_DIGEST_HOUR), day_of_week="1"))
def weekly_digests() -> None:
    queue_digests(Frequency.WEEKLY)


@db_periodic_task(crontab(minute="30", hour="3"))
def expire_requests() -> None:
    """Forget follow requests nobody confirmed in time."""
    services.expire_requests()
