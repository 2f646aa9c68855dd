"""Bulk export: every published object of every API resource, in one dated ZIP archive.

The archive holds, per resource, `<resource>.jsonl` (one JSON object per line, exactly the API's
detail representation) and `<resource>.csv` (the same objects flattened as the API's CSV), plus
`popolo.json` (persons, organizations, memberships and events as Popolo JSON, `sync.popolo`), and
`manifest.json` with counts and a `changes_cursor`: pass it as `since` to `/api/v1/changes/` to
keep the mirror current from the moment of the export. Rows come from the API's own viewsets, so
the export shows exactly what the API shows — published content only.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import orjson
from django.conf import settings
from django.http import HttpRequest
from django.urls import resolve, reverse
from django.utils import timezone
from rest_framework.request import Request

from core.api.formats import serializer_columns, write_csv
from sync.changes import current_cursor
from sync.popolo import POPOLO_FILENAME, POPOLO_RESOURCES, popolo_document

CHUNK = 500
ARCHIVE_PREFIX = "relations-tracker"


class SiteRequest(HttpRequest):
    """A stand-in request for SITE_URL, so exported objects carry absolute URLs."""

    def __init__(self, site_url: str) -> None:
        super().__init__()
        parts = urlsplit(site_url)
        self.method = "GET"
        self.path = "/"
        self._site_scheme = parts.scheme or "http"
        self._site_host = parts.netloc or "localhost"

    def _get_scheme(self) -> str:
        return self._site_scheme

    def get_host(self) -> str:
        return self._site_host


def export_resources() -> list[tuple[str, type]]:
    """(name, viewset) of every API resource, in the order the API root lists them."""
    # Found through URL resolution (the API root view is handed every resource the router
    # registered), so the export keeps in step with the API without importing the router.
    root = resolve(reverse("api:api-root")).func
    return [
        (prefix, resolve(reverse(f"api:{list_name}")).func.cls)
        for prefix, list_name in root.view_initkwargs["api_root_dict"].items()
    ]


def _detail_view(viewset_class: type, request: HttpRequest) -> Any:
    drf_request = request if isinstance(request, Request) else Request(request)
    return viewset_class(
        action="retrieve", request=drf_request, format_kwarg=None, args=(), kwargs={}
    )


def detail_columns(viewset_class: type, request: HttpRequest) -> list[str]:
    """The CSV header of a resource's detail rows (the API's `?format=csv` on one object)."""
    view = _detail_view(viewset_class, request)
    return serializer_columns(view.get_serializer_class()(context=view.get_serializer_context()))


def published_rows(viewset_class: type, request: HttpRequest) -> Iterator[dict[str, Any]]:
    """Every object a resource's detail endpoint would show, oldest first, in chunks."""
    view = _detail_view(viewset_class, request)
    queryset = view.get_queryset().order_by("pk")
    serializer_class = view.get_serializer_class()
    context = view.get_serializer_context()
    chunk: list[Any] = []
    for obj in queryset.iterator(chunk_size=CHUNK):
        chunk.append(obj)
        if len(chunk) == CHUNK:
            yield from serializer_class(chunk, many=True, context=context).data
            chunk = []
    if chunk:
        yield from serializer_class(chunk, many=True, context=context).data


def write_archive(target: IO[bytes], request: HttpRequest | None = None) -> dict[str, Any]:
    """Write the ZIP archive to `target`; return its manifest."""
    request = request or SiteRequest(settings.SITE_URL)
    # Taken before reading: a change made while exporting is replayed by the feed, never lost.
    cursor = current_cursor()
    manifest: dict[str, Any] = {
        "generated_at": cursor.as_of.isoformat(),
        "changes_cursor": cursor.encode(),
        "site": settings.SITE_URL,
        "resources": {},
    }
    stamp = timezone.localtime(cursor.as_of).timetuple()[:6]
    rows_by_resource: dict[str, list[dict[str, Any]]] = {}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, viewset in export_resources():
            rows = rows_by_resource[name] = list(published_rows(viewset, request))
            entry = zipfile.ZipInfo(f"{name}.jsonl", date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(entry, "w") as out:
                for row in rows:
                    out.write(orjson.dumps(row) + b"\n")
            archive.writestr(f"{name}.csv", write_csv(rows, detail_columns(viewset, request)))
            manifest["resources"][name] = {
                "count": len(rows),
                "jsonl": f"{name}.jsonl",
                "csv": f"{name}.csv",
            }
        popolo = popolo_document(rows_by_resource)
        archive.writestr(POPOLO_FILENAME, orjson.dumps(popolo))
        manifest["popolo"] = {
            "file": POPOLO_FILENAME,
            "counts": {name: len(items) for name, items in popolo.items()},
        }
        archive.writestr("manifest.json", orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
    return manifest


def popolo_export(request: HttpRequest | None = None) -> dict[str, Any]:
    """The Popolo document alone (`/api/v1/export/popolo/`), from the same rows as the archive."""
    request = request or SiteRequest(settings.SITE_URL)
    viewsets = dict(export_resources())
    return popolo_document(
        {name: list(published_rows(viewsets[name], request)) for name in POPOLO_RESOURCES}
    )


def archive_name(day: object = None) -> str:
    """relations-tracker-2026-11-23.zip (the site's local date)."""
    return f"{ARCHIVE_PREFIX}-{day or timezone.localdate()}.zip"


def export_to_directory(directory: Path, request: HttpRequest | None = None) -> Path:
    """Write today's archive into `directory` atomically (readers never see half a file)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / archive_name()
    handle, partial = tempfile.mkstemp(dir=directory, suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as out:
            write_archive(out, request)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return path
