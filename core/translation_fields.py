"""The one registry of translatable content fields (django-modeltranslation).

Each content app declares its translatable fields in its `translation.py` with `register()`, which
gives every field one column per language on the model's own row (`title_en`, `title_ko`,
`title_zh_hans`; English is the source language and the fallback) and then attaches the model's
simple-history records, so the historical copies carry the translated columns too.

Readers of translations go through the helpers here (`value_in`, `displayed`, `translations_of`),
and so can later features — translation status per item and language, outdated flags, the
needs-translation queue — which find every translatable model and field in `registered()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import simple_history
from django.db import models
from django.utils import translation
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.translator import TranslationOptions, translator
from modeltranslation.utils import build_localized_fieldname, fallbacks_enabled, resolution_order
from modeltranslation.utils import get_language as modeltranslation_language

SOURCE_LANGUAGE = "en"
# Language codes as in settings.LANGUAGES; columns use modeltranslation's suffix (zh-hans → zh_hans).
CONTENT_LANGUAGES: tuple[str, ...] = ("en", "ko", "zh-hans")

_registry: dict[type[models.Model], tuple[str, ...]] = {}


def register(
    model: type[models.Model], fields: tuple[str, ...], *, history: dict[str, Any] | None = None
) -> None:
    """Make `fields` of `model` translatable, then give the model its history records.

    `history` is the simple-history configuration (`{}` for the defaults, None for no history).
    History is attached here, not in the model body, because simple-history builds the historical
    model from the fields the model has at that moment, and the translated columns are only added
    now.
    """
    options = type(f"{model.__name__}TranslationOptions", (TranslationOptions,), {"fields": fields})
    translator.register(model, options)
    _registry[model] = fields
    if history is not None:
        simple_history.register(model, **history)


def registered() -> dict[type[models.Model], tuple[str, ...]]:
    """Every model with translatable fields, and those fields."""
    return dict(_registry)


def translatable_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The translatable fields of `model` (empty when it has none)."""
    for klass in model.__mro__:
        if klass in _registry:
            return _registry[klass]
    return ()


def column(field: str, language: str) -> str:
    """The column holding `field` in `language`: column("title", "zh-hans") == "title_zh_hans"."""
    return f"{field}_{language.replace('-', '_')}"


def content_language(code: str | None = None) -> str:
    """The content language for a language code (the active one by default): en, ko or zh-hans."""
    code = (code or translation.get_language() or SOURCE_LANGUAGE).lower()
    if code in CONTENT_LANGUAGES:
        return code
    if code.startswith("zh"):
        return "zh-hans"
    base = code.split("-")[0]
    return base if base in CONTENT_LANGUAGES else SOURCE_LANGUAGE


def value_in(obj: Any, field: str, language: str) -> str | None:
    """The value of `field` written in `language`, or None when it has not been written."""
    value = getattr(obj, column(field, language), None)
    if not value and language == SOURCE_LANGUAGE:
        # A row created before the field was translatable: its English is the original column.
        value = obj.__dict__.get(field)
    return value or None


@dataclass(frozen=True)
class Displayed:
    """A field's text as shown in one language: the text, its language, whether it fell back."""

    text: str
    language: str
    fallback: bool


def displayed(obj: Any, field: str, language: str | None = None) -> Displayed:
    """`field` in `language` (the active one), else the English text, marked as a fallback."""
    language = content_language(language)
    text = value_in(obj, field, language)
    if text is not None:
        return Displayed(text, language, False)
    english = value_in(obj, field, SOURCE_LANGUAGE) or ""
    return Displayed(english, SOURCE_LANGUAGE, language != SOURCE_LANGUAGE and bool(english))


def translations_of(obj: Any, fields: tuple[str, ...] | None = None) -> dict[str, dict]:
    """Every language's value of every translatable field: {"ko": {"title": "…" or None}, …}."""
    fields = fields if fields is not None else translatable_fields(type(obj))
    return {
        language: {field: value_in(obj, field, language) for field in fields}
        for language in CONTENT_LANGUAGES
    }


def _reading_order(model: type[models.Model], field: str) -> tuple[Any, tuple[str, ...], Any, Any]:
    """The descriptor, its columns in the active language's fallback order, what it treats as
    no value, and what it answers when no column has one (NONE for a file: ask it)."""
    descriptor = model.__dict__[field]
    undefined = descriptor.fallback_undefined
    if undefined is NONE:
        undefined = descriptor.field.get_default()
    languages = resolution_order(modeltranslation_language(), descriptor.fallback_languages)
    names = tuple(build_localized_fieldname(field, language) for language in languages)
    # What the descriptor answers when no language has a value (its own rule, minus files).
    if isinstance(descriptor.field, models.FileField):
        missing: Any = NONE
    elif fallbacks_enabled() and descriptor.fallback_value is not NONE:
        missing = descriptor.fallback_value
    else:
        missing = descriptor.field.get_default()
    return descriptor, names, undefined, missing


def active_language_reader(model: type[models.Model], field: str) -> Callable[[Any], Any]:
    """`getattr(obj, field)` for rows of `model` in the active language, its fallback order
    worked out once: modeltranslation's descriptor looks the language up on every read (an
    asgiref Local), a tenth of the API event list's time. Call it once per request; a row
    with no meaningful value in any of the languages is read through the descriptor itself.
    """
    if not isinstance(model.__dict__.get(field), TranslationFieldDescriptor):
        return attrgetter(field)
    descriptor, names, undefined, missing = _reading_order(model, field)

    def read(obj: Any) -> Any:
        values = obj.__dict__
        for name in names:
            value = values.get(name)
            if value is not None and value != undefined:  # the descriptor's meaningful_value
                return value
        if missing is NONE or any(name not in values for name in names):
            return descriptor.__get__(obj, type(obj))  # a file, or a deferred column to load
        return missing

    return read


def translated_columns(model: type[models.Model], field: str) -> tuple[str, ...]:
    """Every language column of a translated field (`title_en`, `title_ko`, …)."""
    columns = {column.name for column in translator.get_options_for_model(model).all_fields[field]}
    return tuple(sorted(columns))


def active_language_value_reader(
    model: type[models.Model], field: str, prefix: str = ""
) -> Callable[[dict[str, Any]], Any]:
    """As `active_language_reader`, for a row of `.values()` holding every column of
    `translated_columns(model, field)` under `prefix` (a row, not an instance: no descriptor).
    """
    descriptor, names, undefined, missing = _reading_order(model, field)
    if missing is NONE:
        raise ValueError(f"{model.__name__}.{field} is a file: read it from the instance.")
    keys = tuple(prefix + name for name in names)

    def read(row: dict[str, Any]) -> Any:
        for key in keys:
            value = row[key]
            if value is not None and value != undefined:  # the descriptor's meaningful_value
                return value
        return missing

    return read
