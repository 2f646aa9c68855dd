"""Search at two sizes: the median time of each search door at 1,000 events and at a larger size.

    .venv/bin/python bench/search.py                      # SQLite, 1,000 vs 100,000 events
    .venv/bin/python bench/search.py --large 20000        # quicker
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/search.py

For each size, a scratch database (as bench/api.py makes it) is filled by `generate_synthetic`
(which rebuilds the search index), then each URL is requested through Django's test client with
the page cache off (`CACHE_URL=dummycache://`, `DEBUG=false`): a warm-up, then the median of
`--requests` timed requests. Prints the medians and the ratio large/small; an index that works
keeps the ratio near the growth of the matches shown, not of the table. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

URLS = [
    "/events/?q=summit",
    "/api/v1/events/?q=summit",
    "/search/?q=Lee",
    "/search/?q=summit",
    "/search/?q=习近平",
    "/api/v1/people/?q=Lee",
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30, help="Timed requests per URL.")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child: measure one size
    return parser.parse_args()


def measure(events: int, requests: int) -> dict[str, float]:
    """In a child process: a scratch database of `events` events; median ms per URL."""
    from bench.api import scratch_database

    database_url, cleanup = scratch_database()
    try:
        os.environ.update(
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE="config.settings",
            DEBUG="false",
            SECURE_SSL_REDIRECT="false",
            API_ANON_RATE="100000000/second",
            CACHE_URL="dummycache://",
            LOG_LEVEL="ERROR",
        )
        os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
        import warnings

        import django

        warnings.filterwarnings("ignore", message="No directory at")
        django.setup()
        from django.conf import settings

        # Production settings but no collectstatic: plain static URLs.
        staticfiles = "django.contrib.staticfiles.storage.StaticFilesStorage"
        settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": staticfiles}}
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("generate_synthetic", events=events, people=max(50, events // 50), issues=50)
        print(f"{events:,} events generated and indexed in {time.perf_counter() - started:.0f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        client = Client()
        medians = {}
        for url in URLS:
            for _ in range(3):
                assert client.get(url).status_code == 200, url
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            medians[url] = round(statistics.median(times), 1)
        medians["database"] = connection.vendor
        return medians
    finally:
        cleanup()


def main() -> None:
    args = parse_args()
    if args.one:
        print("RESULT " + json.dumps(measure(args.one, args.requests)))
        return
    results = {}
    for events in (args.small, args.large):
        command = [sys.executable, __file__, "--one", str(events), "--requests", str(args.requests)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        print(output.split("RESULT ")[0].strip())
        results[events] = json.loads(output.split("RESULT ")[1])
    small, large = results[args.small], results[args.large]
    print(f"database: {small.pop('database')}; median ms of {args.requests} uncached requests")
    large.pop("database")
    print(f"{'URL':<28} {args.small:>9,} {args.large:>9,}  ratio")
    for url in URLS:
        print(f"{url:<28} {small[url]:>9.1f} {large[url]:>9.1f}  {large[url] / small[url]:.1f}x")


if __name__ == "__main__":
    main()
