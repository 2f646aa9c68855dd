"""A new journal row wakes the fan-out (after the commit, on the queue): the request itself
does no webhook work, however many endpoints there are."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from sync.models import ChangeLog
from webhooks.models import Endpoint


def _queue_fan_out() -> None:
    from webhooks import tasks

    # One indexed query, the same for 0 or 10,000 endpoints; a site without webhooks queues
    # nothing (the periodic fan-out still keeps the cursor current).
    if not Endpoint.objects.filter(enabled=True).exists():
        return

    settle = float(settings.CHANGES_SETTLE_SECONDS)
    if settle > 0:
        # The feed holds young rows back that long: read the journal once they are served.
        tasks.fan_out.schedule(delay=settle + 0.5)
    else:
        tasks.fan_out()


@receiver(post_save, sender=ChangeLog, dispatch_uid="webhooks_fan_out")
def journal_row_written(sender: type[ChangeLog], created: bool, **kwargs: Any) -> None:
    if not created:
        return
    connection = transaction.get_connection()
    # A save writes several rows (an object and its dependents): one wake-up per atomic block
    # is enough (a callback of the same block is dropped with it on a rollback, never half).
    block = set(connection.savepoint_ids)
    if connection.in_atomic_block and any(
        entry[1] is _queue_fan_out and entry[0] == block for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_queue_fan_out)
