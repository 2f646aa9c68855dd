"""No lost edits under load: N editors save one event, its statements and its participations.

A real server (gunicorn, two worker processes with threads) on its own database — a SQLite file
or a fresh PostgreSQL database, whichever the suite runs on — and CLIENTS threads, each logged in
as a publisher, for SECONDS: each round opens one of the event's change page (edits the summary,
one statement's quote and one participation's order through the inlines), a statement's own page
or a participation's own page, changes it and saves. A save appends a unique marker to a text, or
adds one to an order. At the end every acknowledged save (302) must be in the database — every
marker present — and every other answer must be the refusal with its message: no silent loss.

A participation's order is set to a value no other save uses, and each save records the value it
saw: the acknowledged saves of a row must then form one unbroken chain from the starting value to
the value saved at the end (each based on the one before). A save based on a value someone else
had already replaced would be a second link from the same value: a lost edit. (Counting
increments instead would call two saves that both set 4 -> 5 a loss, though the saved 5 is what
each of them asked for.)

    CONCURRENT_EDIT_SECONDS=60 CONCURRENT_EDIT_CLIENTS=8 .venv/bin/python -m pytest \
        tests/core/test_concurrent_edits.py -s          # the bench run (README: Editors' workflow)
"""

from __future__ import annotations

import itertools
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from tests.processes import free_port, manage

SECONDS = float(os.environ.get("CONCURRENT_EDIT_SECONDS", "10"))
CLIENTS = int(os.environ.get("CONCURRENT_EDIT_CLIENTS", "4"))
STATEMENTS = 3
PARTICIPATIONS = 3
PASSWORD = "concurrent-edits-2026"
REFUSED = ("saved this record", "Someone saved this row", "Someone deleted this row")
BASE_DIR = Path(settings.BASE_DIR)
# Order values never used twice (a PositiveSmallIntegerField: below 32767).
ORDERS = itertools.count(1)

SEED = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from events.models import Event, EventParticipation, Statement
from people.models import Person
import datetime, json
publishers = Group.objects.get(name="Publisher")
for n in range({CLIENTS}):
    user = get_user_model().objects.create_user(f"client{{n}}", password="{PASSWORD}", is_staff=True)
    user.groups.add(publishers)
event = Event.objects.create(title="Load summit", slug="load-summit", kind="summit",
    start_date=datetime.date(2026, 1, 5), summary="start")
people = [Person.objects.create(display_name=f"Person {{n}}", slug=f"person-{{n}}", country="KR")
          for n in range({max(STATEMENTS, PARTICIPATIONS)})]
statements = [Statement.objects.create(event=event, speaker=people[n], text="start",
    said_date=datetime.date(2026, 1, 5)).pk for n in range({STATEMENTS})]
participations = [EventParticipation.objects.create(event=event, person=people[n], title="Minister",
    order=0).pk for n in range({PARTICIPATIONS})]
