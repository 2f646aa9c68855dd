"""Benchmark the e-mail alerts: fan-out stays off the request path, and digests at scale.

    .venv/bin/python bench/alerts.py                      # both queues, 10,000 followers
    .venv/bin/python bench/alerts.py --queue sqlite --followers 2000
    TASK_QUEUE_REDIS=redis://127.0.0.1:6379/14 .venv/bin/python bench/alerts.py --queue redis

Each queue runs in its own process on a scratch SQLite database (never db.sqlite3):

1. **A save with N followers vs none.** The same edit of a published event, once for an event of an
   issue nobody follows and once for one of an issue N readers follow: wall time and query count
   of the save (the model save with the journal's signals: what every admin save, service and
   command does). Fan-out is a worker's task reading the journal, so both should match.
2. **Fan-out.** The worker's minute task (`alerts.tasks.read_journal`) turning that change into one
   waiting item per follower.
3. **N digests.** `queue_digests("daily")` puts one task per subscriber on the queue (the embedded
   SQLite queue, or Redis), then a worker loop takes and runs them — render in the reader's
   language, HTML and text, send through Django's locmem mail backend. Time from the first
   enqueue to the last mail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REDIS_DEFAULT = "redis://127.0.0.1:6379/14"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--queue", choices=["sqlite", "redis", "both"], default="both")
    parser.add_argument("--saves", type=int, default=30, help="Timed saves per case; the median.")
    return parser.parse_args()


def configure(queue: str, workdir: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["CACHE_URL"] = "locmemcache://"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ["LOG_LEVEL"] = "ERROR"
    os.environ["TASK_QUEUE_NAME"] = f"rt-bench-alerts-{os.getpid()}"
    if queue == "redis":
        os.environ["TASK_QUEUE_URL"] = os.environ.get("TASK_QUEUE_REDIS", REDIS_DEFAULT)
    else:
        os.environ.pop("TASK_QUEUE_URL", None)
        os.environ["TASK_QUEUE_DIR"] = workdir
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def timed_saves(event: object, saves: int) -> tuple[float, int]:
    """Median wall time (ms) and query count of saving `event` with a changed summary."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for n in range(saves):
        event.summary = f"Edited {n}."
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            event.save()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(captured)
    return statistics.median(times), queries


def run(queue: str, followers: int, saves: int) -> None:
    # In memory (/dev/shm) where there is one: the figures are the code's cost, not the disk's.
    shm = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(prefix="rt-bench-alerts-", dir=shm) as workdir:
        configure(queue, workdir)
        from django.core import mail
        from django.core.management import call_command
        from django.utils import timezone
        from huey.contrib.djhuey import HUEY

        from alerts import tasks
        from alerts.models import Follow, FollowKind, JournalCursor, PendingItem, Subscriber
        from alerts.services import JOURNAL_CURSOR, address_hash
        from sync.changes import current_cursor
        from tests.factories import EventFactory, IssueFactory

        call_command("migrate", verbosity=0)
        HUEY.immediate = False
        HUEY.flush()
        followed, unfollowed = IssueFactory(slug="followed"), IssueFactory(slug="quiet")
        now = timezone.now()
        Subscriber.objects.bulk_create(
            Subscriber(
                email=f"reader{n}@example.org",
                email_hash=address_hash(f"reader{n}@example.org"),
                key=f"k{n}",
                language=("en", "ko", "zh-hans")[n % 3],
                frequency="daily",
                confirmed_at=now,
            )
            for n in range(followers)
        )
        Follow.objects.bulk_create(
            Follow(subscriber_id=pk, kind=FollowKind.ISSUE, issue=followed, confirmed_at=now)
            for pk in Subscriber.objects.values_list("pk", flat=True)
        )
        quiet_event, busy_event = EventFactory(), EventFactory()
        unfollowed.events.add(quiet_event)
        followed.events.add(busy_event)
        JournalCursor.objects.update_or_create(
            name=JOURNAL_CURSOR, defaults={"token": current_cursor().encode()}
        )

        timed_saves(quiet_event, 3)  # warm up (first queries, caches)
        timed_saves(busy_event, 3)
        none_ms, none_q = timed_saves(quiet_event, saves)
        many_ms, many_q = timed_saves(busy_event, saves)
        print(f"[{queue}] save, 0 followers:      {none_ms:7.2f} ms median, {none_q} queries")
        print(
            f"[{queue}] save, {followers:,} followers: {many_ms:7.2f} ms median, {many_q} queries"
        )

        # A new event of the followed issue: the worker's minute task fans it out.
        followed.events.add(EventFactory(title="New talks"))
        start = time.perf_counter()
        tasks.fanout.read_journal()
        fanout_s = time.perf_counter() - start
        waiting = PendingItem.objects.count()
        print(
            f"[{queue}] fan-out: {waiting:,} waiting items for {followers:,} followers in {fanout_s:.2f} s"
        )

        mail.outbox = []
        start = time.perf_counter()
        queued = tasks.queue_digests("daily")
        enqueued_s = time.perf_counter() - start
        ran = 0
        while (task := HUEY.dequeue()) is not None:
            HUEY.execute(task)
            ran += 1
        total_s = time.perf_counter() - start
        assert len(mail.outbox) == queued == ran == followers, (len(mail.outbox), queued, ran)
        print(
            f"[{queue}] {followers:,} digests: enqueue {enqueued_s:.2f} s, "
            f"build+send {total_s:.2f} s ({followers / total_s:,.0f}/s, one worker thread)"
        )
        HUEY.flush()


def main() -> None:
    args = parse_args()
    if args.queue == "both":
        for queue in ("sqlite", "redis"):
            command = [sys.executable, __file__, "--queue", queue]
            command += ["--followers", str(args.followers), "--saves", str(args.saves)]
            subprocess.run(command, check=True)
        return
    run(args.queue, args.followers, args.saves)


if __name__ == "__main__":
    main()
