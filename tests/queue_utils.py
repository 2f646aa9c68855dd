"""Running queued tasks in a test as the worker would (with the `task_queue` fixture)."""

from __future__ import annotations


def drain(huey, limit: int = 1000) -> int:
    """Run every task waiting in `huey` (not those scheduled for later); how many ran."""
    ran = 0
    while ran < limit and (task := huey.dequeue()) is not None:
        huey.execute(task)
        ran += 1
    return ran
