"""The bare reference for bench/pages.py: a WSGI app answering each URL with stored bytes.

bench/pages.py saves every door's body under BARE_DIR (named by a hash of the URL); this app
serves them with nothing else in the way (no Django, no database), so "cached" and "304" can be
compared with the cost of just sending the same bytes through the same gunicorn.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

BARE_DIR = Path(os.environ.get("BARE_DIR", "."))


def body_name(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    url = environ.get("PATH_INFO", "/")
    if environ.get("QUERY_STRING"):
        url += "?" + environ["QUERY_STRING"]
    path = BARE_DIR / body_name(url)
    if not path.exists():
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not stored"]
    body = path.read_bytes()
    content_type = (BARE_DIR / (body_name(url) + ".type")).read_text()
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]
