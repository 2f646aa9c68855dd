"""Rate-limit headers on every API answer (the IETF RateLimit header fields draft).

`RateLimit-Limit` (requests per window), `RateLimit-Remaining`, `RateLimit-Reset` (seconds until
a request is free again) and `RateLimit-Policy` (`<limit>;w=<window seconds>`), taken from the
throttle that applied to the request (anonymous per address, or the API key's own quota).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from partners.auth import RATE_STATE


class RateLimitHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        state = getattr(request, RATE_STATE, None)
        if state is not None:
            limit, remaining, reset, window = state
            response["RateLimit-Limit"] = str(limit)
            response["RateLimit-Remaining"] = str(remaining)
            response["RateLimit-Reset"] = str(reset)
            response["RateLimit-Policy"] = f"{limit};w={window}"
        return response
