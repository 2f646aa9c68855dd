"""System checks for running the site with several worker processes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

# Caches that live inside one process: each gunicorn worker would keep its own pages, content
# version and throttle counts.
PER_PROCESS_CACHES = frozenset({"django.core.cache.backends.locmem.LocMemCache"})


@register(Tags.caches, deploy=True)
def shared_cache(app_configs: Any, **kwargs: Any) -> list[Error]:
    """With DEBUG off, the default cache must be shared by every worker process."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if settings.DEBUG or backend not in PER_PROCESS_CACHES:
        return []
    return [
        Error(
            "The default cache is local to each process: with several workers, readers get "
            "pages from before the last save and API throttles count per worker.",
            hint="Leave CACHE_URL unset (a file cache shared by the processes of one machine) "
            "or set CACHE_URL=redis://... (several machines).",
            id="ops.E001",
        )
    ]
