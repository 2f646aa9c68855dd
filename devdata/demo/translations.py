"""Apply the demo translations (data_translations) to the loaded demo rows.

Translated columns are modeltranslation's `<field>_<language>` (`title_ko`, `bio_zh_hans`). A
source's headline and a statement's quote stay as published or spoken: their translations go to
`translated_<field>_<language>` when the model has that column. A column the model lacks is
skipped, so this is a no-op until the translated columns exist.

Idempotent like the loader: each row is updated through `DemoLoader.upsert`, which saves (and so
writes a history row) only when a value differs, so a second run writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, Protocol, TypeVar

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from core.dates import FuzzyDate
from devdata.demo import data_events, data_issues, data_people
from devdata.demo.data_translations import KEEP, POSITION_TITLES, TRANSLATIONS
from people.models import Title
from people.services import glossary_title_apply

M = TypeVar("M", bound=models.Model)


class DemoLoader(Protocol):
    """What this module needs of `devdata.demo.loader.DemoLoader` (which imports this module)."""

    def upsert(self, model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> M: ...


# Column suffixes of the translated languages (settings.LANGUAGES "ko", "zh-hans").
LANGUAGES: tuple[str, ...] = ("ko", "zh_hans")

# The translatable fields of each model (issue 10), by the English field that holds the text.
TRANSLATABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "people.Organization": ("name", "abbreviation"),
    "people.Person": ("bio",),
    "events.Source": ("title",),
    "events.EventSeries": ("name",),
    "events.Event": ("title", "summary", "body"),
    "events.Statement": ("text",),
    "issues.Issue": ("title", "summary", "background"),
    "issues.Stance": ("position",),
    "issues.Development": ("summary",),
}


def english_texts() -> dict[str, dict[Any, dict[str, str]]]:
    """Every demo item's English text in each translatable field, keyed as TRANSLATIONS.

    Items and fields without English text are left out: there is nothing to translate. Every demo
    item is published (the loader publishes each publishable row), so this is the list of what
    must be translated.
    """
    texts: dict[str, dict[Any, dict[str, str]]] = {label: {} for label in TRANSLATABLE_FIELDS}

    def add(label: str, key: Any, row: dict[str, Any]) -> None:
        fields = {
            field: row[field] for field in TRANSLATABLE_FIELDS[label] if row.get(field, "").strip()
        }
        if fields:
            texts[label][key] = fields

    for row in data_people.ORGANIZATIONS:
        add("people.Organization", row["slug"], row)
    for row in data_people.PEOPLE:
        add("people.Person", row["slug"], row)
    for key, row in data_events.SOURCES.items():
        add("events.Source", key, row)
    for row in data_events.SERIES:
        add("events.EventSeries", row["slug"], row)
    for row in data_events.EVENTS:
        add("events.Event", row["slug"], row)
    for row in data_events.STATEMENTS:
        add("events.Statement", (row["speaker"], row["event"], row["said"]), row)
    for row in data_issues.ISSUES:
        add("issues.Issue", row["slug"], row)
        for stance in row["stances"]:
            add("issues.Stance", (row["slug"], stance["country"], stance["as_of"]), stance)
        for development in row["developments"]:
            add("issues.Development", (row["slug"], development["happened"]), development)
    return texts


def position_title_keys() -> set[tuple[str, str]]:
    """Every (English title, country) the demo positions and participations use."""
    countries = {row["slug"]: row.get("country", "") for row in data_people.ORGANIZATIONS}
    keys = {
        (position["title"], countries[position["org"]])
        for person in data_people.PEOPLE
        for position in person["positions"]
    }
    keys |= {
        (part["title"], part["side"])
        for event in data_events.EVENTS
        for part in event["participants"]
    }
    return keys


def translated_column(model: type[models.Model], field: str, language: str) -> str | None:
    """The column holding our translation of `field` in `language`, or None if there is none."""
    for name in (f"translated_{field}_{language}", f"{field}_{language}"):
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        return name
    return None


def _first_day(text: str | None) -> date | None:
    """The stored date of a data-file date string ("2026-Q1" -> 2026-01-01), as the loader's."""
    return FuzzyDate.parse(text).first if text else None


def row_lookup(label: str, key: Any) -> dict[str, Any]:
    """The filter that finds the demo row for `key`: the natural key the loader finds it by."""
    if label == "events.Source":
        return {"title": data_events.SOURCES[key]["title"]}
    if label == "events.Statement":
        speaker, event, said = key
        by_event = {"event__slug": event} if event else {"event__isnull": True}
        return {"speaker__slug": speaker, **by_event, "said_date": _first_day(said)}
    if label == "issues.Stance":
        issue, country, as_of = key
        return {"issue__slug": issue, "country": country, "as_of_date": _first_day(as_of)}
    if label == "issues.Development":
        issue, happened = key
        return {"issue__slug": issue, "happened_date": _first_day(happened)}
    return {"slug": key}


def _values(
    model: type[models.Model], fields: dict[str, dict[str, str]], english: dict[str, str]
) -> Iterator[tuple[str, str]]:
    for field, by_language in fields.items():
        for language, text in by_language.items():
            column = translated_column(model, field, language)
            if column is not None:
                yield column, english[field] if text == KEEP else text


def apply_translations(loader: DemoLoader) -> None:
    """Write every demo translation into its row's translated columns (those that exist)."""
    english = english_texts()
    for label, items in TRANSLATIONS.items():
        model = apps.get_model(label)
        for key, fields in items.items():
            values = dict(_values(model, fields, english[label][key]))
            if values:
                loader.upsert(model, row_lookup(label, key), values)
    apply_position_titles(loader)


def apply_position_titles(loader: DemoLoader) -> None:
    """Translate the job-title glossary (people.Title) from POSITION_TITLES.

    The loader points every demo position at the glossary entry for its (English title, country
    of its organization); one English title can be two entries: "President" is 대통령 / 总统 for
    South Korea and 국가주석 / 国家主席 for China. A glossary entry's save copies its titles onto
    the positions that use it. (Participation titles are in POSITION_TITLES too, keyed by side;
    EventParticipation.title is not translated.)
    """
    columns = {language: translated_column(Title, "name", language) for language in LANGUAGES}
    if not any(columns.values()):
        return
    for title in Title.objects.filter(positions__isnull=False).distinct():
        titles = POSITION_TITLES.get((title.name, title.country.code or ""))
        if titles is None:
            continue
        values = {column: titles[language] for language, column in columns.items() if column}
        title = loader.upsert(Title, {"pk": title.pk}, values)
        # Positions keep copies of their glossary title: bring those that differ up to date.
        stale = [
            position
            for position in title.positions.all()
            if any(getattr(position, f"title_{c[len('name_') :]}") != v for c, v in values.items())
        ]
        if stale:
            glossary_title_apply(title=title)
