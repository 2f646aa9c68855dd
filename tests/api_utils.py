"""Helpers for the partner API tests: hidden editorial states and reading JSON pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from core.editorial import EditorialStatus

# Every way a publishable row can be invisible to the public.
HIDDEN_STATES = {
    "draft": lambda: {"editorial_status": EditorialStatus.DRAFT},
    "in_review": lambda: {"editorial_status": EditorialStatus.REVIEW},
    "archived": lambda: {"editorial_status": EditorialStatus.ARCHIVED},
    "future_publish_at": lambda: {"publish_at": timezone.now() + dt.timedelta(days=1)},
}


def hidden(state: str) -> dict[str, Any]:
    return HIDDEN_STATES[state]()


def get_json(client: Any, url: str, status: int = 200, **extra: Any) -> Any:
    response = client.get(url, **extra)
    assert response.status_code == status, response.content[:500]
    return response.json()


def slugs(payload: dict[str, Any], key: str = "slug") -> list[Any]:
    return [row[key] for row in payload["results"]]


def all_pages(client: Any, url: str) -> list[dict[str, Any]]:
    """Follow `next` links to the end and return every row."""
    rows: list[dict[str, Any]] = []
    while url:
        payload = get_json(client, url)
        rows += payload["results"]
        url = payload["next"]
    return rows
