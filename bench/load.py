"""Mixed load with editing: readers and editors at once against the production shape.

    .venv/bin/python bench/load.py                       # SQLite file, gunicorn with 2 workers
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/load.py
                                                         # a scratch PG database + Redis (DB 11)
    .venv/bin/python bench/load.py --clients 8 --seconds 60 --events 2000

Builds a scratch database (as bench/api.py: a temporary SQLite file, or a new PostgreSQL database
dropped afterwards) with `generate_synthetic`, collects static files, starts gunicorn with
`config/gunicorn.py` (DEBUG off, 2 workers; on PostgreSQL the cache is Redis, on SQLite the default
shared file cache), then runs CLIENTS threads for SECONDS. Each step is a read (90 %: a random
public page or API URL, anonymous) or an admin save (10 %): half the clients are Publishers
editing published events, half Editors editing drafts, each appending a unique marker to an
event's summary through the change form, conflict check included, on a small pool of events so
saves collide. At the end it checks: no 5xx, no "database is locked" in any answer or in the server
log, every acknowledged save (302) has its marker in the database, every refused save answered the
conflict message and left no marker. It prints the reads' median and p95 (pages and API apart).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")  # the helpers read settings

from bench.api import scratch_database  # noqa: E402
from tests.core.test_concurrent_edits import REFUSED, Editor, NoRedirect  # noqa: E402
from tests.processes import free_port  # noqa: E402

PASSWORD = "load-bench-2026"
POOL = 6  # events each group edits: small, so saves collide and the conflict check is exercised

SEED = f"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from events.models import Event
from people.models import Person
from issues.models import Issue
users = []
for n in range({{clients}}):
    role = "Publisher" if n % 2 == 0 else "Editor"
    user = get_user_model().objects.create_user(f"load{{n}}", password="{PASSWORD}", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
published = Event.objects.published().order_by("pk")
drafts = Event.objects.filter(editorial_status="draft").order_by("pk")
print(json.dumps({{
    "published": list(published.values_list("pk", flat=True)[:{POOL}]),
    "drafts": list(drafts.values_list("pk", flat=True)[:{POOL}]),
    "events": list(published.values_list("slug", flat=True)[:200]),
    "people": list(Person.objects.published().values_list("slug", flat=True)[:200]),
    "issues": list(Issue.objects.published().values_list("slug", flat=True)[:50]),
}}))
"""


class AnyCookies(DefaultCookiePolicy):
    """No TLS in front here: the session's Secure cookie is sent back anyway."""

    def return_ok_secure(self, cookie: object, request: object) -> bool:
        return True


