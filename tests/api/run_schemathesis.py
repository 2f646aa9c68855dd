"""Fuzz the partner API with schemathesis against its own OpenAPI schema; exit non-zero on findings.

    .venv/bin/python tests/api/run_schemathesis.py            # SQLite scratch file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python tests/api/run_schemathesis.py

Run by .ci/run after each `make test`. Builds a scratch database (on PostgreSQL: a new database on
the DATABASE_URL server, dropped afterwards), migrates it, loads the demo dataset, starts
`runserver` on a free local port with production settings (DEBUG off) and throttling lifted, then
runs `schemathesis run` with two checks: no 5xx (`not_a_server_error`) and every response matches
the schema (`response_schema_conformance`). Bounded: a fixed example budget per operation, a
timeout per request, and a hard limit on the whole run.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
# The schemathesis CLI, run with one guard: on CPython 3.11.7 `ast.parse` can fail spuriously with
# "AST constructor recursion depth mismatch" (a CPython bug) while hypothesis merely builds the
# *description* of a filter lambda; a plain description is returned instead of aborting the case.
SCHEMATHESIS_CLI = """
import sys
from hypothesis.internal import lambda_sources

_describe = lambda_sources.lambda_description

def _safe_description(f):
    try:
        return _describe(f)
    except SystemError:
        return "lambda: <unknown>"

lambda_sources.lambda_description = _safe_description
from schemathesis.cli import schemathesis

sys.exit(schemathesis())
"""
MAX_EXAMPLES = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25")
RUN_LIMIT = 300  # seconds for the whole schemathesis run


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scratch_database(folder: Path) -> tuple[str, Callable[[], None]]:
    """A throw-away DATABASE_URL and a function removing it."""
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"rt_schemathesis_{os.getpid()}"
        parts = urlsplit(base)
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')

        def drop() -> None:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return urlunsplit(parts._replace(path=f"/{name}")), drop
    return f"sqlite:///{folder / 'api.sqlite3'}", lambda: None


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_for(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"The server exited early with code {server.returncode}.")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"The server did not answer {url} within {seconds:.0f} s.")


# schemathesis closes with a pytest-style banner ("=== 1 warning in 44.69s ===") that names no
# test count; CI readers take the tail of the log for the test totals, so the banner is reworded
# (the real totals are pytest's lines before it and .ci/run's `ci: N passed, M failed` after it).
CLOSING_BANNER = re.compile(r"^=+ (?P<body>.* in [0-9.]+s(?: \(.*\))?) =+$")


def run_bounded(command: list[str], env: dict[str, str]) -> int:
    """Run the schemathesis CLI, echoing its output with the closing banner reworded."""
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    timer = threading.Timer(RUN_LIMIT, process.kill)
    timer.start()
    try:
        assert process.stdout is not None
        for line in process.stdout:
            match = CLOSING_BANNER.match(line.rstrip("\n"))
            if match:
                line = f"schemathesis finished: {match['body']}\n"
            sys.stdout.write(line)
            sys.stdout.flush()
        code = process.wait()
    finally:
        timer.cancel()
    if code < 0:
        print(f"schemathesis did not finish within {RUN_LIMIT} s.", file=sys.stderr)
        return 1
    return code


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="rt-schemathesis-"))
    database_url, cleanup = scratch_database(folder)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "schemathesis-only-not-secret",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Thousands of requests in a few minutes: the anonymous quota must not turn them to 429s.
        "API_ANON_RATE": "1000000/second",
        "API_KEY_RATE": "1000000/second",
        "LOG_LEVEL": "ERROR",
        # DEBUG off serves pages through the static manifest (404 pages too): build one.
        "STATIC_ROOT": str(folder / "static"),
        # The bulk export is served from a built archive (503 while none exists): build one here.
        "EXPORT_DIR": str(folder / "exports"),
        "TASK_QUEUE_DIR": str(folder / "queue"),
    }
    server = None
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        commands = subprocess.run(
            [PYTHON, "manage.py", "help", "--commands"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        if "load_demo" in commands:
            manage(env, "load_demo")
        if "export_data" in commands:
            manage(env, "export_data")
        port = free_port()
        # The access log of a thousand requests would bury the report: kept aside, shown on failure.
        server_log = (folder / "server.log").open("w")
        server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        schema_url = f"http://127.0.0.1:{port}/api/v1/schema/"
        wait_for(schema_url, server)
        command = [
            PYTHON,
            "-c",
            SCHEMATHESIS_CLI,
            "run",
            schema_url,
            "--checks",
            "not_a_server_error,response_schema_conformance",
            "--max-examples",
            MAX_EXAMPLES,
            "--request-timeout",
            "20",
            "--workers",
            "2",
            "--seed",
            "1",
            "--no-color",
            "--generation-database",
            "none",
        ]
        print("$ schemathesis", " ".join(command[4:]), flush=True)
        code = run_bounded(command, env)
        if code:
            errors = [
                line
                for line in (folder / "server.log").read_text().splitlines()
                if ' HTTP/1.1" 5' in line or "Error" in line or "Traceback" in line
            ]
            print("--- server log (errors)", *errors[-60:], sep="\n", file=sys.stderr)
        return code
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        cleanup()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
