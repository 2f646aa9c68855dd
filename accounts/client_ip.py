"""The client's address for login lockouts, trusting X-Forwarded-For only behind NUM_PROXIES."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or the address NUM_PROXIES trusted proxies put in X-Forwarded-For.

    The same rule as the API's throttles (DRF's NUM_PROXIES): with 0 proxies a client cannot dodge
    the per-address lockout by sending its own header.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    num_proxies = settings.NUM_PROXIES
    if not num_proxies or not forwarded:
        return remote_addr
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if not addresses:
        return remote_addr
    return addresses[-min(num_proxies, len(addresses))]
