"""Periodic upkeep run by the background worker (Huey; see config/settings.py, HUEY)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import HUEY, on_startup, periodic_task

from ops import worker


@periodic_task(crontab(minute="*"))
def heartbeat() -> None:
    """Every minute: the worker is alive and its queue is being consumed."""
    worker.beat()


@on_startup()
def beat_on_start() -> None:
    # A worker that has just started is alive before its first periodic run.
    if not HUEY.immediate:
        worker.beat()
