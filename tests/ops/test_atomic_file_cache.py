"""The embedded file cache lets exactly one of several worker processes `add` a key.

The page cache's dogpile lock and the rate limits count on it (as they can on Redis). Django's own
FileBasedCache checks and then writes, so two processes both "win" now and then; this test runs
real processes racing for many keys.
"""

from __future__ import annotations

import multiprocessing
import tempfile

import pytest

KEYS = 300
RACERS = 4


def _race(backend: str, location: str, start, results) -> None:  # runs in a child process
    from django.conf import settings

    if not settings.configured:
        # Room for every key: at MAX_ENTRIES (Django's default is 300, the number of keys here)
        # the cache culls a third of its entries, and a lock culled can be added again, as an
        # evicted key can on Redis. The site's setting is 5,000 (config/settings.py).
        options = {"MAX_ENTRIES": KEYS * 10}
        settings.configure(
            CACHES={"default": {"BACKEND": backend, "LOCATION": location, "OPTIONS": options}}
        )
    from django.core.cache import caches

    cache = caches["default"]
    start.wait()
    results.put([key for key in range(KEYS) if cache.add(f"lock:{key}", 1, 60)])


def _winners(backend: str) -> list[int]:
    """How many processes won each key."""
    location = tempfile.mkdtemp(prefix="rt-test-atomic-")
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(RACERS)
    results = context.Queue()
    racers = [
        context.Process(target=_race, args=(backend, location, start, results))
        for _ in range(RACERS)
    ]
    for racer in racers:
        racer.start()
    won = [key for _ in racers for key in results.get(timeout=60)]
    for racer in racers:
        racer.join(timeout=60)
    return [won.count(key) for key in range(KEYS)]


@pytest.mark.parametrize("attempt", range(3))
def test_exactly_one_process_adds_each_key(attempt):
    assert _winners("core.cache_backend.AtomicFileBasedCache") == [1] * KEYS


def test_the_configured_embedded_cache_is_the_atomic_one():
    # no CACHE_URL: the default is the file cache, and it is the atomic one
    from django.conf import settings as live

    if live.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("CACHE_URL points at Redis here")
    assert live.CACHES["default"]["BACKEND"] == "core.cache_backend.AtomicFileBasedCache"
