from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _journal_rows_read_at_once(no_settle: None) -> None:
    """The worker reads journal rows as soon as they are written (on PostgreSQL the feed holds
    them back a moment by default, see CHANGES_SETTLE_SECONDS)."""
