"""Partner key authentication and the throttles: anonymous rate, and each key's own quota."""

from __future__ import annotations

import math
from typing import Any

from django.contrib.auth.models import AnonymousUser
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from partners.models import PartnerAPIKey

KEYWORD = "Api-Key"


class APIKeyAuthentication(BaseAuthentication):
    """`Authorization: Api-Key <key>`; a wrong, revoked or expired key is a 401, not anonymous."""

    def authenticate(self, request: Request) -> tuple[AnonymousUser, PartnerAPIKey] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        keyword, _, key = header.partition(" ")
        if keyword.lower() != KEYWORD.lower():
            return None
        key = key.strip()
        if not key or "\x00" in key:
            raise AuthenticationFailed("Invalid API key.")
        try:
            api_key = PartnerAPIKey.objects.get_from_key(key)
        except PartnerAPIKey.DoesNotExist:
            raise AuthenticationFailed("Invalid or revoked API key.") from None
        if api_key.has_expired:
            raise AuthenticationFailed("This API key has expired.")
        # The key identifies a partner, not a user: it grants a quota, never a permission.
        return AnonymousUser(), api_key

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD


def request_api_key(request: Request) -> PartnerAPIKey | None:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, PartnerAPIKey) else None


RATE_STATE = "_rate_limit"  # set on the Django request: (limit, remaining, reset, window)


class RateLimitStateMixin:
    """Remembers the outcome on the request, for `RateLimitHeadersMiddleware` to send."""

    def allow_request(self, request: Request, view: Any) -> bool:
        allowed = super().allow_request(request, view)  # type: ignore[misc]
        history = getattr(self, "history", None)
        if history is None or getattr(self, "key", None) is None:
            return allowed  # this throttle does not apply to the request
        limit, window = self.num_requests, self.duration  # type: ignore[attr-defined]
        # `history` is newest first; the oldest request leaves the window first.
        reset = window - (self.now - history[-1]) if history else window  # type: ignore[attr-defined]
        state = (limit, max(0, limit - len(history)), max(1, math.ceil(reset)), window)
        setattr(request._request, RATE_STATE, state)
        return allowed


class AnonymousRateThrottle(RateLimitStateMixin, AnonRateThrottle):
    """The modest anonymous rate (settings "anon"), per client IP; keyed requests skip it."""

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if request_api_key(request) is not None:
            return None
        return super().get_cache_key(request, view)


class APIKeyRateThrottle(RateLimitStateMixin, SimpleRateThrottle):
    """Each key's own quota (`PartnerAPIKey.rate`), or the settings "api_key" rate."""

    scope = "api_key"

    def allow_request(self, request: Request, view: Any) -> bool:
        api_key = request_api_key(request)
        if api_key is None:
            return True
        if api_key.rate:
            self.rate = api_key.rate
            self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        api_key = request_api_key(request)
        if api_key is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": api_key.prefix}
