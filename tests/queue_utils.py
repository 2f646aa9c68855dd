"""Running queued tasks in a test as the worker would (with the `task_queue` fixture)."""

from __future__ import annotations


def drain(huey, limit: int = 1000) -> int:
    """Run every task waiting in `huey` (not those scheduled for later); how many ran."""
    ran = 0
    while ran < limit and (task := huey.dequeue()) is not None:
        # As "immediate" while it runs: djhuey's db_task then leaves the connection open (closing
        # it would end the test's transaction on PostgreSQL); the storage is not swapped.
        huey._immediate = True
        try:
            huey.execute(task)
        finally:
            huey._immediate = False
        ran += 1
    return ran
