"""Public pages (placeholders until the public site lands)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def issue_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
