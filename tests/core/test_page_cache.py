"""The anonymous page cache under concurrent misses (dogpile) and its conditional answers."""

from __future__ import annotations

import threading
import time

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from core.web.cache import _cached_or_rendered


def test_a_missed_page_is_rendered_once_while_other_workers_wait():
    # given a page that takes a while to render and four readers missing it at the same moment
    renders = []

    def slow_view(request):
        renders.append(1)
        time.sleep(0.3)
        return HttpResponse(b"the page")

    bodies = []

    def read() -> None:
        request = RequestFactory().get("/slow/")
        request.user = AnonymousUser()
        bodies.append(_cached_or_rendered(request, "test-page:slow", slow_view, (), {}).content)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then it was rendered once and every reader got it
    assert len(renders) == 1
    assert bodies == [b"the page"] * 4


def test_waiting_readers_render_themselves_when_the_first_render_stores_nothing():
    renders = []

    def not_found(request):
        renders.append(1)
        time.sleep(0.1)
        return HttpResponse(b"gone", status=404)

    statuses = []

    def read() -> None:
        request = RequestFactory().get("/gone/")
        statuses.append(
            _cached_or_rendered(request, "test-page:gone", not_found, (), {}).status_code
        )

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [404] * 3
    assert len(renders) == 3