class Staff(Editor):
    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.jar = CookieJar(policy=AnyCookies())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )
        fields = dict(self.form(self.get("/admin/login/"), "login-form"))
        fields.update(username=username, password=PASSWORD)
        status, body = self.post("/admin/login/", list(fields.items()))
        assert status == 302, f"login failed for {username}: {status} {body[:300]}"

    def request(self, path: str, data: bytes | None = None) -> tuple[int, str]:
        req = urllib.request.Request(self.base + path, data=data)
        req.add_header("X-Forwarded-Proto", "https")
        if data is not None:
            req.add_header("Referer", "https://" + self.base.removeprefix("http://") + path)
        try:
            with self.opener.open(req, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


def read_urls(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, path) of the doors readers use."""
    pages = [
        "/",
        "/events/",
        "/events/?page=3",
        "/people/",
        "/issues/",
        "/sources/",
        "/search/?q=Lee",
        "/events/?q=summit",
        "/feeds/latest.rss",
        "/sitemap.xml",
    ]
    pages += [f"/events/{slug}/" for slug in data["events"][:100]]
    pages += [f"/people/{slug}/" for slug in data["people"][:50]]
    pages += [f"/issues/{slug}/" for slug in data["issues"][:20]]
    api = [
        "/api/v1/events/?page_size=50",
        "/api/v1/people/?q=Lee",
        "/api/v1/changes/",
        "/api/v1/events/?q=summit",
        "/api/v1/issues/",
    ]
    api += [f"/api/v1/events/{slug}/" for slug in data["events"][:100]]
    return [("page", path) for path in pages] + [("api", path) for path in api]


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reads: dict[str, list[float]] = {"page": [], "api": []}
        self.statuses: dict[int, int] = {}
        self.locked = 0
        self.acknowledged: list[tuple[int, str]] = []
        self.refused: list[tuple[int, str]] = []
        self.unexpected: list[str] = []


def fetch(base: str, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(base + path, timeout=120) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def client(n: int, base: str, data: dict[str, Any], until: float, tally: Tally) -> None:
    rng = random.Random(n)
    urls = read_urls(data)
    pool = data["published"] if n % 2 == 0 else data["drafts"]
    steps = 0
    try:
        staff = Staff(base, f"load{n}")
        while time.monotonic() < until:
            steps += 1
            if rng.random() < 0.9:
                kind, path = rng.choice(urls)
                started = time.perf_counter()
                status, body = fetch(base, path)
                elapsed = time.perf_counter() - started
                with tally.lock:
                    tally.reads[kind].append(elapsed)
                    tally.statuses[status] = tally.statuses.get(status, 0) + 1
                    tally.locked += "database is locked" in body
                    if status >= 500 or status not in (200, 404):
                        tally.unexpected.append(f"{status} {path}")
                continue
            pk = rng.choice(pool)
            marker = f"[load-{n}-{steps}]"
            path = f"/admin/events/event/{pk}/change/"
            status, page = staff.request(path)
            if status != 200:
                with tally.lock:
                    tally.unexpected.append(f"{status} GET {path}")
                    tally.statuses[status] = tally.statuses.get(status, 0) + 1
                continue
            fields = dict(staff.form(page, "event_form"))
            fields["summary_en"] = (fields.get("summary_en", "") + f" {marker}").strip()
            fields["_save"] = "Save"
            status, body = staff.post(path, list(fields.items()))
            with tally.lock:
                tally.statuses[status] = tally.statuses.get(status, 0) + 1
                tally.locked += "database is locked" in body
                if status == 302:
                    tally.acknowledged.append((pk, marker))
                elif status == 200 and any(message in body for message in REFUSED):
                    tally.refused.append((pk, marker))
                else:
                    errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', body, re.S)
                    tally.unexpected.append(f"{status} POST {path} {errors[:2] or body[:200]}")
    except Exception as error:  # noqa: BLE001 - counted, not lost in a thread
        with tally.lock:
            tally.unexpected.append(f"client {n}: {error!r}")


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    return done.stdout


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/11")
    args = parser.parse_args()

    database_url, cleanup = scratch_database()
    folder = Path(tempfile.mkdtemp(prefix="rt-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(folder / "static"),
        "API_ANON_RATE": "100000000/second",
        "WEB_CONCURRENCY": str(args.workers),
        "HOST": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "LOGIN_FAILURE_LIMIT": "1000",
    }
    postgres = database_url.startswith("postgres")
    if postgres:
        env["CACHE_URL"] = args.redis
        import redis

        redis.Redis.from_url(args.redis).flushdb()
    else:
        env["CACHE_URL"] = f"filecache://{folder / 'cache'}"  # the default backend, own folder
    server = None
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "generate_synthetic", "--events", str(args.events), "--people", "500")
        data = json.loads(
            manage(env, "shell", "-c", SEED.replace("{clients}", str(args.clients)))
            .strip()
            .splitlines()[-1]
        )
        manage(env, "collectstatic", "--noinput", "-v0")
        port = free_port()
        log = (folder / "server.log").open("w")
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT,
            env={**env, "PORT": str(port)},
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        tally = Tally()
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(n, base, data, until, tally))
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        pks = sorted({pk for pk, _ in tally.acknowledged + tally.refused})
        done = subprocess.run(
            [sys.executable, "-c", _state_script(pks)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        state = {int(k): v for k, v in json.loads(done.stdout.strip().splitlines()[-1]).items()}
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        cleanup()
    server_log = (folder / "server.log").read_text()
    lost = [(pk, m) for pk, m in tally.acknowledged if m not in state.get(pk, "")]
    ghosts = [(pk, m) for pk, m in tally.refused if m in state.get(pk, "")]
    fivexx = sum(count for status, count in tally.statuses.items() if status >= 500)
    locked = tally.locked + server_log.count("database is locked")
    print(
        f"database: {'PostgreSQL + Redis' if postgres else 'SQLite + file cache'}, "
        f"{args.workers} gunicorn workers, {args.clients} clients, {args.seconds:.0f} s, "
        f"{args.events} events"
    )
    for kind, values in tally.reads.items():
        if values:
            print(
                f"reads ({kind}): {len(values)}, median {statistics.median(values) * 1000:.0f} ms,"
                f" p95 {percentile(values, 0.95) * 1000:.0f} ms"
            )
    print(
        f"saves: {len(tally.acknowledged)} acknowledged, {len(tally.refused)} refused with the "
        f"conflict message"
    )
    print(f"statuses: {dict(sorted(tally.statuses.items()))}")
    print(
        f"5xx: {fivexx}; 'database is locked': {locked}; acknowledged but missing: {len(lost)};"
        f" refused but written: {len(ghosts)}; unexpected: {len(tally.unexpected)}"
    )
    for line in tally.unexpected[:10]:
        print("  unexpected:", line)
    if fivexx or locked or lost or ghosts or tally.unexpected:
        sys.exit(1)


def _state_script(pks: list[int]) -> str:
    return (
        "import django, json; django.setup()\n"
        "from events.models import Event\n"
        f"print(json.dumps(dict(Event.objects.filter(pk__in={pks!r}).values_list('pk', 'summary'))))"
    )


if __name__ == "__main__":
    main()
