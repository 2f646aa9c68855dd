"""A translation is flagged outdated when the English changes after it was made, until reviewed."""

from __future__ import annotations

from io import StringIO

import pytest

from events.models import Event
from tests.factories import EventFactory, editor_user, publisher_user
from translations.models import TranslationStatus
from translations.services import filter_status, translation_mark_reviewed, with_status

pytestmark = pytest.mark.django_db


def status(event: Event, language: str) -> str:
    row = with_status(Event.objects.filter(pk=event.pk)).get()
    return getattr(row, f"status_{language.replace('-', '_')}")


def translated_event(**kwargs: object) -> Event:
    event = EventFactory(title="Lee–Xi summit", summary="They met.", **kwargs)
    event.title_ko, event.summary_ko = "이재명–시진핑 정상회담", "두 정상이 만났다."
    event.title_zh_hans, event.summary_zh_hans = "李在明与习近平会晤", "两国领导人会面。"
    event.save()
    return event


def test_a_new_translation_is_done_and_an_untranslated_field_is_missing() -> None:
    event = translated_event()
    assert status(event, "ko") == TranslationStatus.DONE
    event.body_en = "A long account."
    event.save()
    assert status(event, "ko") == TranslationStatus.MISSING


def test_an_english_edit_flags_both_translations_outdated() -> None:
    event = translated_event()

    event.summary_en = "They met and signed an accord."
    event.save()

    assert status(event, "ko") == TranslationStatus.OUTDATED
    assert status(event, "zh-hans") == TranslationStatus.OUTDATED


def test_review_clears_the_flag_for_that_language_only() -> None:
    event = translated_event()
    event.summary_en = "They met and signed an accord."
    event.save()

    translation_mark_reviewed(obj=event, language="ko", user=publisher_user())

    assert status(event, "ko") == TranslationStatus.DONE
    assert status(event, "zh-hans") == TranslationStatus.OUTDATED


def test_editing_the_translation_clears_the_flag() -> None:
    event = translated_event()
    event.summary_en = "They met and signed an accord."
    event.save()

    event.summary_zh_hans = "两国领导人会面并签署协议。"
    event.save()

    assert status(event, "zh-hans") == TranslationStatus.DONE


def test_english_changed_back_is_no_longer_outdated() -> None:
    event = translated_event()
    event.summary_en = "Typo."
    event.save()
    event.summary_en = "They met."
    event.save()
    assert status(event, "ko") == TranslationStatus.DONE


def test_an_editor_marks_a_published_items_translation_reviewed() -> None:
    event = translated_event()
    event.summary_en = "They met and signed an accord."
    event.save()
    translation_mark_reviewed(obj=event, language="ko", user=editor_user())
    assert status(event, "ko") == TranslationStatus.DONE


def test_an_editor_marks_a_draft_reviewed() -> None:
    event = translated_event(editorial_status="draft")
    event.summary_en = "They met and signed an accord."
    event.save()
    translation_mark_reviewed(obj=event, language="ko", user=editor_user())
    assert status(event, "ko") == TranslationStatus.DONE


@pytest.mark.parametrize(
    ("language", "wanted", "expected"),
    [
        ("ko", "missing", ["untranslated"]),
        ("ko", "outdated", ["changed"]),
        ("ko", "done", ["translated"]),
        ("zh-hans", "done", ["translated", "changed"]),
    ],
)
def test_filter_status(language: str, wanted: str, expected: list[str]) -> None:
    EventFactory(slug="untranslated", title="Talks")
    translated_event(slug="translated")
    changed = translated_event(slug="changed")
    changed.title_en = "Lee–Xi summit in Gyeongju"
    changed.save()
    changed.title_zh_hans = "李在明与习近平在庆州会晤"
    changed.save()

    found = filter_status(Event.objects.all(), language, wanted)

    assert sorted(e.slug for e in found) == sorted(expected)


def test_load_demo_leaves_no_translation_outdated() -> None:
    from django.core.management import call_command

    from core.translation_fields import registered
    from translations.services import TARGET_LANGUAGES

    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())  # a second run changes nothing either

    for model in registered():
        for language in TARGET_LANGUAGES:
            outdated = filter_status(model.objects.all(), language, TranslationStatus.OUTDATED)
            assert not outdated.exists(), (model, language)


def test_reviewing_a_glossary_title_reviews_the_positions_using_it() -> None:
    from people.models import Position, Title
    from tests.factories import PositionFactory, TitleFactory

    title = TitleFactory(name="Foreign Minister")
    title.name_ko = "외교부 장관"
    title.save()
    position = PositionFactory(glossary_title=title)
    title.name_en = "Minister of Foreign Affairs"
    title.save()
    position.save()  # copies the glossary's wording, as glossary_title_apply does
    assert filter_status(Position.objects.all(), "ko", TranslationStatus.OUTDATED).exists()

    translation_mark_reviewed(obj=title, language="ko", user=publisher_user())

    assert filter_status(Title.objects.all(), "ko", TranslationStatus.DONE).exists()
    assert filter_status(Position.objects.all(), "ko", TranslationStatus.DONE).get() == position
