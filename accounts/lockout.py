"""The page a locked-out sign-in gets (django-axes AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """429 with a plain explanation: why, when it lifts, and who can lift it sooner."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked_out.html",
        {**admin.site.each_context(request), "minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
