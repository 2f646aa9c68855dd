"""The event types a partner can subscribe to: `<synced type>.<action>`, `issue.status_changed`,
or `*` for all of them."""

from __future__ import annotations

from sync.journal import SYNCED_TYPES

ALL = "*"
PING = "webhook.ping"
STATUS_CHANGED = "issue.status_changed"
# The feed's actions, and "corrected": an update an editor marked as a correction.
ACTIONS = ("published", "updated", "unpublished", "deleted", "corrected")
TOMBSTONE_ACTIONS = ("unpublished", "deleted")
OBJECT_TYPES = tuple(sorted(SYNCED_TYPES.values()))
EVENT_TYPES = tuple(
    sorted([f"{kind}.{action}" for kind in OBJECT_TYPES for action in ACTIONS] + [STATUS_CHANGED])
)
SUBSCRIBABLE = (ALL, *EVENT_TYPES)


def subscribed(event_types: list[str], event_type: str) -> bool:
    """Whether an endpoint with these event types receives `event_type`.

    A correction is an update: `event.updated` subscribers receive `event.corrected` too."""
    if ALL in event_types or event_type in event_types:
        return True
    kind, _, action = event_type.partition(".")
    return action == "corrected" and f"{kind}.updated" in event_types
