"""Template helpers shared by every app: sanitised editor text, dates with precision, and
translated content with its English fallback marked (`tr`, `headline`, `quote`)."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.dates import FuzzyDate, display_range
from core.text import sanitize_html
from core.translation_fields import content_language, displayed, value_in
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


def _untranslated_marker() -> str:
    return format_html(
        ' <span class="untranslated" title="{}">{}</span>',
        _("This text has not been translated yet; it is shown in English."),
        _("not yet translated"),
    )


@register.simple_tag
def tr(
    obj: object, field: str, html: bool = False, block: bool = False, words: int = 0
) -> SafeString:
    """A translatable field in the active language, or its English text marked as such.

    `{% tr event "title" %}`; `html=True` for editor-written HTML (sanitised), `block=True` when
    the text stands in its own block (a <div>, not a <span>, marks an English fallback); `words=40`
    truncates plain text to 40 words. Never blank while the English text exists.
    """
    if obj is None:
        return mark_safe("")  # noqa: S308 - empty
    shown = displayed(obj, field)
    text = shown.text
    if html:
        text = mark_safe(sanitize_html(text))  # noqa: S308 - nh3 output is safe by construction
    elif words:
        text = Truncator(text).words(words, truncate=" …")
    if not shown.fallback:
        return conditional_escape(text)
    element = "div" if block else "span"
    return format_html(
        '<{} lang="en" class="fallback">{}</{}>{}',
        element,
        text,
        element,
        _untranslated_marker(),
    )


def _original_with_translation(
    original: str, original_language: str, obj: object, translated_field: str
) -> SafeString:
    """Text kept as published or spoken, marked with its language, and our translation of it."""
    active = content_language()
    original_html = format_html('<span lang="{}">{}</span>', original_language or "und", original)
    if content_language(original_language) == active:
        return original_html
    translated = value_in(obj, translated_field, active)
    if translated is None:
        return format_html("{}{}", original_html, _untranslated_marker())
    return format_html(
        '<span class="translation">{}</span> <span class="translation-note">({})</span>'
        ' <span class="original muted">{}</span>',
        translated,
        _("our translation"),
        original_html,
    )


@register.simple_tag
def headline(source: object) -> SafeString:
    """A source's headline as published (in its language), with our translation when we have one."""
    return _original_with_translation(source.title, source.language, source, "translated_title")


@register.simple_tag
def quote(statement: object) -> SafeString:
    """A statement's quote as spoken (in its language), with our translation when we have one."""
    return _original_with_translation(
        statement.text, statement.language, statement, "translated_text"
    )
