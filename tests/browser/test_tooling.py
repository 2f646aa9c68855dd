"""The browser tests skip locally without their tools, and fail instead under CI."""

from __future__ import annotations

import pytest

from tests.browser.conftest import skip_or_fail


def test_missing_browser_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception, match="no chromium"):
        skip_or_fail("no chromium")


def test_missing_browser_skips_locally_with_the_reason(monkeypatch):
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="no chromium"):
        skip_or_fail("no chromium")
