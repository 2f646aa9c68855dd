"""Benchmark the bulk export: time and peak memory of one archive at two sizes.

    .venv/bin/python bench/export.py                      # 1,000 and 20,000 events, SQLite
    .venv/bin/python bench/export.py --sizes 1000 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/export.py

Each size runs in its own process on a scratch database (as bench/api.py: a temporary SQLite
file, or a new database on the PostgreSQL server, dropped afterwards) filled by
`generate_synthetic`; then `sync.export.write_archive` writes one archive to a file while
tracemalloc records the peak of Python allocations. The process's peak resident set size
(getrusage) is printed too, measured in a second run without tracemalloc. Constant memory means
the peak does not grow with the data.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(events: int, people: int, traced: bool) -> dict[str, float]:
    from bench.api import configure, scratch_database

    database_url, cleanup = scratch_database()
    try:
        configure(database_url)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("generate_synthetic", events=events, people=people, issues=50, verbosity=0)
        from sync.export import write_archive

        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "archive.zip"
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            if traced:
                tracemalloc.start()
            started = time.perf_counter()
            with target.open("wb") as out:
                manifest = write_archive(out)
            seconds = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1] if traced else 0
            tracemalloc.stop()
            after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            return {
                "events": manifest["resources"]["events"]["count"],
                "seconds": seconds,
                "traced_peak_mb": peak / 2**20,
                "rss_before_mb": before / 1024,
                "rss_peak_mb": after / 1024,
                "size_mb": target.stat().st_size / 2**20,
            }
    finally:
        from django.db import connections

        connections.close_all()
        cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--no-trace",
        action="store_true",
        help="Skip the tracemalloc run (it is several times slower): time and RSS only.",
    )
    args = parser.parse_args()
    if args.one:
        result = measure(args.one, max(500, args.one // 50), args.traced)
        print(json.dumps(result))
        return
    print(f"{'events':>8} {'seconds':>8} {'traced peak MB':>15} {'RSS peak MB':>12} {'ZIP MB':>7}")
    for size in args.sizes:
        runs = {}
        for traced in (False,) if args.no_trace else (True, False):
            command = [sys.executable, __file__, "--one", str(size)]
            output = subprocess.run(
                [*command, "--traced"] if traced else command,
                check=True,
                capture_output=True,
                text=True,
                env=os.environ.copy(),
            ).stdout
            runs[traced] = json.loads(output.strip().splitlines()[-1])
        plain = runs[False]
        traced_peak = f"{runs[True]['traced_peak_mb']:.1f}" if True in runs else "—"
        print(
            f"{plain['events']:>8,} {plain['seconds']:>8.1f} {traced_peak:>15}"
            f" {plain['rss_peak_mb']:>12.0f} {plain['size_mb']:>7.1f}"
        )


if __name__ == "__main__":
    main()
