"""Template helpers for feed and calendar links."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

register = template.Library()


@register.simple_tag
def timeline_query(request: HttpRequest) -> str:
    """The timeline's filters as a query string ("?kind=summit&…"), without the page number."""
    params = request.GET.copy()
    params.pop("page", None)
    for key in [key for key, values in params.lists() if not any(v.strip() for v in values)]:
        del params[key]
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else ""
