"""The background worker's health: a heartbeat it writes, and what the web side reads of it.

The worker (`manage.py run_huey`) runs `ops.tasks.heartbeat` every minute and once at start-up.
The heartbeat goes into the cache, which every process shares (the file cache by default, Redis
in deployments). `/readyz/worker` and `manage.py worker_status` read it: a worker whose last beat
is older than WORKER_HEARTBEAT_STALE_SECONDS is down. The web servers' own `/readyz` does not
depend on it — a stopped worker delays mail and webhooks, it does not stop readers.
"""

from __future__ import annotations

import os
import socket
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache

HEARTBEAT_KEY = "ops:worker-heartbeat"
WORKER_READY_PATH = "/readyz/worker"


def beat() -> None:
    """Record that a worker is alive and consuming (called from a task, so it ran on the queue)."""
    cache.set(
        HEARTBEAT_KEY,
        {"at": time.time(), "host": socket.gethostname(), "pid": os.getpid()},
        timeout=7 * 24 * 3600,
    )


def status() -> dict[str, Any]:
    """The worker's state as operators and load balancers see it."""
    from huey.contrib.djhuey import HUEY

    last = cache.get(HEARTBEAT_KEY)
    stale_after = settings.WORKER_HEARTBEAT_STALE_SECONDS
    age = None if last is None else max(0.0, time.time() - last["at"])
    try:
        pending, scheduled, queue_ok = HUEY.pending_count(), HUEY.scheduled_count(), True
    except Exception:  # the queue's storage is unreachable
        pending = scheduled = None
        queue_ok = False
    return {
        "alive": age is not None and age <= stale_after,
        "last_heartbeat_seconds_ago": None if age is None else round(age, 1),
        "worker": None if last is None else f"{last['host']}:{last['pid']}",
        "queue": "ok" if queue_ok else "unavailable",
        "pending_tasks": pending,
        "scheduled_tasks": scheduled,
        "backend": type(HUEY.storage).__name__,
    }
