"""`since` on the changes feed: odd but well-formed times never reach the database as errors."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("since", "status"),
    [
        ("0196-08-29T19:28:10.9-21:21", 200),  # offset PostgreSQL refuses unless converted to UTC
        ("2026-01-05T09:00:00+14:00", 200),
        ("0001-01-01T00:00:00+05:00", 400),  # before year 1 once in UTC
        ("yesterday", 400),
    ],
)
def test_since_with_any_offset_is_answered_not_crashed(client, since, status):
    response = client.get("/api/v1/changes/", {"since": since})
    assert response.status_code == status
    if status == 400:
        assert "since" in response.json()
