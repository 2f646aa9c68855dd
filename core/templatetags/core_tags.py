"""Template helpers shared by every app: sanitised editor text and dates with precision."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from core.dates import FuzzyDate, display_range
from core.text import sanitize_html

register = template.Library()


@register.filter(name="sanitize")
def sanitize(value: str) -> SafeString:
    """Render editor-written HTML through the allow-list sanitiser."""
    return mark_safe(sanitize_html(value))  # noqa: S308 - nh3 output is safe by construction


@register.filter(name="fuzzy")
def fuzzy(value: FuzzyDate | None) -> str:
    return value.display() if value else ""


@register.simple_tag
def date_range(start: FuzzyDate | None, end: FuzzyDate | None) -> str:
    return display_range(start, end)
