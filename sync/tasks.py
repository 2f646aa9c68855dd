"""The bulk export's build, run by the background worker (Huey; see config/settings.py, HUEY).

`/api/v1/export/` never builds the archive; it calls `request_export_build()`, which queues
`build_export_archive` once. A periodic task catches a request whose task was lost, and
a nightly build keeps the archive's date current. Safe to run twice: one build runs at a time
(a lock file), and a build nobody asked for since is skipped by the periodic check.
"""

from __future__ import annotations

import os

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from sync.export import REQUEST_MARKER, build_export, build_requested, export_dir


@db_task(retries=2, retry_delay=60)
def build_export_archive() -> None:
    build_export()


@db_periodic_task(crontab(minute="*/10"))
def build_requested_export() -> None:
    if build_requested():
        build_export()


@db_periodic_task(crontab(hour="3", minute="30"))
def build_nightly_export() -> None:
    build_export()


def request_export_build() -> None:
    """Ask for a new archive: queued once until the build starts (a marker file), however many
    requests notice the archive is out of date; `manage.py export_data --if-requested` and the
    periodic task act on a marker whose task was lost."""
    directory = export_dir()
    directory.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(directory / REQUEST_MARKER, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    build_export_archive()
