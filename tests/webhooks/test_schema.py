"""The OpenAPI 3.1 document describes the webhooks a partner receives and the keyed API."""

from __future__ import annotations

import pytest

from webhooks.event_types import EVENT_TYPES, PING

pytestmark = pytest.mark.django_db


def test_every_event_type_is_a_documented_webhook(schema):
    assert set(schema["webhooks"]) == {*EVENT_TYPES, PING}
    updated = schema["webhooks"]["event.updated"]["post"]
    body = updated["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["data"] == {"$ref": "#/components/schemas/EventDetail"}
    headers = {p["name"] for p in updated["parameters"] if p["in"] == "header"}
    assert headers == {"webhook-id", "webhook-timestamp", "webhook-signature"}
    deleted = schema["webhooks"]["event.deleted"]["post"]
    data = deleted["requestBody"]["content"]["application/json"]["schema"]["properties"]["data"]
    assert data == {"$ref": "#/components/schemas/WebhookObjectRef"}


def test_the_keyed_management_api_is_documented(schema):
    paths = schema["paths"]
    assert set(paths["/api/v1/webhooks/"]) >= {"get", "post"}
    assert "post" in paths["/api/v1/webhooks/{id}/ping/"]
    assert "post" in paths["/api/v1/webhooks/{id}/rotate-secret/"]
    assert "get" in paths["/api/v1/webhooks/{id}/deliveries/"]
    assert "post" in paths["/api/v1/webhooks/deliveries/{id}/redeliver/"]
    create = paths["/api/v1/webhooks/"]["post"]
    assert {"201", "400", "401"} <= set(create["responses"])
