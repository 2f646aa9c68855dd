"""The production shape: two app servers on one database and one cache, as behind a load balancer.

Two gunicorn processes (`config/gunicorn.py`, DEBUG off, static files collected and served by
WhiteNoise) on different ports share a database of their own — a fresh PostgreSQL database and
Redis (DB 10) when the suite runs on PostgreSQL, else a SQLite file and the default file cache.
A publisher saves and unpublishes through server A in the admin (its conflict check included);
an anonymous reader on server B, whose page was cached before, sees the save at once and then a
404; the API's anonymous rate limit is counted once across both servers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

import pytest
from django.db import connection

from tests.core.test_concurrent_edits import Editor, NoRedirect
from tests.processes import BASE_DIR, free_port, manage

PASSWORD = "two-servers-2026"
RATE = 20
SEED = f"""
import datetime
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from events.models import Event
user = get_user_model().objects.create_user("pub", password="{PASSWORD}", is_staff=True)
user.groups.add(Group.objects.get(name="Publisher"))
Event.objects.create(title="Two servers summit", slug="two-servers-summit", kind="summit",
    start_date=datetime.date(2026, 1, 5), summary="start", editorial_status="published")
"""


class AnyCookies(DefaultCookiePolicy):
    """The servers run without TLS here: send their Secure cookies back anyway."""

    def return_ok_secure(self, cookie: object, request: object) -> bool:
        return True


class Publisher(Editor):
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = CookieJar(policy=AnyCookies())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )
        fields = dict(self.form(self.get("/admin/login/"), "login-form"))
        fields.update(username="pub", password=PASSWORD)
        status, _body = self.post("/admin/login/", list(fields.items()))
        assert status == 302, "login failed"

    def request(self, path: str, data: bytes | None = None) -> tuple[int, str]:
        req = urllib.request.Request(self.base + path, data=data)
        req.add_header("X-Forwarded-Proto", "https")  # as the TLS proxy says
        if data is not None:
            req.add_header("Referer", "https://" + self.base.removeprefix("http://") + path)
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def change_event(self, pk: int, **changes: str) -> tuple[int, str]:
        path = f"/admin/events/event/{pk}/change/"
        fields = dict(self.form(self.get(path), "event_form"))
        fields.update(changes, _save="Save")
        return self.post(path, list(fields.items()))


def read(base: str, path: str) -> tuple[int, str]:
    """An anonymous reader: no cookies."""
    try:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


@pytest.fixture(scope="module")
def static_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("static")
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "test-only", "STATIC_ROOT": str(root)}
    manage(env, "collectstatic", "--noinput", "-v0")
    return root


@pytest.fixture
def shared_env(server_env: dict[str, str], static_root: Path, tmp_path: Path) -> dict[str, str]:
    env = {
        **server_env,
        "DEBUG": "false",
        "SECRET_KEY": "test-only-two-servers",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(static_root),
        "API_ANON_RATE": f"{RATE}/minute",
        "WEB_CONCURRENCY": "1",
        "HOST": "127.0.0.1",
    }
    if connection.vendor == "postgresql":
        env["CACHE_URL"] = "redis://127.0.0.1:6379/10"
        import redis

        redis.Redis.from_url(env["CACHE_URL"]).flushdb()
    else:
        # The default backend (a file cache shared by processes), in a folder of the test's own.
        env["CACHE_URL"] = f"filecache://{tmp_path / 'cache'}"
    return env


@pytest.fixture
def two_servers(shared_env: dict[str, str]) -> Iterator[tuple[str, str]]:
    manage(shared_env, "migrate", "--noinput")
    manage(shared_env, "shell", "-c", SEED)
    servers, bases = [], []
    try:
        for _ in range(2):
            port = free_port()
            servers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
                    cwd=BASE_DIR,
                    env={**shared_env, "PORT": str(port)},
                    stdout=subprocess.DEVNULL,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            for _attempt in range(300):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=2).close()
                    break
                except OSError:
                    time.sleep(0.1)
        yield bases[0], bases[1]
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def event_pk(env: dict[str, str]) -> int:
    out = manage(
        env,
        "shell",
        "-c",
        "from events.models import Event; print(Event.objects.get(slug='two-servers-summit').pk)",
    )
    return int(out.strip().splitlines()[-1])


def test_a_save_through_one_server_is_seen_through_the_other_at_once(two_servers, shared_env):
    a, b = two_servers
    page = "/events/two-servers-summit/"
    assert "Two servers summit" in read(b, page)[1]  # now cached on the shared cache
    assert "Two servers summit" in read(b, page)[1]
    publisher = Publisher(a)

    status, body = publisher.change_event(event_pk(shared_env), title_en="Renamed summit")

    assert status == 302, body[:500]
    status, body = read(b, page)
    assert status == 200
    assert "Renamed summit" in body
    assert "Two servers summit" not in body
    assert "Renamed summit" in read(b, "/api/v1/events/two-servers-summit/")[1]


def test_an_unpublish_through_one_server_is_a_404_through_the_other_at_once(
    two_servers, shared_env
):
    a, b = two_servers
    page = "/events/two-servers-summit/"
    assert read(b, page)[0] == 200
    assert read(b, page)[0] == 200
    publisher = Publisher(a)

    status, body = publisher.change_event(event_pk(shared_env), editorial_status="draft")

    assert status == 302, body[:500]
    assert read(b, page)[0] == 404
    assert read(b, "/api/v1/events/two-servers-summit/")[0] == 404
    assert "Two servers summit" not in read(b, "/events/")[1]


def test_api_rate_limits_are_counted_across_both_servers(two_servers):
    a, b = two_servers

    answers = [read((a, b)[n % 2], f"/api/v1/events/?n={n}")[0] for n in range(RATE + 10)]

    assert answers.count(200) == RATE
    assert answers.count(429) == 10
    assert answers[RATE:] == [429] * 10
