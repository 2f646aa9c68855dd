"""Bad days: the database unreachable gives readers a 503 page and the API a JSON 503, both with
Retry-After, and the site recovers by itself; /healthz and /readyz for load balancers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, ProgrammingError, connection
from django.urls import reverse

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def _refuse(execute, sql, params, many, context):  # noqa: ANN001
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: refused")


@contextmanager
def database_down() -> Iterator[None]:
    """Every query fails as it does when the database server is unreachable."""
    with connection.execute_wrapper(_refuse):
        yield


@pytest.fixture
def event(db: object):
    return EventFactory(slug="summit")


def test_reader_gets_503_page_with_retry_after_and_recovery_without_restart(client, event):
    url = reverse("events:event_detail", args=["summit"])
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"].startswith("text/html")
    assert b"temporarily unavailable" in response.content
    assert "no-store" in response["Cache-Control"]
    # The database is back: the same process answers again, nothing restarted.
    assert client.get(url).status_code == 200


def test_api_gets_json_503(client, event):
    with database_down():
        response = client.get("/api/v1/events/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"] == "application/json"
    assert "unavailable" in response.json()["detail"]
    assert client.get("/api/v1/events/").status_code == 200


def _bug(execute, sql, params, many, context):  # noqa: ANN001
    raise ProgrammingError("no such column: summary")


def test_other_errors_stay_500(client, event):
    client.raise_request_exception = False
    with connection.execute_wrapper(_bug):
        response = client.get(reverse("events:event_detail", args=["summit"]))
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_healthz_needs_no_database_nor_allowed_host(client):
    with database_down():
        response = client.get("/healthz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_ok(client):
    response = client.get("/readyz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "task_queue": "ok"},
    }


def test_readyz_database_down(client):
    with database_down():
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "unavailable",
        "cache": "ok",
        "task_queue": "ok",
    }
    assert int(response["Retry-After"]) > 0


def test_readyz_cache_down(client):
    with mock.patch.object(cache, "set", side_effect=ConnectionError("redis refused")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "unavailable",
        "task_queue": "ok",
    }


def test_readyz_task_queue_down(client):
    from huey.contrib.djhuey import HUEY

    with mock.patch.object(HUEY.storage, "queue_size", side_effect=ConnectionError("refused")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["task_queue"] == "unavailable"


def test_outage_raised_outside_a_view_is_503_too(rf):
    from ops.health import server_error

    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get("/api/v1/events/"))
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
