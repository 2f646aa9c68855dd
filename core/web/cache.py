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
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.crypto import salted_hmac
from django.utils.http import http_date, parse_etags
from django.utils.translation import get_language

from core.content import content_models, is_content

VERSION_KEY = "content-version"
PAGE_KEY_PREFIX = "public-page"
AGGREGATE_KEY_PREFIX = "aggregate"
# After a miss, one process renders a page while the others wait for it (no stampede): the lock
# expires by itself after RENDER_LOCK_SECONDS, and a waiter renders the page itself after
# RENDER_WAIT_SECONDS rather than keep a reader waiting longer.
RENDER_LOCK_SECONDS = 10
RENDER_WAIT_SECONDS = 2.0
RENDER_POLL_SECONDS = 0.02
T = TypeVar("T")
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
            bump_epoch()  # and what went public then is unknown here
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
    if stored is None or (scheduled is not None and scheduled <= now.timestamp()):
        bump_epoch()  # what changed is unknown: every scoped page starts afresh too
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


# --- Scoped invalidation: detail pages that outlive edits of unrelated content ----------------
#
# A detail page (an event, a person, an issue...) is cached with the tags of every content row
# it loaded, each tag holding a token that changes when that row (or a row next to it) is saved.
# A cached copy is served only while all its tags still hold the tokens it was rendered with, so
# an edit of event A re-renders A's page, its people's, its issues' and its sources' pages, and
# leaves an unrelated issue's page cached. What cannot be scoped (a deletion, a scheduled
# publish going live, a relation emptied, a row with too many neighbours) moves the epoch,
# which every scoped page's key holds. List pages (home, timeline, search, feeds) keep the
# site-wide content version: any edit may change them.

EPOCH_KEY = "content-epoch"
TAG_PREFIX = "content-tag"
_dependencies: ContextVar[set[str] | None] = ContextVar("page_dependencies", default=None)


def content_tag(model: type, pk: Any) -> str:
    return f"{TAG_PREFIX}:{model._meta.label_lower}:{pk}"  # type: ignore[attr-defined]


def bump_epoch() -> None:
    cache.set(EPOCH_KEY, uuid.uuid4().hex, VERSION_TIMEOUT)


def bump_tags(tags: set[str]) -> None:
    """Every page rendered with any of `tags` is stale from now on."""
    if tags:
        token = uuid.uuid4().hex
        cache.set_many(dict.fromkeys(tags, token), VERSION_TIMEOUT)


def record_loaded(sender: type, instance: Any, **kwargs: Any) -> None:
    """post_init: while a scoped page renders, note each content row it loads."""
    loaded = _dependencies.get()
    if loaded is not None and instance.pk is not None and is_content(sender):
        loaded.add(content_tag(sender, instance.pk))


def _epoch() -> str:
    epoch = cache.get(EPOCH_KEY)
    if epoch is None:
        epoch = uuid.uuid4().hex
        if not cache.add(EPOCH_KEY, epoch, VERSION_TIMEOUT):
            epoch = cache.get(EPOCH_KEY) or epoch
    return epoch


def scoped_page_key(request: HttpRequest) -> str:
    """Cache key of a scoped page: URL, language, epoch and day ("what's coming" moves daily)."""
    url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    day = timezone.localdate().isoformat()
    return f"{PAGE_KEY_PREFIX}:scoped:{_epoch()}:{day}:{get_language()}:{url}"


def _current_scoped(key: str) -> HttpResponse | None:
    entry = cache.get(key)
    if entry is None:
        return None
    response, tokens = entry
    if tokens and cache.get_many(list(tokens)) != tokens:
        return None  # a row it shows (or one next to it) changed since
    return response


