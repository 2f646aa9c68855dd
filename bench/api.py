"""Benchmark `GET /api/v1/events/?page_size=50` against two references, in one run.

    make bench                                  # SQLite scratch file, 100,000 events
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres make bench   # scratch PG database
    .venv/bin/python bench/api.py --events 20000 --seconds 2

Builds a scratch database (never the one in DATABASE_URL itself: on PostgreSQL a new database is
created on the same server and dropped afterwards), fills it with `generate_synthetic`, checks
that the three implementations return the same bytes, then measures warm requests per second
through Django's test client (the full middleware stack, no network) and prints the ratios
ours/hand-written and ours/naive. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENDPOINTS = {
    "ours": "/api/v1/events/?page_size=50",
    "handwritten": "/bench/handwritten/events/?page_size=50",
    "handwritten-memo": "/bench/handwritten-memo/events/?page_size=50",
    "naive": "/bench/naive/events/?page_size=50",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--issues", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=3.0, help="Timed run per endpoint.")
    parser.add_argument("--rounds", type=int, default=3, help="Timed runs; the best counts.")
    return parser.parse_args()


def scratch_database() -> tuple[str, Callable[[], None]]:
    """A DATABASE_URL for a throw-away database, and a function that removes it."""
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"rt_bench_{os.getpid()}"
        parts = urlsplit(base)
        admin_url = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

        def drop() -> None:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

        return urlunsplit(parts._replace(path=f"/{name}")), drop
    folder = tempfile.mkdtemp(prefix="rt-bench-")
    path = Path(folder) / "bench.sqlite3"

    def remove() -> None:
        for file in Path(folder).glob("*"):
            file.unlink()
        Path(folder).rmdir()

    return f"sqlite:///{path}", remove


def configure(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Production-like: no DEBUG query log; no throttling or HTTPS redirect in the way.
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["API_ANON_RATE"] = "100000000/second"
    os.environ["LOG_LEVEL"] = "ERROR"
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: no collectstatic
    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "bench.references"


def same_bytes(bodies: dict[str, bytes]) -> None:
    """The references must answer exactly what the API answers (their own path aside)."""
    ours = bodies["ours"]
    for name in ("handwritten", "handwritten-memo", "naive"):
        theirs = bodies[name].replace(f"/bench/{name}/events/".encode(), b"/api/v1/events/")
        if theirs != ours:
            at = next((i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b), 0)
            sys.exit(
                f"{name} differs from ours at byte {at}:\n"
                f"  ours:   {ours[max(0, at - 80) : at + 80]!r}\n"
                f"  {name}: {theirs[max(0, at - 80) : at + 80]!r}"
            )


def throughput(client: object, url: str, seconds: float, rounds: int) -> tuple[float, int]:
    """Best requests/second over `rounds` timed runs, after a warm-up; and queries per request."""
    from django.db import connection

    for _ in range(10):
        client.get(url)
    queries = []  # counted by a wrapper: each request resets Django's own query log

    def count(execute: Callable, sql: str, *rest: object) -> object:
        queries.append(sql)
        return execute(sql, *rest)

    with connection.execute_wrapper(count):
        client.get(url)
    rates = []
    for _ in range(rounds):
        count, started = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - started) < seconds:
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            count += 1
        rates.append(count / elapsed)
    return max(rates), len(queries)


def main() -> None:
    args = parse_args()
    database_url, cleanup = scratch_database()
    try:
        configure(database_url)
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        print(f"Scratch database: {connection.vendor} ({database_url.rsplit('/', 1)[-1]})")
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command(
            "generate_synthetic",
            events=args.events,
            people=args.people,
            issues=args.issues,
            seed=args.seed,
        )
        print(f"Synthetic data in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        client = Client()
        bodies = {}
        for name, url in ENDPOINTS.items():
            response = client.get(url)
            assert response.status_code == 200, (name, response.status_code, response.content[:300])
            bodies[name] = response.content
        same_bytes(bodies)
        print(f"Same bytes from all four ({len(bodies['ours']):,} bytes per page).")

        results = {}
        for name, url in ENDPOINTS.items():
            rate, queries = throughput(client, url, args.seconds, args.rounds)
            results[name] = {"requests_per_second": round(rate, 1), "queries": queries}
            print(f"  {name:<16} {rate:8.1f} req/s  {queries:3d} queries/request")
        ours = results["ours"]["requests_per_second"]
        ratios = {
            "ours_vs_handwritten": round(ours / results["handwritten"]["requests_per_second"], 2),
            "ours_vs_handwritten_memo": round(
                ours / results["handwritten-memo"]["requests_per_second"], 2
            ),
            "ours_vs_naive": round(ours / results["naive"]["requests_per_second"], 2),
        }
        print(
            f"ours / hand-written = {ratios['ours_vs_handwritten']:.2f}x (target >= 0.75x)   "
            f"ours / naive = {ratios['ours_vs_naive']:.2f}x   "
            f"(ours / hand-written with memoized dates = {ratios['ours_vs_handwritten_memo']:.2f}x)"
        )
        report = {
            "database": connection.vendor,
            "events": args.events,
            "python": sys.version.split()[0],
            "measured": f"best of {args.rounds} runs of {args.seconds:.1f} s, warm",
            "results": results,
            "ratios": ratios,
            "ran_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        out = ROOT / "bench" / "results"
        out.mkdir(exist_ok=True)
        target = out / f"api-{connection.vendor}-{int(time.time())}.json"
        target.write_text(json.dumps(report, indent=2))
        print(f"Saved {target.relative_to(ROOT)}")
    finally:
        cleanup()


if __name__ == "__main__":
    main()
