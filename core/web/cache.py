"""Site-wide content version, conditional GET and the anonymous page cache.

Every save or delete of content bumps one version number kept in the cache (see `core.web.cache_signals`).
Public pages use it three ways: as their `ETag`/`Last-Modified` (so a browser revalidating gets a
304 without the page being rendered), and as part of the anonymous page-cache key (so an editor's
save makes every cached page stale at once, with no list of URLs to purge).

Scheduled publishing changes what the public sees without a save, so the version also remembers
the next future `publish_at` and moves forward by itself once that moment has passed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import condition

from core.content import content_models

VERSION_KEY = "content-version"
PAGE_KEY_PREFIX = "public-page"
# The version key outlives page entries by far; if it is evicted, a new one is simply started.
VERSION_TIMEOUT = 60 * 60 * 24 * 30


def _next_scheduled_publish(now: dt.datetime) -> float | None:
    """The earliest future `publish_at` of any publishable content, as a timestamp (one query)."""
    from core.editorial import Publishable

    querysets = [
        model._default_manager.filter(publish_at__gt=now)
        .order_by()
        .values_list("publish_at", flat=True)
        for model in content_models()
        if issubclass(model, Publishable)
    ]
    if not querysets:
        return None
    future = list(querysets[0].union(*querysets[1:]))
    return min(future).timestamp() if future else None


def bump_content_version(instance: Any = None) -> float:
    """Start a new content version now: every ETag changes and every cached page goes stale.

    Runs on every content save, so it makes no query: the next scheduled publish time is kept
    from before and lowered to the saved row's own `publish_at` when that is sooner.
    """
    now = timezone.now()
    stored = cache.get(VERSION_KEY)
    scheduled, known = None, False
    if stored is not None:
        _, scheduled, known = stored
        if scheduled is not None and scheduled <= now.timestamp():
            scheduled, known = None, False  # it has passed: the next one must be looked up
    hint = getattr(instance, "publish_at", None)
    if hint is not None and hint > now:
        scheduled = min(filter(None, [scheduled, hint.timestamp()]))
    cache.set(VERSION_KEY, (now.timestamp(), scheduled, known), VERSION_TIMEOUT)
    return now.timestamp()


def content_version() -> float:
    """The current content version (a POSIX timestamp), started afresh when missing."""
    now = timezone.now()
    stored = cache.get(VERSION_KEY)
    if stored is None:
        version, scheduled, known = now.timestamp(), None, False
    else:
        version, scheduled, known = stored
    if scheduled is not None and scheduled <= now.timestamp():
        version, known = now.timestamp(), False  # scheduled content just went public
    if stored is None or not known:
        scheduled = _next_scheduled_publish(now)
        cache.set(VERSION_KEY, (version, scheduled, True), VERSION_TIMEOUT)
    return version


def _effective_version(request: HttpRequest) -> float:
    """Content version, moved forward to local midnight: "what's coming" changes daily."""
    cached = getattr(request, "_content_version", None)
    if cached is not None:
        return cached
    midnight = timezone.make_aware(
        dt.datetime.combine(timezone.localdate(), dt.time.min)
    ).timestamp()
    value = max(content_version(), midnight)
    request._content_version = value  # type: ignore[attr-defined]
    return value


def _is_anonymous_read(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and not request.user.is_authenticated


def page_etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str | None:
    """ETag of a public page for anonymous readers: content version and language."""
    if not _is_anonymous_read(request):
        return None
    return f'"{_effective_version(request):.6f}-{get_language()}"'


def page_last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> dt.datetime | None:
    """Last-Modified of a public page for anonymous readers: when content last changed."""
    if not _is_anonymous_read(request):
        return None
    return dt.datetime.fromtimestamp(_effective_version(request), tz=dt.UTC)


def page_cache_key(request: HttpRequest) -> str:
    """Cache key for one URL (path and query) in one language at the current version."""
    url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"{PAGE_KEY_PREFIX}:{_effective_version(request):.6f}:{get_language()}:{url}"


def _cache_anonymous(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _is_anonymous_read(request):
            response = view(request, *args, **kwargs)
            # Staff may be looking at a preview: never let anything store it.
            patch_cache_control(response, private=True, no_cache=True, no_store=True)
            return response
        key = page_cache_key(request)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            # Only plain successful pages that set no cookie are shared between readers.
            if response.status_code == 200 and not response.cookies and not response.streaming:
                cache.set(key, response, settings.CACHE_MIDDLEWARE_SECONDS)
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return wrapped


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate a public view: conditional GET (304) and the anonymous page cache."""
    return condition(etag_func=page_etag, last_modified_func=page_last_modified)(
        _cache_anonymous(view)
    )
