"""The demo dataset in Korean and Simplified Chinese (data_translations, applied by load_demo)."""

from __future__ import annotations

import re
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from devdata.demo.data_translations import KEEP, POSITION_TITLES, TRANSLATIONS
from devdata.demo.translations import (
    LANGUAGES,
    english_texts,
    position_title_keys,
    row_lookup,
    translated_column,
)
from events.models import Event
from people.models import Position

HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
HAN = re.compile(r"[\u4e00-\u9fff]")
TAG = re.compile(r"</?[a-z][^>]*>")

ENGLISH = english_texts()


def translations() -> list[tuple[str, Any, str, str, str]]:
    """(model, key, field, language, text) for every translation in the data file."""
    return [
        (label, key, field, language, text)
        for label, items in TRANSLATIONS.items()
        for key, fields in items.items()
        for field, by_language in fields.items()
        for language, text in by_language.items()
    ]


WRITTEN = [row for row in translations() if row[4] != KEEP]


def test_every_translation_is_for_a_demo_item_and_field_with_english_text() -> None:
    unknown = [
        (label, key, field)
        for label, key, field, _language, _text in translations()
        if field not in ENGLISH.get(label, {}).get(key, {})
    ]

    assert unknown == []


def test_translations_are_only_in_korean_and_chinese() -> None:
    assert {language for *_, language, _text in translations()} == set(LANGUAGES)


def test_every_demo_item_with_english_text_is_translated_into_both_languages() -> None:
    missing = [
        (label, key, field, language)
        for label, items in ENGLISH.items()
        for key, fields in items.items()
        for field in fields
        for language in LANGUAGES
        if not TRANSLATIONS.get(label, {}).get(key, {}).get(field, {}).get(language)
    ]

    assert missing == []


def test_no_translation_is_blank_or_the_english() -> None:
    bad = [
        (label, key, field, language)
        for label, key, field, language, text in WRITTEN
        if not text.strip() or text.strip() == ENGLISH[label][key][field].strip()
    ]

    assert bad == []


def test_english_is_kept_only_for_organization_names_and_abbreviations() -> None:
    kept = {
        (label, field) for label, _key, field, _language, text in translations() if text == KEEP
    }

    assert kept <= {("people.Organization", "name"), ("people.Organization", "abbreviation")}


def is_in_its_script(language: str, text: str) -> bool:
    if language == "ko":
        return bool(HANGUL.search(text))
    return bool(HAN.search(text)) and not HANGUL.search(text)


def test_korean_is_written_in_hangul_and_chinese_in_han_without_hangul() -> None:
    bad = [
        (label, key, field, language, text)
        for label, key, field, language, text in WRITTEN
        if not is_in_its_script(language, text)
    ]

    assert bad == []


def test_translation_keeps_the_markup_of_the_english() -> None:
    bad = [
        (label, key, field, language)
        for label, key, field, language, text in WRITTEN
        if TAG.findall(text) != TAG.findall(ENGLISH[label][key][field])
    ]

    assert bad == []


def test_every_demo_job_title_is_in_the_glossary_and_nothing_else() -> None:
    assert set(POSITION_TITLES) == position_title_keys()


def test_glossary_titles_are_korean_and_chinese() -> None:
    bad = [
        (key, language)
        for key, titles in POSITION_TITLES.items()
        for language in LANGUAGES
        if not is_in_its_script(language, titles.get(language, ""))
    ]

    assert bad == []


def test_a_chinese_president_and_a_korean_president_are_titled_as_each_government_does() -> None:
    assert POSITION_TITLES[("President", "CN")] == {"ko": "국가주석", "zh_hans": "国家主席"}
    assert POSITION_TITLES[("President", "KR")] == {"ko": "대통령", "zh_hans": "总统"}


# --- loaded into the database (needs the translated columns of django-modeltranslation)

requires_columns = pytest.mark.skipif(
    translated_column(Event, "title", "ko") is None,
    reason="no translated columns (Event.title_ko) yet: django-modeltranslation comes with "
    "the i18n-content branch; apply_translations is a no-op until then",
)


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def _demo_loaded_once(django_db_setup, django_db_blocker):
    """Load the dataset once for this module, rolled back at its end (as in test_load_demo)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded_once, db) -> None:
    """The demo dataset, loaded."""


def stored_translations() -> list[tuple[str, Any, str, str, str]]:
    """(model, key, field, language, text) for every translation, as the database holds them."""
    rows = []
    for label, key, field, language, _text in translations():
        model = apps.get_model(label)
        obj = model.objects.get(**row_lookup(label, key))
        rows.append(
            (label, key, field, language, getattr(obj, translated_column(model, field, language)))
        )
    return rows


@requires_columns
@pytest.mark.django_db
def test_load_demo_stores_every_translation(demo) -> None:
    expected = [
        (label, key, field, language, ENGLISH[label][key][field] if text == KEEP else text)
        for label, key, field, language, text in translations()
    ]

    assert stored_translations() == expected


@requires_columns
@pytest.mark.django_db
def test_second_load_writes_no_translation_again(demo) -> None:
    output = load_demo()

    assert "(0 created, 0 updated)" in output


@pytest.mark.skipif(
    translated_column(Position, "title", "ko") is None,
    reason="Position.title is not translated yet (i18n-content branch)",
)
@pytest.mark.django_db
def test_positions_take_their_titles_from_the_glossary(demo) -> None:
    xi = Position.objects.get(
        person__slug="xi-jinping", organization__slug="cn-office-of-the-president"
    )
    lee = Position.objects.get(person__slug="lee-jae-myung")

    assert (xi.title_ko, xi.title_zh_hans) == ("국가주석", "国家主席")
    assert (lee.title_ko, lee.title_zh_hans) == ("대통령", "总统")