def _render_scoped(
    key: str, view: Callable[..., HttpResponse], request: HttpRequest, args: Any, kwargs: Any
) -> HttpResponse:
    version = content_version()
    loaded: set[str] = set()
    reset = _dependencies.set(loaded)
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    finally:
        _dependencies.reset(reset)
    storable = response.status_code == 200 and not response.cookies and not response.streaming
    # A save during the render may not be in what was read: serve it, but do not keep it.
    if storable and content_version() == version:
        tokens = cache.get_many(list(loaded))
        missing = loaded - set(tokens)
        if missing:
            for tag in missing:
                cache.add(tag, uuid.uuid4().hex, VERSION_TIMEOUT)
            tokens = cache.get_many(list(loaded))
        if set(tokens) == loaded:
            cache.set(key, (response, tokens), settings.CACHE_MIDDLEWARE_SECONDS)
    return response


def _scoped_cached_or_rendered(
    request: HttpRequest, view: Callable[..., HttpResponse], args: Any, kwargs: Any
) -> HttpResponse:
    """As `_cached_or_rendered` (one render per miss), for a page cached with its row tags."""
    if not getattr(settings, "PUBLIC_PAGE_CACHE", True):
        return view(request, *args, **kwargs)
    key = scoped_page_key(request)
    response = _current_scoped(key)
    if response is not None:
        return response
    lock = f"{key}:rendering"
    if cache.add(lock, 1, RENDER_LOCK_SECONDS):
        try:
            return _current_scoped(key) or _render_scoped(key, view, request, args, kwargs)
        finally:
            cache.delete(lock)
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(RENDER_POLL_SECONDS)
        response = _current_scoped(key)
        if response is not None:
            return response
        if cache.get(lock) is None:
            break
    return _render_scoped(key, view, request, args, kwargs)


