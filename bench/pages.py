"""Benchmark the public doors at two sizes: uncached, cached and 304, against bare bytes.

    make bench-pages                                    # 1,000 and 100,000 events
    .venv/bin/python bench/pages.py --sizes 1000,20000 --requests 10
    .venv/bin/python bench/pages.py --base-dir /tmp/bench-bases      # keep the bases elsewhere
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/pages.py

For each size a database is built once with `generate_synthetic` and copied fresh for each run,
then migrated (which runs ANALYZE on SQLite; on PostgreSQL the bench runs ANALYZE, as autovacuum
would). SQLite: kept as <base-dir>/base-<size>.sqlite3 (bench/results by default, gitignored).
PostgreSQL (DATABASE_URL names the server; its own database is never written): kept as database
<prefix>base_<size>, copied per run with CREATE DATABASE … TEMPLATE into <prefix>run_<size>,
dropped afterwards. Three gunicorn servers with two workers and DEBUG=false serve it:

- "uncached": PUBLIC_PAGE_CACHE=false — every request renders the page; aggregates kept per
  content version (the chart, the timeline's count) are computed once, as on a live site;
- "cached": the default shared file cache, warmed by one request first;
- "bare": bench/bare_wsgi.py answering each URL with the very bytes the cached server sent.

Both sizes run at once (six servers), and each door gets `--requests` requests per column and
size, the two sizes interleaved (small, large, large, small, …): each size's median
milliseconds, wall clock from the client, and the median of the paired large/small ratios, which
a busy machine moves much less than two medians taken minutes apart. "304" sends the cached
answer's ETag back. The machine is shared and noisy: read the
ratios. Results also go to bench/results/pages.json. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
sys.path.insert(0, str(ROOT / "bench"))

from bare_wsgi import body_name  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000", help="Event counts, comma-separated.")
    parser.add_argument("--requests", type=int, default=20, help="Requests per door and column.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8180")))
    parser.add_argument(
        "--base-dir", type=Path, default=RESULTS, help="Where SQLite base databases are kept."
    )
    parser.add_argument(
        "--pg-prefix", default="rt_bench_pages_", help="Name prefix of PostgreSQL databases."
    )
    return parser.parse_args()


def label(events: int) -> str:
    return f"{events // 1000}k" if events % 1000 == 0 else str(events)


def generate(database_url: str, events: int) -> None:
    """Migrate and fill one database (people and issues scale with events)."""
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    people, issues = max(50, events // 50), max(10, events // 500)
    subprocess.run(
        [PYTHON, "manage.py", "generate_synthetic", "--events", str(events), "--people",
         str(people), "--issues", str(issues), "--seed", "1"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip


class SQLiteCopy:
    """<base-dir>/base-<n>.sqlite3, generated once, copied into a temporary folder per run."""

    vendor = "sqlite"

    def __init__(self, base_dir: Path, events: int, work: Path) -> None:
        base = base_dir / f"base-{label(events)}.sqlite3"
        if not base.exists():
            base_dir.mkdir(parents=True, exist_ok=True)
            generate(f"sqlite:///{base}", events)
        self.path = work / "db.sqlite3"
        shutil.copy(base, self.path)
        self.url = f"sqlite:///{self.path}"

    def query(self, sql: str) -> object:
        with sqlite3.connect(self.path) as conn:
            return conn.execute(sql).fetchone()[0]

    def drop(self) -> None:
        pass  # the folder goes with the run


class PostgresCopy:
    """Database <prefix>base_<n> on DATABASE_URL's server, generated once; a TEMPLATE copy per run."""

    vendor = "postgresql"

    def __init__(self, server_url: str, prefix: str, events: int) -> None:
        import psycopg

        self.psycopg = psycopg
        parts = urlsplit(server_url)
        self.admin = urlunsplit(parts._replace(path="/postgres"))
        base, self.name = f"{prefix}base_{label(events)}", f"{prefix}run_{label(events)}"
        with psycopg.connect(self.admin, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [base]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{base}"')
        if not exists:
            try:
                generate(urlunsplit(parts._replace(path=f"/{base}")), events)
            except BaseException:
                with psycopg.connect(self.admin, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{base}"')
                raise
        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
            conn.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{base}"')
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute("ANALYZE")

    def query(self, sql: str) -> object:
        with self.psycopg.connect(self.url) as conn:
            return conn.execute(sql).fetchone()[0]

    def drop(self) -> None:
        with self.psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def doors(db: SQLiteCopy | PostgresCopy) -> dict[str, str]:
    """The URLs measured: each public door, at its heaviest row where it has one."""
    one = db.query
    person = one(
        "SELECT p.slug FROM people_person p JOIN events_eventparticipation ep"
        " ON ep.person_id = p.id WHERE p.editorial_status = 'published'"
        " GROUP BY p.id ORDER BY count(*) DESC LIMIT 1"
    )
    issue = one(
        "SELECT i.slug FROM issues_issue i JOIN issues_issue_events ie ON ie.issue_id = i.id"
        " WHERE i.editorial_status = 'published' GROUP BY i.id ORDER BY count(*) DESC LIMIT 1"
    )
    event = one(
        "SELECT slug FROM events_event WHERE editorial_status = 'published'"
        " ORDER BY start_date DESC LIMIT 1 OFFSET 10"
    )
    source = one(
        "SELECT id FROM events_source WHERE editorial_status = 'published' ORDER BY id LIMIT 1"
    )
    return {
        "home": "/",
        "timeline": "/events/",
        "timeline page 5": "/events/?page=5",
        "timeline deep (cursor)": "",  # found from page 10's "Older" link
        "person (most events)": f"/people/{person}/",
        "issue (most events)": f"/issues/{issue}/",
        "event": f"/events/{event}/",
        "sources": "/sources/",
        "source": f"/sources/{source}/",
        "feed latest.rss": "/feeds/latest.rss",
        "issue calendar": f"/issues/{issue}/calendar.ics",
        "events calendar": "/events/calendar.ics",
        "sitemap index": "/sitemap.xml",
        "sitemap file": "/sitemap-events.xml?p=2",
        "api events": "/api/v1/events/?page_size=50",
        # Search (issue 13's table): the full-text index, in the page, the search page and the API.
        "timeline ?q=summit": "/events/?q=summit",
        "search Lee": "/search/?q=Lee",
        "search 习近平": "/search/?q=%E4%B9%A0%E8%BF%91%E5%B9%B3",
        "api events ?q=summit": "/api/v1/events/?q=summit",
        "api people ?q=Lee": "/api/v1/people/?q=Lee",
    }


class Server:
    def __init__(self, port: int, env: dict[str, str], app: str = "config.wsgi") -> None:
        self.port = port
        self.process = subprocess.Popen(
            [GUNICORN, "--workers", "2", "--bind", f"127.0.0.1:{port}", "--timeout", "120",
             "--log-level", "warning", app],
            cwd=ROOT, env=env,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
                return
            except urllib.error.HTTPError:
                return  # the bare app answers 404 to it: it is up
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server on {port} did not start")

    def get(self, url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{url}", headers=headers or {}
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


class Site:
    """One size's database copy and its three servers (uncached, cached, bare)."""

    def __init__(self, size: int, args: argparse.Namespace, port: int) -> None:
        self.size = size
        self.work = Path(tempfile.mkdtemp(prefix="bench-pages-"))
        server_url = os.environ.get("DATABASE_URL", "")
        if server_url.startswith(("postgres://", "postgresql://")):
            self.db: SQLiteCopy | PostgresCopy = PostgresCopy(server_url, args.pg_prefix, size)
        else:
            self.db = SQLiteCopy(args.base_dir, size, self.work)
        env = {
            **os.environ,
            "DATABASE_URL": self.db.url,
            "DEBUG": "false",
            "SECRET_KEY": "bench-pages-not-secret",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "API_ANON_RATE": "1000000/minute",
            "BARE_DIR": str(self.work / "bare"),
            "STATIC_ROOT": str(self.work / "static"),
        }
        for command in ("migrate", "collectstatic"):
            subprocess.run(
                [PYTHON, "manage.py", command, "--noinput", "-v0"], cwd=ROOT, env=env, check=True
            )
        (self.work / "bare").mkdir()
        self.servers: list[Server] = []
        self.uncached = self._start(
            port,
            {**env, "PUBLIC_PAGE_CACHE": "false", "CACHE_URL": f"filecache://{self.work / 'c1'}"},
        )
        self.cached = self._start(port + 1, {**env, "CACHE_URL": f"filecache://{self.work / 'c2'}"})
        self.bare = self._start(port + 2, env, app="bare_wsgi:application")
        self.urls = doors(self.db)
        page10 = self.cached.get("/events/?page=10")[1].decode()
        older = re.search(r'<a rel="next" href="([^"]+)"', page10)
        self.urls["timeline deep (cursor)"] = "/events/" + older.group(1).replace("&amp;", "&")
        self.etags: dict[str, str] = {}

    def _start(self, port: int, env: dict[str, str], app: str = "config.wsgi") -> Server:
        server = Server(port, env, app)
        self.servers.append(server)
        return server

    def warm(self, name: str) -> dict[str, object]:
        """Fill the cache for a door, store its bytes for the bare server; its facts."""
        url = self.urls[name]
        status, body, headers = self.cached.get(url)
        (self.work / "bare" / body_name(url)).write_bytes(body)
        (self.work / "bare" / (body_name(url) + ".type")).write_text(headers["Content-Type"])
        self.etags[name] = headers.get("ETag", "")
        for server in (self.uncached, self.bare):
            server.get(url)  # one discarded request: worker start-up, imports, connections
        return {"url": url, "status": status, "kb": round(len(body) / 1024, 1)}

    def request(self, name: str, column: str) -> float | None:
        """Milliseconds of one request to a door in one column (None: no such column)."""
        url, headers = self.urls[name], None
        server = {"uncached": self.uncached, "cached": self.cached, "304": self.cached}
        if column == "304":
            if not self.etags[name]:
                return None
            headers = {"If-None-Match": self.etags[name]}
        started = time.perf_counter()
        server.get(column, self.bare).get(url, headers)
        return (time.perf_counter() - started) * 1000

    def close(self) -> None:
        for server in self.servers:
            server.stop()
        self.db.drop()
        shutil.rmtree(self.work, ignore_errors=True)


COLUMNS = ("uncached", "cached", "304", "bare")


def measure(sites: list[Site], requests: int) -> dict[str, dict[str, dict[str, float]]]:
    """Per door and column, the two sizes' requests interleaved (small, large, large, small…).

    A busy machine slows both sizes alike when their requests alternate, so the ratio of each
    pair (large / small, measured a few milliseconds apart) drifts much less than the ratio of
    two medians taken minutes apart. Reported: each size's median and the median pair ratio.
    """
    small, large = sites
    results: dict[str, dict[str, dict[str, float]]] = {}
    for name in small.urls:
        row: dict[str, dict[str, float]] = {
            "small": small.warm(name),
            "large": large.warm(name),
            "ratio": {},  # type: ignore[dict-item]
        }
        for column in COLUMNS:
            pairs = []
            for turn in range(requests):
                order = (small, large) if turn % 2 == 0 else (large, small)
                times = {site.size: site.request(name, column) for site in order}
                if None in times.values():
                    break
                pairs.append((times[small.size], times[large.size]))
            if not pairs:
                continue
            row["small"][column] = statistics.median(a for a, _ in pairs)
            row["large"][column] = statistics.median(b for _, b in pairs)
            row["ratio"][column] = statistics.median(b / a for a, b in pairs)
        results[name] = row
        print(f"  {name}: {row}", flush=True)
    return results


def main() -> None:
    # A terminated bench still stops its servers (the finally blocks run).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    args = parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if len(sizes) != 2:
        sys.exit("--sizes takes two sizes: small,large")
    # The project first: bench/search.py must not stand in for the search app.
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "bench")])
    sites: list[Site] = []
    try:
        for slot, size in enumerate(sizes):
            sites.append(Site(size, args, args.port + 10 * slot))
        results = measure(sites, args.requests)
    finally:
        for site in sites:
            site.close()
    vendor = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    a, b = (label(size) for size in sizes)
    print(f"\nMedian ms of {args.requests} requests per size, the sizes interleaved; {vendor},")
    print("gunicorn 2 workers, DEBUG=false. Ratios: median of the paired large/small requests.")
    header = [
        "door",
        *(f"{column} {size}" for size in (a, b) for column in COLUMNS),
        f"KB {b}",
        f"{b}/{a} uncached",
        f"{b}/{a} cached",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, row in results.items():
        cells = [name]
        for side in ("small", "large"):
            cells += [
                f"{row[side][column]:.1f}" if column in row[side] else "—" for column in COLUMNS
            ]
        cells += [str(row["large"]["kb"])]
        cells += [
            f"**{row['ratio'][column]:.2f}×**" if column in row["ratio"] else "—"
            for column in ("uncached", "cached")
        ]
        print("| " + " | ".join(cells) + " |")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"pages-{vendor.lower()}.json").write_text(
        json.dumps({"sizes": sizes, "requests": args.requests, "doors": results}, indent=1)
    )


if __name__ == "__main__":
    main()
