"""The background worker: a real `manage.py run_huey` process consumes the queue the web side fills.

The web side's e-mail for a review request is queued (never sent in the request); a worker
started as `make run` starts it sends it, and reports itself alive through its heartbeat.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import override_settings

from ops import worker
from tests.processes import BASE_DIR, manage

SEED = """
from django.db import transaction
from tests.factories import EventFactory, editor_user, publisher_user
from review.services import revision_submit
publisher_user(username="pub", email="pub@example.org")
editor = editor_user(username="ed", email="ed@example.org")
event = EventFactory(title="Worker test summit", editorial_status="published")
with transaction.atomic():
    revision_submit(obj=event, changes={
            "parent": {"pk": event.pk, "version": event.version,
                       "fields": {"summary": [event.summary, "Edited"]}, "m2m": {}},
            "children": [],
        }, author=editor)
"""


def worker_env(server_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    return {
        **server_env,
        "TASK_QUEUE_DIR": str(tmp_path / "queue"),
        "CACHE_URL": f"filecache://{tmp_path / 'cache'}",
        # filemail:// + "/" + an absolute path (django-environ drops one slash)
        "EMAIL_URL": f"filemail:///{tmp_path / 'mail'}",
    }


def wait_for(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_real_worker_sends_what_the_request_queued(server_env, tmp_path):
    env = worker_env(server_env, tmp_path)
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "-c", SEED)
    mail_dir = tmp_path / "mail"
    assert not mail_dir.exists() or not any(mail_dir.iterdir())  # queued, not sent
    status = subprocess.run(
        [sys.executable, "manage.py", "worker_status", "--json"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert status.returncode == 1  # no worker yet
    assert json.loads(status.stdout)["pending_tasks"] == 1

    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers=1"], cwd=BASE_DIR, env=env
    )
    try:
        assert wait_for(lambda: mail_dir.exists() and any(mail_dir.iterdir()))
        sent = "".join(path.read_text() for path in mail_dir.iterdir())
        assert "To: pub@example.org" in sent
        assert "Worker test summit" in sent
        state = json.loads(manage(env, "worker_status", "--json"))
        assert state["alive"] is True
        assert state["pending_tasks"] == 0
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def no_heartbeat():
    from django.core.cache import cache

    cache.delete(worker.HEARTBEAT_KEY)


def test_readyz_worker_is_503_without_a_heartbeat(client, no_heartbeat):
    response = client.get("/readyz/worker")
    assert response.status_code == 503
    assert response["Retry-After"]
    assert response.json()["alive"] is False


def test_readyz_worker_is_200_after_a_beat_and_stale_later(client, no_heartbeat):
    worker.beat()
    response = client.get("/readyz/worker")
    assert response.status_code == 200
    assert response.json()["alive"] is True
    with override_settings(WORKER_HEARTBEAT_STALE_SECONDS=-1):
        assert client.get("/readyz/worker").status_code == 503


def test_the_heartbeat_is_a_periodic_task_every_minute():
    from huey.contrib.djhuey import HUEY

    from ops.tasks import heartbeat

    assert heartbeat.task_class.__name__ in {t.__name__ for t in HUEY._registry._periodic_tasks}
