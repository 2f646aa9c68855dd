"""Rate-limit headers: every API answer says the quota, what is left and when it refills.

`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds) and `RateLimit-Policy`
(`<limit>;w=<window seconds>`), as in the IETF RateLimit header fields draft; documented in the
OpenAPI schema and exposed to browsers by CORS.
"""

from __future__ import annotations

import pytest

from partners.auth import AnonymousRateThrottle
from partners.models import PartnerAPIKey
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/events/"
HEADERS = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy")


def limits(response) -> tuple[int, int, int, str]:
    return (
        int(response["RateLimit-Limit"]),
        int(response["RateLimit-Remaining"]),
        int(response["RateLimit-Reset"]),
        response["RateLimit-Policy"],
    )


def test_anonymous_answers_count_down_to_the_429(client, monkeypatch):
    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    EventFactory()
    seen = [limits(client.get(EVENTS)) for _ in range(3)]
    assert [(limit, remaining) for limit, remaining, _reset, _policy in seen] == [
        (3, 2),
        (3, 1),
        (3, 0),
    ]
    assert all(0 < reset <= 60 and policy == "3;w=60" for _l, _r, reset, policy in seen)
    refused = client.get(EVENTS)
    assert refused.status_code == 429
    assert limits(refused)[:2] == (3, 0)
    assert 0 < int(refused["Retry-After"]) <= 60


def test_a_key_sees_its_own_quota(client):
    _, key = PartnerAPIKey.objects.create_key(name="Partner", rate="10/hour")
    response = client.get(EVENTS, HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert limits(response)[:2] == (10, 9)
    assert response["RateLimit-Policy"] == "10;w=3600"


def test_every_api_door_sends_them(client):
    for path in ("/api/v1/", "/api/v1/changes/", "/api/v1/export/popolo/", "/api/v1/schema/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert all(response.has_header(name) for name in HEADERS), path


def test_pages_outside_the_api_send_none(client):
    response = client.get("/")
    assert not any(response.has_header(name) for name in HEADERS)


def test_cors_exposes_them(client):
    response = client.get(EVENTS, HTTP_ORIGIN="https://partner.example")
    exposed = {name.strip() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert set(HEADERS) <= exposed


def test_schema_documents_them(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/events/"]["get"]
    for status in ("200", "429"):
        assert set(HEADERS) <= set(operation["responses"][status]["headers"]), status
