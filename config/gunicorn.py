"""gunicorn settings for `make serve` (production shape): `gunicorn -c config/gunicorn.py config.wsgi`.

Workers: `WEB_CONCURRENCY` if set, else 2 × cores + 1 capped at MAX_DEFAULT_WORKERS (each worker
holds its own database connection and memory; more rarely helps on one machine). Bind address from
`HOST`/`PORT`. Static files are served by WhiteNoise inside each worker.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

MAX_DEFAULT_WORKERS = 12


def worker_count(environ: Mapping[str, str], cpus: int | None) -> int:
    """WEB_CONCURRENCY, else 2 × cores + 1, at most MAX_DEFAULT_WORKERS."""
    configured = environ.get("WEB_CONCURRENCY", "").strip()
    if configured:
        try:
            count = int(configured)
        except ValueError:
            count = 0
        if count < 1:
            raise ValueError(f"WEB_CONCURRENCY must be a whole number ≥ 1, not {configured!r}")
        return count
    return min(2 * (cpus or 1) + 1, MAX_DEFAULT_WORKERS)


bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = worker_count(os.environ, os.cpu_count())
# A worker is replaced after this many requests (with jitter, so not all at once): bounds slow leaks.
max_requests = 2000
max_requests_jitter = 200
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
accesslog = "-"
errorlog = "-"
