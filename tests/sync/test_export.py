"""The bulk export holds every published object, and nothing else, as the API shows it."""

from __future__ import annotations

import datetime as dt
import io
import os
import time
import zipfile

import orjson
import pytest
from django.core.management import call_command
from django.utils import timezone

from core.editorial import EditorialStatus
from sync.export import write_archive
from tests.factories import (
    DevelopmentFactory,
    EventFactory,
    EventParticipationFactory,
    IssueFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_settle")]

HIDDEN = [
    {"editorial_status": EditorialStatus.DRAFT},
    {"editorial_status": EditorialStatus.REVIEW},
    {"editorial_status": EditorialStatus.ARCHIVED},
    {"publish_at": dt.datetime(2999, 1, 1, tzinfo=dt.UTC)},
]


def read_archive(data: bytes) -> dict[str, list[dict]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name.removesuffix(".jsonl"): [
                orjson.loads(line) for line in archive.read(name).splitlines()
            ]
            for name in archive.namelist()
            if name.endswith(".jsonl")
        } | {"manifest": [orjson.loads(archive.read("manifest.json"))]}


def export() -> dict[str, list[dict]]:
    buffer = io.BytesIO()
    write_archive(buffer)
    return read_archive(buffer.getvalue())


def test_export_contains_only_published_objects():
    shown = {
        "events": EventFactory(slug="shown-event").slug,
        "people": PersonFactory(slug="shown-person").slug,
        "organizations": OrganizationFactory(slug="shown-org").slug,
        "issues": IssueFactory(slug="shown-issue").slug,
    }
    for n, hidden in enumerate(HIDDEN):
        EventFactory(slug=f"hidden-event-{n}", **hidden)
        PersonFactory(slug=f"hidden-person-{n}", **hidden)
        OrganizationFactory(slug=f"hidden-org-{n}", **hidden)
        IssueFactory(slug=f"hidden-issue-{n}", **hidden)

    archive = export()

    for resource, slug in shown.items():
        assert [row["slug"] for row in archive[resource]] == [slug]


def test_export_leaves_out_children_and_statements_of_hidden_objects():
    event = EventFactory()
    EventParticipationFactory(
        event=event,
        person__display_name="Hidden Participant",
        person__editorial_status=EditorialStatus.DRAFT,
    )
    hidden_speaker = PersonFactory(
        display_name="Hidden Speaker", editorial_status=EditorialStatus.DRAFT
    )
    StatementFactory(speaker=hidden_speaker, event=event)
    DevelopmentFactory(event=EventFactory(editorial_status=EditorialStatus.DRAFT))
    SourceFactory(title="Hidden report", editorial_status=EditorialStatus.DRAFT)

    archive = export()

    assert archive["events"][0]["participants"] == []
    assert archive["statements"] == []
    assert archive["sources"] == []
    assert archive["issues"][0]["developments"] == []
    assert b"Hidden" not in orjson.dumps(archive)


def run_queued(huey) -> int:
    """Run what waits in the queue, as the worker would (tests.queue_utils.drain), but leaving the
    test's database connection open: a db_task closes connections after running unless the queue
    is immediate, and on PostgreSQL that ends the test's transaction."""
    tasks = []
    while (task := huey.dequeue()) is not None:
        tasks.append(task)
    huey._immediate = True  # read by djhuey's close_db only; the storage is not swapped
    try:
        for task in tasks:
            huey.execute(task)
    finally:
        huey._immediate = False
    return len(tasks)


@pytest.fixture
def export_dir(settings, tmp_path, task_queue):
    """The export folder, with tasks waiting for a worker as in production (not run inline)."""
    settings.EXPORT_DIR = tmp_path
    return tmp_path


def build() -> None:
    call_command("export_data", stdout=io.StringIO())


def test_export_rows_are_the_api_detail_representation(client, export_dir, settings):
    settings.SITE_URL = "http://testserver"
    event = EventParticipationFactory().event
    build()
    response = client.get("/api/v1/export/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = read_archive(b"".join(response.streaming_content))
    detail = client.get(f"/api/v1/events/{event.slug}/").json()
    assert archive["events"] == [detail]


def test_export_endpoint_answers_304_when_nothing_changed(client, export_dir):
    EventFactory()
    build()
    first = client.get("/api/v1/export/")

    again = client.get("/api/v1/export/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_export_endpoint_never_builds_the_archive_inside_the_request(client, export_dir):
    EventFactory()

    response = client.get("/api/v1/export/")

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Cache-Control"] == "no-store"
    assert "being built" in response.json()["detail"]
    assert not list(export_dir.glob("*.zip"))
    assert not list(export_dir.glob("*.partial"))


def test_a_requested_build_is_queued_once_and_made_by_the_worker(client, export_dir, task_queue):
    EventFactory(slug="the-event")
    first = client.get("/api/v1/export/")
    client.get("/api/v1/export/")  # asked again before the build: nothing more is queued

    assert first.status_code == 503
    assert run_queued(task_queue) == 1
    response = client.get("/api/v1/export/")
    assert response.status_code == 200
    assert [
        row["slug"] for row in read_archive(b"".join(response.streaming_content))["events"]
    ] == ["the-event"]


def test_a_requested_build_is_made_by_the_scheduled_command(client, export_dir):
    EventFactory(slug="the-event")
    client.get("/api/v1/export/")  # asks for a build

    call_command("export_data", "--if-requested", stdout=io.StringIO())
    response = client.get("/api/v1/export/")

    assert response.status_code == 200
    assert [
        row["slug"] for row in read_archive(b"".join(response.streaming_content))["events"]
    ] == ["the-event"]


def test_the_scheduled_command_builds_nothing_when_nobody_asked(export_dir):
    EventFactory()
    build()
    before = {path: path.stat().st_mtime_ns for path in export_dir.glob("*.zip")}

    call_command("export_data", "--if-requested", stdout=io.StringIO())

    assert {path: path.stat().st_mtime_ns for path in export_dir.glob("*.zip")} == before


def test_the_latest_archive_is_served_after_an_edit_and_a_new_build_is_asked_for(
    client, export_dir
):
    event = EventFactory(title="Old title")
    build()
    first = client.get("/api/v1/export/")
    event.title = "New title"
    event.save()

    served = client.get("/api/v1/export/")
    call_command("export_data", "--if-requested", stdout=io.StringIO())
    rebuilt = client.get("/api/v1/export/")

    assert served.status_code == 200
    assert served["ETag"] == first["ETag"]
    assert rebuilt["ETag"] != first["ETag"]
    rows = read_archive(b"".join(rebuilt.streaming_content))["events"]
    assert [row["title"] for row in rows] == ["New title"]


def test_an_archive_built_before_an_unpublish_is_never_served(client, export_dir):
    EventFactory(slug="stays")
    gone = EventFactory(slug="withdrawn-event")
    build()
    gone.editorial_status = EditorialStatus.DRAFT
    gone.save()

    response = client.get("/api/v1/export/")

    assert response.status_code == 503
    call_command("export_data", "--if-requested", stdout=io.StringIO())
    rows = read_archive(b"".join(client.get("/api/v1/export/").streaming_content))["events"]
    assert [row["slug"] for row in rows] == ["stays"]


def test_stale_partial_files_are_cleaned_and_older_archives_pruned(export_dir):
    stale = export_dir / "tmpabc.partial"
    stale.write_bytes(b"half an archive")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    fresh = export_dir / "tmpdef.partial"  # another build, still writing
    fresh.write_bytes(b"being written")
    for day in ("2026-01-01", "2026-01-02", "2026-01-03"):
        old = export_dir / f"relations-tracker-{day}.zip"
        old.write_bytes(b"PK")
        os.utime(old, (time.time() - 86400 * 30, time.time() - 86400 * 30))
    EventFactory()

    build()

    names = sorted(path.name for path in export_dir.iterdir() if not path.name.startswith("."))
    assert names == [
        "relations-tracker-2026-01-03.zip",
        f"relations-tracker-{timezone.localdate()}.zip",
        "tmpdef.partial",
    ]


def test_manifest_cursor_continues_with_the_changes_feed(client):
    EventFactory()
    manifest = export()["manifest"][0]
    later = EventFactory()

    body = client.get("/api/v1/changes/", {"since": manifest["changes_cursor"]}).json()

    assert manifest["resources"]["events"]["count"] == 1
    assert [(c["type"], c["id"]) for c in body["results"]] == [("event", later.pk)]


def test_export_data_writes_a_dated_archive_with_csv(tmp_path):
    PersonFactory(display_name="Lee Jae Myung", native_name="이재명")

    call_command("export_data", output_dir=tmp_path, stdout=io.StringIO())

    path = tmp_path / f"relations-tracker-{timezone.localdate()}.zip"
    with zipfile.ZipFile(path) as archive:
        csv_text = archive.read("people.csv").decode("utf-8")
        assert set(archive.namelist()) >= {"manifest.json", "events.jsonl", "people.csv"}
    assert "이재명" in csv_text
    assert [item for item in tmp_path.iterdir() if not item.name.startswith(".")] == [path]
