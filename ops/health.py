"""Health for load balancers and the answer readers get while the database is unreachable.

`/healthz` says the process is alive and touches nothing else; `/readyz` says whether this app
server can serve (database, cache, and the task queue when one is configured). Both are answered by
`HealthMiddleware`, first in the stack, so neither a load balancer's bare address as Host nor the
HTTPS redirect gets in the way. While the database (or the cache server) is unreachable, pages
answer 503 with `Retry-After` and the API a JSON 503; Django reconnects on the next request, so
the site recovers without a restart.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views.defaults import server_error as default_server_error

from ops.worker import WORKER_READY_PATH
from ops.worker import status as worker_status

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
READY_CACHE_KEY = "ops:readyz"


def _unavailable_errors() -> tuple[type[BaseException], ...]:
    """Exceptions meaning a backing service is unreachable, not a bug in the code."""
    errors: list[type[BaseException]] = [OperationalError, InterfaceError]
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a pinned dependency
        pass
    else:
        errors += [RedisConnectionError, RedisTimeoutError]
    return tuple(errors)


UNAVAILABLE_ERRORS = _unavailable_errors()


def _no_store(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: JSON under /api/, otherwise a page that needs no database."""
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": "The service is temporarily unavailable; try again shortly."}, status=503
        )
    else:
        # Rendered without the request: context processors and the session are not touched.
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return _no_store(response)


def _check_database() -> bool:
    try:
        for alias in connections:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
    except Exception:  # any failure means "not ready", whatever the driver raises
        logger.warning("readyz: database unavailable", exc_info=True)
        for alias in connections:
            connections[alias].close_if_unusable_or_obsolete()
        return False
    return True


def _check_cache() -> bool:
    try:
        cache.set(READY_CACHE_KEY, 1, 10)
        return cache.get(READY_CACHE_KEY) == 1
    except Exception:
        logger.warning("readyz: cache unavailable", exc_info=True)
        return False


def _check_task_queue() -> bool:
    try:
        from huey.contrib.djhuey import HUEY

        HUEY.storage.queue_size()
    except Exception:
        logger.warning("readyz: task queue unavailable", exc_info=True)
        return False
    return True


def readiness() -> dict[str, bool]:
    checks = {"database": _check_database(), "cache": _check_cache()}
    if getattr(settings, "HUEY", None):
        checks["task_queue"] = _check_task_queue()
    return checks


def healthz(request: HttpRequest) -> HttpResponse:
    return _no_store(JsonResponse({"status": "ok"}))


def readyz(request: HttpRequest) -> HttpResponse:
    checks = readiness()
    ready = all(checks.values())
    response = JsonResponse(
        {
            "status": "ok" if ready else "unavailable",
            "checks": {name: "ok" if ok else "unavailable" for name, ok in checks.items()},
        },
        status=200 if ready else 503,
    )
    if not ready:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return _no_store(response)


def worker_readyz(request: HttpRequest) -> HttpResponse:
    """200 while a background worker beats, 503 (with Retry-After) when none has lately."""
    state = worker_status()
    response = JsonResponse(state, status=200 if state["alive"] else 503)
    if not state["alive"]:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return _no_store(response)


class HealthMiddleware:
    """First in the stack: answers /healthz and /readyz; turns "database unreachable" into 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD"):
            if request.path == HEALTH_PATH:
                return healthz(request)
            if request.path == READY_PATH:
                return readyz(request)
            if request.path == WORKER_READY_PATH:
                return worker_readyz(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, UNAVAILABLE_ERRORS):
            logger.error("Backing service unavailable: %s", exception, exc_info=exception)
            return service_unavailable(request)
        return None


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: a database outage raised outside a view (a middleware) is a 503 as well."""
    if isinstance(sys.exc_info()[1], UNAVAILABLE_ERRORS):
        return service_unavailable(request)
    return default_server_error(request, template_name)
