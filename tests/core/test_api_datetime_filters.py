"""`updated_since` takes any valid ISO 8601 offset; PostgreSQL only takes ±15:59 (found by schemathesis)."""

from __future__ import annotations

import pytest

from tests.factories import EventFactory, IssueFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/events/", "/api/v1/people/", "/api/v1/organizations/", "/api/v1/issues/"]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    "since", ["0196-08-29T19:28:10.9-21:21", "2026-01-01T00:00:00+23:59", "2000-01-01T00:00:00Z"]
)
def test_an_offset_beyond_postgresqls_range_is_converted_not_a_500(client, url, since):
    EventFactory()
    IssueFactory()
    PersonFactory()
    OrganizationFactory()

    response = client.get(url, {"updated_since": since})

    assert response.status_code == 200
    assert len(response.json()["results"]) >= 1


@pytest.mark.parametrize("since", ["0001-01-01T00:00:00+10:00", "9999-12-31T23:59:59-10:00"])
def test_a_time_outside_years_1_to_9999_in_utc_is_a_field_400(client, since):
    response = client.get("/api/v1/issues/", {"updated_since": since})

    assert response.status_code == 400
    assert "updated_since" in response.json()
