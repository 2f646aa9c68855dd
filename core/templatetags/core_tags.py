"""Template helpers shared by every app: sanitised editor text and dates with precision."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from core.dates import FuzzyDate, display_range
from core.text import sanitize_html
from core.web.language import language_urls

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


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, str]]:
    """This page in every language (hreflang alternates and the language switcher)."""
    request = context.get("request")
    return language_urls(request) if request is not None else []
