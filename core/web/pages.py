"""Helpers shared by the public page views of every app."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Model
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.editorial import EditorialStatus
from core.pagination import WEB_PAGE_SIZE

# As django.utils.html.json_script does: nothing in the text can end the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def parse_as_of(request: HttpRequest) -> tuple[date | None, str]:
    """`?as_of=YYYY-MM-DD` as a date, or (None, a message for the reader) when it is malformed."""
    raw = request.GET.get("as_of", "").strip()
    if not raw:
        return None, ""
    try:
        return date.fromisoformat(raw), ""
    except ValueError:
        return None, _("“%(value)s” is not a date. Use the form YYYY-MM-DD, e.g. 2025-12-31.") % {
            "value": raw[:40]
        }


def preview_state(obj: Model) -> str:
    """The editorial state to announce in the preview banner, or "" when the object is public."""
    if getattr(obj, "is_public", True):
        return ""
    status = obj.get_editorial_status_display()  # type: ignore[attr-defined]
    if obj.editorial_status == EditorialStatus.PUBLISHED:  # type: ignore[attr-defined]
        return _("scheduled for %(when)s") % {"when": obj.publish_at}  # type: ignore[attr-defined]
    return str(status)


def paginate(request: HttpRequest, items: Any, per_page: int = WEB_PAGE_SIZE) -> Page:
    """The requested page; a bad or out-of-range `?page=` gives the nearest valid page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def json_ld(data: dict[str, Any]) -> SafeString:
    """A schema.org JSON-LD <script> block, escaped so text cannot close the element."""
    text = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
