"""Real processes for tests: a server or a worker on a database of its own.

The suite's own database lives inside a test transaction (or in memory), which another process
cannot see; `server_env` gives a subprocess a fresh database of the same engine instead.
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def server_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Environment for a server on a database of its own, the same engine as the suite's."""
    env = {**os.environ, "DEBUG": "true", "CACHE_URL": "locmemcache://", "LOG_LEVEL": "ERROR"}
    if connection.vendor != "postgresql":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'load.sqlite3'}"
        yield env
        return
    import psycopg

    params = settings.DATABASES["default"]
    name = f"rt_load_{os.getpid()}_{random.randrange(10**6)}"
    dsn = {"host": params["HOST"], "port": params["PORT"] or 5432, "user": params["USER"]}
    if params.get("PASSWORD"):
        dsn["password"] = params["PASSWORD"]
    with psycopg.connect(dbname="postgres", autocommit=True, **dsn) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = params["USER"] + (f":{params['PASSWORD']}" if params.get("PASSWORD") else "")
    env["DATABASE_URL"] = f"postgres://{auth}@{dsn['host']}:{dsn['port']}/{name}"
    try:
        yield env
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **dsn) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
