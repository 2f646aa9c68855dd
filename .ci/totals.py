"""Print CI's closing line, `ci: N passed, M failed`, from the pytest JUnit reports of every run.

    python3 .ci/totals.py REPORT_DIR

Every `*.xml` in REPORT_DIR is a pytest JUnit report (one per database). A stage that failed
before writing its report (lint, install, schemathesis) leaves a `*.failed` marker file instead,
counted as one failure, so the line never claims success for a run that did not finish.
Standard library only: it must run even when the install step failed.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def totals(report_dir: Path) -> tuple[int, int]:
    passed = failed = 0
    for report in sorted(report_dir.glob("*.xml")):
        try:
            root = ET.parse(report).getroot()
        except ET.ParseError:
            failed += 1
            continue
        suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
        for suite in suites:
            tests = int(suite.get("tests", 0))
            failures = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skipped = int(suite.get("skipped", 0))
            passed += tests - failures - skipped
            failed += failures
    failed += len(list(report_dir.glob("*.failed")))
    return passed, failed


def main() -> int:
    report_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".ci/reports")
    passed, failed = totals(report_dir) if report_dir.is_dir() else (0, 1)
    print(f"ci: {passed} passed, {failed} failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
