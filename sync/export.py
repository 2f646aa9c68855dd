"""Bulk export: every published object of every API resource, in one dated ZIP archive.

The archive holds, per resource, `<resource>.jsonl` (one JSON object per line, exactly the API's
detail representation) and `<resource>.csv` (the same objects flattened as the API's CSV), plus
`popolo.json` (persons, organizations, memberships and events as Popolo JSON, `sync.popolo`), and
`manifest.json` with counts and a `changes_cursor`: pass it as `since` to `/api/v1/changes/` to
keep the mirror current from the moment of the export. Rows come from the API's own viewsets, so
the export shows exactly what the API shows — published content only.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import orjson
from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.urls import resolve, reverse
from django.utils import timezone
from rest_framework.request import Request

from core.api.formats import csv_lines, serializer_columns
from sync.changes import Cursor, current_cursor
from sync.models import ChangeLog
from sync.popolo import POPOLO_FILENAME, POPOLO_RESOURCES, popolo_document
from sync.popolo import event as popolo_event
from sync.popolo import memberships as popolo_memberships
from sync.popolo import organization as popolo_organization
from sync.popolo import person as popolo_person

CHUNK = 500
COPY_BUFFER = 1 << 16
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


class _JSONArray:
    """A JSON array written item by item to a temporary file (kept on disk past 1 MB)."""

    def __init__(self) -> None:
        self.file = tempfile.SpooledTemporaryFile(max_size=1 << 20)  # noqa: SIM115
        self.count = 0

    def append(self, item: Any) -> None:
        self.file.write((b"," if self.count else b"") + orjson.dumps(item))
        self.count += 1

    def copy_to(self, out: IO[bytes]) -> None:
        out.write(b"[")
        self.file.seek(0)
        shutil.copyfileobj(self.file, out, COPY_BUFFER)
        out.write(b"]")


def _entry(name: str, stamp: tuple[int, ...]) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=stamp)
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def write_archive(target: IO[bytes], request: HttpRequest | None = None) -> dict[str, Any]:
    """Write the ZIP archive to `target`; return its manifest.

    Memory stays constant as the data grows: each resource is read once, in chunks, and each row
    goes straight into its JSON Lines entry, while its CSV line and its Popolo parts go to
    temporary files (a ZIP is written one entry at a time) that are then copied into the archive.
    """
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
    popolo = {part: _JSONArray() for part in ("persons", "organizations", "memberships", "events")}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, viewset in export_resources():
            count = 0
            with (
                tempfile.SpooledTemporaryFile(max_size=1 << 20) as csv_file,
                archive.open(_entry(f"{name}.jsonl", stamp), "w") as out,
            ):
                csv_text = io.TextIOWrapper(csv_file, encoding="utf-8", newline="")
                rows = published_rows(viewset, request)
                for line in csv_lines(
                    _tee(rows, out, name, popolo), detail_columns(viewset, request)
                ):
                    csv_text.write(line)
                    count += 1
                csv_text.flush()
                csv_text.detach()
                count -= 1  # the header
                csv_file.seek(0)
                out.close()
                with archive.open(_entry(f"{name}.csv", stamp), "w") as csv_out:
                    shutil.copyfileobj(csv_file, csv_out, COPY_BUFFER)
            manifest["resources"][name] = {
                "count": count,
                "jsonl": f"{name}.jsonl",
                "csv": f"{name}.csv",
            }
        with archive.open(_entry(POPOLO_FILENAME, stamp), "w") as out:
            for n, (part, items) in enumerate(popolo.items()):
                out.write(b'{"' if n == 0 else b',"')
                out.write(part.encode() + b'":')
                items.copy_to(out)
            out.write(b"}")
        manifest["popolo"] = {
            "file": POPOLO_FILENAME,
            "counts": {part: items.count for part, items in popolo.items()},
        }
        for items in popolo.values():
            items.file.close()
        archive.writestr(
            _entry("manifest.json", stamp), orjson.dumps(manifest, option=orjson.OPT_INDENT_2)
        )
    return manifest


def _tee(
    rows: Iterator[dict[str, Any]], out: IO[bytes], name: str, popolo: dict[str, _JSONArray]
) -> Iterator[dict[str, Any]]:
    """Each row into the JSON Lines entry and, for Popolo's resources, its Popolo parts."""
    for row in rows:
        out.write(orjson.dumps(row) + b"\n")
        if name == "people":
            popolo["persons"].append(popolo_person(row))
            for item in popolo_memberships(row):
                popolo["memberships"].append(item)
        elif name == "organizations":
            popolo["organizations"].append(popolo_organization(row))
        elif name == "events":
            popolo["events"].append(popolo_event(row))
        yield row


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


