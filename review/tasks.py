"""The review e-mails, sent by the background worker after the change commits.

Each task reads the revision afresh, so running it twice sends the same message twice at worst
(at-least-once delivery); a mail server's outage is retried with exponential backoff.
"""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from review import services

MAIL_RETRIES = 6  # 30 s, 1 min, 2 min, 4 min, 8 min, 16 min


@db_task(retries=MAIL_RETRIES, retry_delay=30, retry_backoff=2)
def notify_publishers(revision_id: int) -> None:
    services.notify_publishers(revision_id)


@db_task(retries=MAIL_RETRIES, retry_delay=30, retry_backoff=2)
def notify_author(revision_id: int) -> None:
    services.notify_author(revision_id)
