"""`{% review_dashboard %}`: the admin home's review lists for the signed-in user's role."""

from __future__ import annotations

from typing import Any

from django import template

from review.dashboard import editor_dashboard, is_publisher, publisher_dashboard

register = template.Library()


@register.inclusion_tag("admin/review/dashboard.html", takes_context=True)
def review_dashboard(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return {"show": False}
    publisher = is_publisher(user)
    result: dict[str, Any] = {"show": True, "publisher": publisher}
    if publisher:
        result.update(publisher_dashboard())
    result.update({"editor": editor_dashboard(user)})
    return result