def _is_anonymous_read(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and not request.user.is_authenticated


def content_last_modified(request: HttpRequest) -> dt.datetime:
    """When public content last changed (any save, delete or scheduled publish; daily at least)."""
    return dt.datetime.fromtimestamp(_effective_version(request), tz=dt.UTC)


def page_etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str | None:
    """ETag of a public page for anonymous readers: content version, language and URL.

    The URL is part of it: one page's validator must never revalidate another URL (a draft's
    404 would otherwise answer 304 to anyone holding any page's ETag).
    """
    if not _is_anonymous_read(request):
        return None
    return url_etag(request)


def url_etag(request: HttpRequest, *extra: str) -> str:
    """Content version, language and a keyed hash of the URL (and `extra`, e.g. Accept).

    Keyed (HMAC with SECRET_KEY), so a client can only hold a matching ETag that this site gave
    for this very URL at this version: a 304 can then be answered before anything is rendered.
    """
    url = salted_hmac(
        "core.web.cache.etag", "\n".join([request.get_full_path(), *extra]), algorithm="sha256"
    ).hexdigest()[:20]
    return f'"{_effective_version(request):.6f}-{get_language()}-{url}"'


def etag_is_current(request: HttpRequest, etag: str) -> bool:
    """True when the request's If-None-Match holds exactly `etag` (never for `*`)."""
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header or request.method not in ("GET", "HEAD"):
        return False
    return etag in parse_etags(header)


def per_version(name: str, compute: Callable[[], T]) -> T:
    """`compute()` once per content version (charts, counts): every save starts a new one."""
    key = f"{AGGREGATE_KEY_PREFIX}:{name}:{content_version():.6f}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, VERSION_TIMEOUT)
    return value


def page_last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> dt.datetime | None:
    """Last-Modified of a public page for anonymous readers: when content last changed."""
    if not _is_anonymous_read(request):
        return None
    return content_last_modified(request)


def page_cache_key(request: HttpRequest) -> str:
    """Cache key for one URL (path and query) in one language at the current version."""
    url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"{PAGE_KEY_PREFIX}:{_effective_version(request):.6f}:{get_language()}:{url}"


def _render_and_store(
    key: str, view: Callable[..., HttpResponse], request: HttpRequest, args: Any, kwargs: Any
) -> HttpResponse:
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    # Only plain successful pages that set no cookie are shared between readers.
    if response.status_code == 200 and not response.cookies and not response.streaming:
        cache.set(key, response, settings.CACHE_MIDDLEWARE_SECONDS)
    return response


def _cached_or_rendered(
    request: HttpRequest, key: str, view: Callable[..., HttpResponse], args: Any, kwargs: Any
) -> HttpResponse:
    """The cached page, or one render of it however many workers miss at once (dogpile lock).

    The first to miss takes a short lock (`cache.add`, atomic on every backend) and renders;
    the others wait for its result, and render themselves only if it takes too long. Nothing
    stale is served: an unpublished item must be gone from every page at once.
    """
    if not getattr(settings, "PUBLIC_PAGE_CACHE", True):
        return view(request, *args, **kwargs)
    response = cache.get(key)
    if response is not None:
        return response
    lock = f"{key}:rendering"
    if cache.add(lock, 1, RENDER_LOCK_SECONDS):
        try:
            # Another worker may have stored it between our miss and our lock.
            response = cache.get(key)
            if response is not None:
                return response
            return _render_and_store(key, view, request, args, kwargs)
        finally:
            cache.delete(lock)
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(RENDER_POLL_SECONDS)
        response = cache.get(key)
        if response is not None:
            return response
        if cache.get(lock) is None:
            break  # the renderer finished without storing (a 404, a cookie): render ourselves
    return _render_and_store(key, view, request, args, kwargs)


def _cache_anonymous(
    view: Callable[..., HttpResponse], scoped: bool = False
) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _is_anonymous_read(request):
            response = view(request, *args, **kwargs)
            # Staff may be looking at a preview: never let anything store it.
            patch_cache_control(response, private=True, no_cache=True, no_store=True)
            return response
        if scoped:
            response = _scoped_cached_or_rendered(request, view, args, kwargs)
        else:
            response = _cached_or_rendered(request, page_cache_key(request), view, args, kwargs)
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        # The language is the URL's (core.web.language adds Accept-Language where it is not).
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapped


def _answer_conditionally(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """304 when the reader's copy of this 200 response is current; validators set either way."""
    if not _is_anonymous_read(request) or response.status_code != 200 or response.streaming:
        return response
    etag = page_etag(request)
    last_modified = _effective_version(request)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return get_conditional_response(
        request, etag=etag, last_modified=int(last_modified), response=response
    )


def public_detail_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """`public_page` for one item's page: its cached copy outlives edits of unrelated content.

    Cached with the tags of the rows it showed (see "Scoped invalidation" above) instead of
    the site-wide version; validators and 304s as `public_page`.
    """
    return public_page(view, scoped=True)


def public_page(
    view: Callable[..., HttpResponse], scoped: bool = False
) -> Callable[..., HttpResponse]:
    """Decorate a public view: the anonymous page cache, then conditional GET (304).

    A current If-None-Match is answered first: the ETag is keyed to the URL and the version, so
    only a 200 of this very URL at this version can have given it out. If-Modified-Since is
    decided after the view (or the page cache) has answered 200: a URL that is a 404 (a draft, a
    typo) never becomes a 304. A cached page revalidates without a query.
    """
    cached = _cache_anonymous(view, scoped=scoped)

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _is_anonymous_read(request):
            etag = url_etag(request)
            if etag_is_current(request, etag):
                response = not_modified(etag, _effective_version(request))
                patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        return _answer_conditionally(request, cached(request, *args, **kwargs))

    return wrapped


def not_modified(etag: str, last_modified: float) -> HttpResponseNotModified:
    """A 304 carrying its validators (RFC 9110 15.4.5), answered before any rendering."""
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return response


def revalidated(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For feeds and calendars: validators from the content version (per URL and language),
    304 to a reader whose copy is current, and the body cached per content version.

    Not a hash of the body: an empty Atom feed says "updated now" on every request. A current
    If-None-Match is answered before the view runs (the ETag is keyed to this URL, so only a
    200 of this URL at this version gave it out); If-Modified-Since once the (cached) 200 is known.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        etag = url_etag(request)
        # The content version moves on every save and delete, unlike the newest item's date.
        last_modified = _effective_version(request)
        if etag_is_current(request, etag):
            return not_modified(etag, last_modified)
        response = _cached_or_rendered(request, page_cache_key(request), view, args, kwargs)
        if response.status_code != 200 or response.streaming:
            return response
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return get_conditional_response(
            request, etag=etag, last_modified=int(last_modified), response=response
        )

    return wrapped
