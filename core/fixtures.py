"""Loading a backup is not editing: receivers that record edits stand aside while it runs.

`loaddata` saves rows with `raw=True`, which the history, the change journal and the search-key
receivers already skip; but many-to-many links are set afterwards through the related manager,
whose `m2m_changed` carries no `raw`, so the journal and django-simple-history would write rows
of their own — rows the backup already holds (PostgreSQL: duplicate keys). `restore_data` runs
inside `loading_fixtures()`, and those receivers ask `is_loading_fixtures()`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings

_state = threading.local()


def is_loading_fixtures() -> bool:
    return getattr(_state, "loading", False)


@contextmanager
def loading_fixtures() -> Iterator[None]:
    """Within: no journal rows and no history rows are written (the data brings its own)."""
    previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    _state.loading = True
    settings.SIMPLE_HISTORY_ENABLED = False  # read by django-simple-history at every signal
    try:
        yield
    finally:
        _state.loading = False
        settings.SIMPLE_HISTORY_ENABLED = previous
