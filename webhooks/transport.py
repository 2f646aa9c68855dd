"""One HTTP POST to a partner's endpoint, guarded: the address checked just before connecting is
the one connected to, connect and read timeouts, no redirects followed, at most
WEBHOOKS_MAX_RESPONSE_BYTES of the answer read."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings

from webhooks.ssrf import UnsafeURL, check_url

USER_AGENT = "RelationsTracker-Webhooks/1.0"


@dataclass
class Outcome:
    status: int | None
    body: str
    duration_ms: int
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def post(url: str, body: bytes, headers: dict[str, str]) -> Outcome:
    """POST `body` to `url`; a refusal, a timeout or a non-2xx answer is an unsuccessful Outcome."""
    started = time.monotonic()

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        scheme, host, port, address = check_url(url)
    except UnsafeURL as refusal:
        return Outcome(None, "", elapsed(), str(refusal)[:300])
    timeout = urllib3.Timeout(
        connect=settings.WEBHOOKS_CONNECT_TIMEOUT, read=settings.WEBHOOKS_READ_TIMEOUT
    )
    default_port = 443 if scheme == "https" else 80
    host_header = host if port == default_port else f"{host}:{port}"
    if ":" in host and port == default_port:
        host_header = f"[{host}]"
    elif ":" in host:
        host_header = f"[{host}]:{port}"
    pool_kwargs: dict[str, object] = {"timeout": timeout, "retries": False, "maxsize": 1}
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=getattr(settings, "WEBHOOKS_CA_BUNDLE", None) or None,
            **pool_kwargs,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, **pool_kwargs)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request_headers = {
        **headers,
        "Host": host_header,
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }
    try:
        response = pool.urlopen(
            "POST",
            path,
            body=body,
            headers=request_headers,
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
        try:
            raw = response.read(settings.WEBHOOKS_MAX_RESPONSE_BYTES)
        finally:
            response.release_conn()
            response.close()
        text = raw[: settings.WEBHOOKS_STORED_RESPONSE_BYTES].decode("utf-8", "replace")
        error = ""
        if 300 <= response.status < 400:
            error = "Redirects are not followed."
        return Outcome(response.status, text, elapsed(), error)
    except urllib3.exceptions.HTTPError as failure:
        return Outcome(None, "", elapsed(), f"{type(failure).__name__}: {failure}"[:300])
    except OSError as failure:
        return Outcome(None, "", elapsed(), f"{type(failure).__name__}: {failure}"[:300])
    finally:
        pool.close()
