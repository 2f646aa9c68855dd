"""Request hardening the framework leaves to the project: TRACE refused, cross-site POSTs to
views that cannot carry a CSRF token refused by the browser's own fetch metadata."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseNotAllowed

REFUSED_METHODS = frozenset({"TRACE", "CONNECT"})
SAFE_FETCH_SITES = frozenset({"same-origin", "none"})


class RefuseTraceMiddleware:
    """TRACE (and CONNECT) answer 405 everywhere: they echo requests and serve no reader."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in REFUSED_METHODS:
            return HttpResponseNotAllowed(["GET", "HEAD", "OPTIONS", "POST"])
        return self.get_response(request)


def is_cross_site(request: HttpRequest) -> bool:
    """Whether the browser says the request came from another site (Sec-Fetch-Site, else Origin).

    A request without either header (an old browser, a script) cannot be judged and passes.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site not in SAFE_FETCH_SITES
    origin = request.headers.get("Origin")
    if not origin:
        return False
    if origin == "null":  # a sandboxed or privacy-stripped cross-site form
        return True
    own = f"{request.scheme}://{request.get_host()}"
    return origin != own and origin not in settings.CSRF_TRUSTED_ORIGINS


def same_site_posts_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a CSRF-exempt view: a POST another site's page makes is a 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" and is_cross_site(request):
            return HttpResponseForbidden("Cross-site request refused.\n", content_type="text/plain")
        return view(request, *args, **kwargs)

    return wrapped
