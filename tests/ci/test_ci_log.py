"""CI's log must end on test totals: `.ci/totals.py` counts JUnit reports, and schemathesis's own
pytest-style closing banner (no test count in it) is reworded so it cannot pass for the totals."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


JUNIT = """<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="{e}"
failures="{f}" skipped="{s}" tests="{t}" time="1.0"></testsuite></testsuites>"""


def test_totals_sum_both_databases_and_count_failed_stages(tmp_path):
    (tmp_path / "sqlite.xml").write_text(JUNIT.format(e=0, f=0, s=1, t=11))
    (tmp_path / "postgresql.xml").write_text(JUNIT.format(e=1, f=2, s=0, t=20))
    (tmp_path / "schemathesis_(SQLite).failed").touch()
    out = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "totals.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.splitlines()[-1] == "ci: 27 passed, 4 failed"


def test_a_run_that_wrote_no_report_is_not_a_success(tmp_path):
    out = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "totals.py"), str(tmp_path / "missing")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "ci: 0 passed, 1 failed"


def test_schemathesis_closing_banner_is_reworded():
    runner = load(ROOT / "tests" / "api" / "run_schemathesis.py", "run_schemathesis")
    banner = "============================= 1 warning in 44.69s =============================="
    match = runner.CLOSING_BANNER.match(banner)
    assert match is not None
    assert match["body"] == "1 warning in 44.69s"
    assert runner.CLOSING_BANNER.match("Test cases:") is None
