"""Shared fixtures."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client
from django.utils import translation

from tests.factories import UserFactory, editor_user, publisher_user
from tests.processes import server_env  # noqa: F401  (a fixture for every test module)


def pytest_configure(config: pytest.Config) -> None:
    """A fast password hasher: PBKDF2's deliberate cost is a third of the suite's CPU otherwise."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run in the process that queues them (in memory), so a test sees their effect — the
    # mail outbox, a delivery — at once. tests/ops/test_worker.py runs a real worker process.
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    # The default file cache is shared by processes; each test process (xdist worker) gets its
    # own folder so one worker's cache.clear() never empties another's.
    if settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
        settings.CACHES["default"]["LOCATION"] = tempfile.mkdtemp(prefix="rt-test-cache-")
    # Export archives built by tests never land in the working tree's exports/.
    settings.EXPORT_DIR = Path(tempfile.mkdtemp(prefix="rt-test-exports-"))


def pytest_unconfigure(config: pytest.Config) -> None:
    from django.conf import settings

    location = settings.CACHES["default"].get("LOCATION", "")
    if isinstance(location, str) and Path(location).name.startswith("rt-test-cache-"):
        shutil.rmtree(location, ignore_errors=True)
    if Path(settings.EXPORT_DIR).name.startswith("rt-test-exports-"):
        shutil.rmtree(settings.EXPORT_DIR, ignore_errors=True)


class SignInClient(Client):
    """`client.login()` as a person signs in: with a request, which django-axes' backend needs."""

    def login(self, **credentials: object) -> bool:
        credentials.setdefault("request", HttpRequest())
        return super().login(**credentials)


@pytest.fixture
def client() -> SignInClient:
    return SignInClient()


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Each test starts in the default language, whatever the test before it activated."""
    translation.deactivate()


@pytest.fixture
def staff(db):
    """A staff member with no editorial role (username alice), to sign in with."""
    return UserFactory(username="alice")


@pytest.fixture
def editor(db):
    return editor_user(username="editor")


@pytest.fixture
def publisher(db):
    return publisher_user(username="publisher")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client


@pytest.fixture
def content_version_known(db) -> None:
    """The content version looked up once, as on a running server (a query per version, not
    per request), so a query count shows what each request costs. Saves keep it known."""
    from core.web.cache import content_version

    content_version()


@pytest.fixture
def no_settle(settings) -> None:
    """Journal rows are served at once (the settle delay guards concurrent PostgreSQL commits)."""
    settings.CHANGES_SETTLE_SECONDS = 0


@pytest.fixture
def schema(client) -> dict:
    """The OpenAPI document the API serves, as JSON."""
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def task_queue():
    """The queue as the web side sees it in production: tasks wait (in memory) for a worker.

    `tests.queue_utils.drain(task_queue)` then runs what is waiting, as a worker would."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import MemoryStorage

    HUEY._immediate = False
    HUEY.storage = MemoryStorage(HUEY.name)
    try:
        yield HUEY
    finally:
        HUEY._immediate = False
        HUEY.immediate = True  # a fresh in-memory storage for the next test