# --- Built off the request path. `/api/v1/export/` serves the latest archive in EXPORT_DIR and
# never builds one: when there is none, or content changed since it was built, it calls
# `sync.tasks.request_export_build()`; the build runs in `build_export()`, from the worker's task
# or `manage.py export_data` (cron).

REQUEST_MARKER = ".build-requested"
LOCK_FILE = ".build.lock"
PARTIAL_MAX_AGE = 3600  # seconds: an older .partial file is a build that died
ARCHIVES_KEPT = 2  # the newest, and the one before it for downloads still in flight


def export_dir() -> Path:
    return Path(settings.EXPORT_DIR)


def build_requested(directory: Path | None = None) -> bool:
    return ((directory or export_dir()) / REQUEST_MARKER).exists()


def clean_export_dir(directory: Path) -> None:
    """Remove `.partial` files of builds that died, and archives older than the newest few."""
    now = time.time()
    for partial in directory.glob("*.partial"):
        with contextlib.suppress(FileNotFoundError):
            if now - partial.stat().st_mtime > PARTIAL_MAX_AGE:
                partial.unlink()
    for old in sorted(directory.glob(f"{ARCHIVE_PREFIX}-*.zip"), reverse=True)[ARCHIVES_KEPT:]:
        old.unlink(missing_ok=True)


def build_export(directory: Path | None = None) -> Path | None:
    """Build today's archive unless another process is building one (then None)."""
    directory = directory or export_dir()
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / LOCK_FILE, "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        # Cleared before reading: a change made during the build asks again and is not lost.
        (directory / REQUEST_MARKER).unlink(missing_ok=True)
        clean_export_dir(directory)
        path = export_to_directory(directory)
        clean_export_dir(directory)
        return path


def latest_archive() -> Path | None:
    archives = sorted(export_dir().glob(f"{ARCHIVE_PREFIX}-*.zip"), reverse=True)
    return archives[0] if archives else None


_manifests: dict[tuple[str, int], dict[str, Any]] = {}


def archive_manifest(path: Path) -> dict[str, Any]:
    """The manifest inside an archive (read once per file version and process)."""
    key = (str(path), path.stat().st_mtime_ns)
    if key not in _manifests:
        with zipfile.ZipFile(path) as archive:
            _manifests.clear()
            _manifests[key] = orjson.loads(archive.read("manifest.json"))
    return _manifests[key]


def _since(manifest: dict[str, Any]) -> tuple[Any, Any]:
    """The journal rows written after the archive's cursor, and the scheduled publications
    that took effect since it was built."""
    cursor = Cursor.decode(manifest.get("changes_cursor", ""))
    built = cursor.as_of if cursor else timezone.now()
    now = timezone.now()
    later = ChangeLog.objects.filter(id__gt=cursor.row_id if cursor else 0)
    went_live = ChangeLog.objects.filter(publish_at__gt=built, publish_at__lte=now)
    return later, went_live


def withdrawn_since(manifest: dict[str, Any]) -> bool:
    """Whether anything the archive may show has been unpublished or deleted since it was built
    (then it must not be served: hidden objects and their names never appear)."""
    later, _went_live = _since(manifest)
    return (
        later.filter(Q(was_visible=True) | Q(ever_public=True))
        .filter(Q(deleted=True) | Q(state_published=False) | Q(publish_at__gt=timezone.now()))
        .exists()
    )


def outdated(manifest: dict[str, Any]) -> bool:
    """Whether anything changed since the archive was built (a new one is then asked for)."""
    later, went_live = _since(manifest)
    return later.exists() or went_live.exists()
