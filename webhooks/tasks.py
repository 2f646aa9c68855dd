"""The webhooks' background work (Huey): read the change journal and fan out, deliver, retry.

Nothing here runs in a request: a journal row only queues `fan_out` (webhooks.signals), which
queues one `deliver` per endpoint; a failed attempt schedules the next one after the delay in
WEBHOOKS_RETRY_DELAYS (exponential, about a day in all). A delivery whose task was lost (a
worker stopped) is picked up again by `retry_late`.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from webhooks import services

FAN_OUT_PAGES = 20  # pages per run; a longer backlog queues another run


@db_task()
def fan_out() -> None:
    for _ in range(FAN_OUT_PAGES):
        if not services.fan_out_page():
            return
    fan_out()


@db_periodic_task(crontab(minute="*"))
def fan_out_every_minute() -> None:
    """Scheduled publications become public by the clock alone: the journal is read each minute."""
    fan_out.call_local()


@db_task()
def deliver(delivery_id: int) -> None:
    delay = services.delivery_attempt(delivery_id)
    if delay is not None:
        deliver.schedule(args=(delivery_id,), delay=delay)


@db_periodic_task(crontab(minute="*/5"))
def retry_late() -> None:
    for delivery_id in services.due_deliveries():
        deliver(delivery_id)


@db_task(retries=6, retry_delay=30, retry_backoff=2)
def notify_disabled(endpoint_id: int) -> None:
    services.notify_disabled(endpoint_id)


@db_periodic_task(crontab(minute="17", hour="3"))
def prune_log() -> None:
    """Daily: the delivery log keeps WEBHOOKS_LOG_DAYS days."""
    services.prune_log()
