"""The OpenAPI 3.1 `webhooks` object: what the site POSTs to a partner's endpoint, per event type
(a drf-spectacular postprocessing hook, listed in SPECTACULAR_SETTINGS)."""

from __future__ import annotations

from typing import Any

from webhooks import event_types

SIGNATURE_HEADERS = {
    "webhook-id": "Unique message id (msg_…); the same on every retry and redelivery: "
    "deduplicate on it.",
    "webhook-timestamp": "Seconds since the epoch when this attempt was signed; refuse old ones.",
    "webhook-signature": 'Space-separated "v1,<base64 HMAC-SHA256 of id.timestamp.body>" '
    "signatures, one per active secret (two for 24 h after a rotation).",
}
TOMBSTONE = {
    "type": "object",
    "description": "All that is said of an unpublished or deleted object: remove it.",
    "properties": {
        "type": {"type": "string", "enum": list(event_types.OBJECT_TYPES)},
        "id": {"type": "integer"},
        "slug": {"type": "string"},
    },
    "required": ["type", "id", "slug"],
}


def _message_schema(data: dict[str, Any], event_type: str, extra: dict[str, Any]) -> dict:
    return {
        "type": "object",
        "properties": {
            "id": {"type": "string", "description": "The webhook-id header."},
            "type": {"type": "string", "const": event_type},
            "action": {
                "type": "string",
                "enum": ["published", "updated", "unpublished", "deleted", "ping"],
                "description": "The changes feed's action for the same entry.",
            },
            "timestamp": {"type": "string", "format": "date-time"},
            "object": {"$ref": "#/components/schemas/WebhookObjectRef"},
            **extra,
            "data": data,
        },
        "required": ["id", "type", "action", "timestamp", "data"],
    }


def _operation(event_type: str, summary: str, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "post": {
            "operationId": "webhook_" + event_type.replace(".", "_"),
            "summary": summary,
            "description": "Sent signed per Standard Webhooks (headers below). Answer with any "
            "2xx within 10 s; anything else is retried with exponential backoff for about a day.",
            "tags": ["webhooks"],
            "security": [],
            "parameters": [
                {
                    "name": name,
                    "in": "header",
                    "required": True,
                    "description": description,
                    "schema": {"type": "string"},
                }
                for name, description in SIGNATURE_HEADERS.items()
            ],
            "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
            "responses": {
                "200": {"description": "Received (any 2xx)."},
                "400": {"description": "Refused (any answer but a 2xx): retried later."},
            },
        }
    }


def document_webhooks(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Add `webhooks` (OpenAPI 3.1) with one entry per event type."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["WebhookObjectRef"] = TOMBSTONE
    webhooks: dict[str, Any] = {}
    for event_type in event_types.EVENT_TYPES:
        kind, _, action = event_type.partition(".")
        component = f"{kind.capitalize()}Detail"
        detail = (
            {"$ref": f"#/components/schemas/{component}"}
            if component in schemas
            else {"type": "object"}
        )
        extra: dict[str, Any] = {}
        if action in event_types.TOMBSTONE_ACTIONS:
            data: dict[str, Any] = {"$ref": "#/components/schemas/WebhookObjectRef"}
            summary = f"A {kind} was {action}: remove it"
        elif event_type == event_types.STATUS_CHANGED:
            data = detail
            extra["previous_status"] = {"type": "string"}
            summary = "An issue's status changed"
        elif action == "corrected":
            data = detail
            extra["correction"] = {
                "type": "object",
                "properties": {
                    "note": {"type": "string"},
                    "at": {"type": "string", "format": "date-time"},
                },
                "required": ["note", "at"],
            }
            summary = f"A {kind} was corrected (with a public note)"
        else:
            data = detail
            summary = f"A {kind} was {action}: the API's detail of it"
        webhooks[event_type] = _operation(
            event_type, summary, _message_schema(data, event_type, extra)
        )
    ping = {"type": "object", "properties": {"endpoint": {"type": "integer"}}}
    webhooks[event_types.PING] = _operation(
        event_types.PING, "A test ping", _message_schema(ping, event_types.PING, {})
    )
    result["webhooks"] = webhooks
    tags = result.setdefault("tags", [])
    if not any(tag.get("name") == "webhooks" for tag in tags):
        tags.append(
            {"name": "webhooks", "description": "Your webhook endpoints and what they receive."}
        )
    return result