print(json.dumps({{"event": event.pk, "statements": statements, "participations": participations}}))
"""

STATE = """
from events.models import Event, EventParticipation, Statement
import json
event = Event.objects.get(slug="load-summit")
print(json.dumps({
    "summary": event.summary,
    "statements": {s.pk: s.text for s in Statement.objects.filter(event=event)},
    "participations": {p.pk: p.order for p in EventParticipation.objects.filter(event=event)},
}))
"""


class FormFields(HTMLParser):
    """The name/value pairs a browser would submit from the form with id `form_id`."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: list[str] | None = None
        self._select: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        elif not self.inside:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.fields.append((a["name"], a.get("value", default)))
        elif tag == "textarea":
            self._textarea = [a.get("name", ""), ""]
        elif tag == "select":
            self._select = {"name": a.get("name", ""), "options": [], "selected": []}
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))
            if "selected" in a:
                self._select["selected"].append(a.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.fields.append((name, text.removeprefix("\r\n").removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["selected"] or self._select["options"][:1]
            self.fields.extend((self._select["name"], value) for value in chosen)
            self._select = None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Editor:
    """One browser: a cookie jar, a login, GET a form, POST it back."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )
        page = self.get("/admin/login/")
        fields = dict(self.form(page, "login-form"))
        fields.update(username=username, password=PASSWORD)
        status, _body = self.post("/admin/login/", list(fields.items()))
        assert status == 302, f"login failed for {username}"

    def request(self, path: str, data: bytes | None = None) -> tuple[int, str]:
        req = urllib.request.Request(self.base + path, data=data)
        if data is not None:
            req.add_header("Referer", self.base + path)
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def get(self, path: str) -> str:
        status, body = self.request(path)
        assert status == 200, (path, status)
        return body

    def post(self, path: str, fields: list[tuple[str, str]]) -> tuple[int, str]:
        return self.request(path, urllib.parse.urlencode(fields).encode())

    @staticmethod
    def form(html: str, form_id: str) -> list[tuple[str, str]]:
        parser = FormFields(form_id)
        parser.feed(html)
        return parser.fields


@pytest.fixture
def live(server_env: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    manage(server_env, "migrate", "--noinput")
    ids = json.loads(manage(server_env, "shell", "-c", SEED).strip().splitlines()[-1])
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--workers=2",
            "--threads=4",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=BASE_DIR,
        env=server_env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(300):
            try:
                urllib.request.urlopen(base + "/admin/login/", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base, ids
    finally:
        server.terminate()
        server.wait(timeout=30)


class Tally:
    """What the clients were told, shared by the threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.acknowledged: list[dict[str, Any]] = []
        self.refused: list[dict[str, Any]] = []
        self.unexpected: list[str] = []

    def record(self, status: int, body: str, edit: dict[str, Any]) -> None:
        with self.lock:
            if status == 302:
                self.acknowledged.append(edit)
            elif status == 200 and any(message in body for message in REFUSED):
                self.refused.append(edit)
            else:
                self.unexpected.append(f"{status}: {edit} {body[:300]}")


def edit_event(editor: Editor, ids: dict[str, Any], marker: str) -> tuple[int, str, dict]:
    path = f"/admin/events/event/{ids['event']}/change/"
    fields = dict(editor.form(editor.get(path), "event_form"))
    rows = {
        kind: {
            int(value): name.rsplit("-", 1)[0]
            for name, value in fields.items()
            if name.startswith(f"{kind}-") and name.endswith("-id") and value
        }
        for kind in ("statements", "participations")
    }
    statement = random.choice(ids["statements"])
    participation = random.choice(ids["participations"])
    s_prefix, p_prefix = rows["statements"][statement], rows["participations"][participation]
    fields["summary_en"] += f" {marker}"
    fields[f"{s_prefix}-text"] += f" {marker}"
    base, order = int(fields[f"{p_prefix}-order"]), next(ORDERS)
    fields[f"{p_prefix}-order"] = str(order)
    fields["_save"] = "Save"
    status, body = editor.post(path, list(fields.items()))
    edit = {
        "marker": marker,
        "summary": True,
        "statement": statement,
        "participation": (participation, base, order),
    }
    return status, body, edit


def edit_statement(editor: Editor, ids: dict[str, Any], marker: str) -> tuple[int, str, dict]:
    statement = random.choice(ids["statements"])
    path = f"/admin/events/statement/{statement}/change/"
    fields = dict(editor.form(editor.get(path), "statement_form"))
    fields["text"] += f" {marker}"
    fields["_save"] = "Save"
    status, body = editor.post(path, list(fields.items()))
    return status, body, {"marker": marker, "statement": statement}


def edit_participation(editor: Editor, ids: dict[str, Any], marker: str) -> tuple[int, str, dict]:
    participation = random.choice(ids["participations"])
    path = f"/admin/events/eventparticipation/{participation}/change/"
    fields = dict(editor.form(editor.get(path), "eventparticipation_form"))
    base, order = int(fields["order"]), next(ORDERS)
    fields["order"] = str(order)
    fields["_save"] = "Save"
    status, body = editor.post(path, list(fields.items()))
    return status, body, {"marker": marker, "participation": (participation, base, order)}


def client_loop(n: int, base: str, ids: dict[str, Any], until: float, tally: Tally) -> None:
    try:
        editor = Editor(base, f"client{n}")
        rounds = 0
        while time.monotonic() < until:
            rounds += 1
            action = random.choice([edit_event, edit_statement, edit_participation])
            status, body, edit = action(editor, ids, f"[c{n}r{rounds}]")
            tally.record(status, body, edit)
    except Exception as error:  # noqa: BLE001 - reported by the test, not lost in a thread
        with tally.lock:
            tally.unexpected.append(f"client {n}: {error!r}")


def broken_chain(pk: int, acknowledged: list[dict[str, Any]], final: int) -> list[tuple]:
    """The acknowledged order saves of one row that do not form one chain from 0 to `final`."""
    links: dict[int, list[int]] = {}
    for edit in acknowledged:
        if "participation" in edit and edit["participation"][0] == pk:
            _pk, base, order = edit["participation"]
            links.setdefault(base, []).append(order)
    value = 0
    while value in links:
        following = links.pop(value)
        if len(following) > 1:
            return [("participation order", pk, "saves based on the same value", value, following)]
        value = following[0]
    if links or value != final:
        return [("participation order", pk, "unchained saves", links, "saved", final)]
    return []


def test_concurrent_editors_lose_no_acknowledged_save(live, server_env):
    base, ids = live
    tally = Tally()
    until = time.monotonic() + SECONDS
    threads = [
        threading.Thread(target=client_loop, args=(n, base, ids, until, tally))
        for n in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 300)

    state = json.loads(manage(server_env, "shell", "-c", STATE).strip().splitlines()[-1])
    assert not tally.unexpected, tally.unexpected[:5]
    assert tally.acknowledged, "no save was acknowledged"
    lost = []
    for edit in tally.acknowledged:
        if edit.get("summary") and edit["marker"] not in state["summary"]:
            lost.append(("summary", edit))
        if (
            "statement" in edit
            and edit["marker"] not in state["statements"][str(edit["statement"])]
        ):
            lost.append(("statement", edit))
    for pk in ids["participations"]:
        lost += broken_chain(pk, tally.acknowledged, state["participations"][str(pk)])
    written = state["summary"] + " ".join(state["statements"].values())
    ghosts = [edit for edit in tally.refused if edit["marker"] in written]
    chained = {e["participation"][2] for e in tally.acknowledged if "participation" in e}
    ghosts += [
        edit
        for edit in tally.refused
        if "participation" in edit
        and (
            edit["participation"][2] in chained
            or edit["participation"][2] == state["participations"][str(edit["participation"][0])]
        )
    ]
    print(
        f"\n{CLIENTS} clients, {SECONDS:g} s on {connection.vendor}: "
        f"{len(tally.acknowledged)} saves acknowledged, {len(tally.refused)} refused, "
        f"{len(lost)} lost, {len(ghosts)} refused but written"
    )
    assert lost == []
    assert ghosts == []


def test_the_chain_check_sees_a_lost_save():
    """The accounting itself: two saves based on the same value, or a chain that does not end
    at the saved value, are reported; one unbroken chain is not."""
    saves = [{"participation": (1, 0, 7)}, {"participation": (1, 7, 9)}]
    assert broken_chain(1, saves, final=9) == []
    assert broken_chain(1, saves, final=7) != []
    assert broken_chain(1, [*saves, {"participation": (1, 7, 11)}], final=9) != []
    assert broken_chain(2, saves, final=0) == []
