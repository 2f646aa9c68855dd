"""What a webhook carries: the object exactly as the API's detail returns it (in English), read
through the API's own view, so a payload never shows more — or other — than the API would."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.test import RequestFactory
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from sync.journal import synced_models

# Types looked up by primary key in the API; the others by slug.
BY_PK = {"source", "statement"}
# Keys under which a payload names a person or an issue (participants, speaker, stances, …).
PERSON_KEYS = {"person", "speaker", "people"}
ISSUE_KEYS = {"issue", "issues", "related_issues"}


def _request_factory() -> tuple[RequestFactory, dict[str, Any]]:
    parts = urlsplit(settings.SITE_URL)
    extra = {
        "HTTP_HOST": parts.netloc or "localhost",
        "HTTP_ACCEPT": "application/json",
        "HTTP_ACCEPT_LANGUAGE": "en",
    }
    return RequestFactory(), {"secure": parts.scheme == "https", **extra}


def detail(object_type: str, object_id: int) -> dict[str, Any] | None:
    """The API's detail of a published object, or None when the API would answer 404."""
    model = synced_models().get(object_type)
    if model is None:
        return None
    if object_type in BY_PK:
        kwargs: dict[str, Any] = {"pk": object_id}
    else:
        slug = model._default_manager.filter(pk=object_id).values_list("slug", flat=True).first()
        if slug is None:
            return None
        kwargs = {"slug": slug}
    with translation.override("en"):
        path = reverse(f"api:{object_type}-detail", kwargs=kwargs)
        try:
            match = resolve(path)
        except Resolver404:
            return None
        view = match.func
        # The worker is not a client: no throttle applies to it.
        handler = view.cls.as_view(view.actions, **{**view.initkwargs, "throttle_classes": []})
        factory, extra = _request_factory()
        response = handler(factory.get(path, **extra), **match.kwargs)
        if response.status_code != 200:
            return None
        response.render()
        return json.loads(response.content)


def tombstone(object_type: str, object_id: int, slug: str) -> dict[str, Any]:
    """All an unpublished or deleted object's message says: what to remove."""
    return {"type": object_type, "id": object_id, "slug": slug}


def _walk(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for child_key, child in value.items():
            yield child_key, child
            yield from _walk(child, child_key)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                yield key, item
            yield from _walk(item, key)


def filter_keys(object_type: str, data: dict[str, Any]) -> set[tuple[str, str]]:
    """What a payload is about, for the endpoints' filters: ("issue", slug), ("person", slug) and
    ("country", code) for the object itself and every person, issue and country it names."""
    keys: set[tuple[str, str]] = set()
    if object_type in ("issue", "person") and data.get("slug"):
        keys.add((object_type, data["slug"]))
    for key, value in _walk(data):
        if key == "country" and isinstance(value, str) and value:
            keys.add(("country", value))
        elif isinstance(value, dict) and isinstance(value.get("slug"), str):
            if key in PERSON_KEYS:
                keys.add(("person", value["slug"]))
            elif key in ISSUE_KEYS:
                keys.add(("issue", value["slug"]))
    return keys


def timestamp(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


def encode(body: dict[str, Any]) -> str:
    """The body as sent (and signed): compact JSON, UTF-8."""
    return json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
