"""Translatable content: one column per language, English the source, history keeps them all."""

from __future__ import annotations

import pytest
from django.utils import translation

from core.translation_fields import column, displayed, registered, translations_of
from events.models import Event, Source, Statement
from issues.models import Development, Issue, Stance
from people.models import Organization, Person, Position, Title
from tests.factories import EventFactory, PersonFactory, PositionFactory, TitleFactory

pytestmark = pytest.mark.django_db


def test_every_translatable_field_the_issue_names_is_registered() -> None:
    fields = {model: set(names) for model, names in registered().items()}
    assert fields[Event] == {"title", "summary", "body"}
    assert fields[Person] == {"bio"}
    assert fields[Organization] == {"name", "abbreviation"}
    assert fields[Issue] == {"title", "summary", "background"}
    assert fields[Stance] == {"position"}
    assert fields[Development] == {"summary"}
    assert fields[Title] == {"name"}
    assert fields[Source] == {"translated_title"}
    assert fields[Statement] == {"translated_text"}


def test_a_new_event_keeps_its_english_text_in_the_english_column() -> None:
    event = EventFactory(title="Foreign ministers meet")
    event.refresh_from_db()
    assert event.title_en == "Foreign ministers meet"
    assert event.title_ko is None


def test_an_event_reads_in_the_active_language_and_falls_back_to_english() -> None:
    event = EventFactory(title="Foreign ministers meet")
    event.title_ko = "외교장관 회담"
    event.save()
    with translation.override("ko"):
        assert Event.objects.get(pk=event.pk).title == "외교장관 회담"
    with translation.override("zh-hans"):
        assert Event.objects.get(pk=event.pk).title == "Foreign ministers meet"
        shown = displayed(event, "title")
    assert shown.fallback
    assert shown.language == "en"


def test_history_records_every_language() -> None:
    event = EventFactory(title="Foreign ministers meet")
    event.title_zh_hans = "外长会晤"
    event.save()
    record = event.history.latest()
    assert record.title_zh_hans == "外长会晤"
    assert record.title_en == "Foreign ministers meet"


def test_translations_of_lists_every_language_with_none_for_missing() -> None:
    event = EventFactory(title="Talks", summary="Short")
    event.title_ko = "회담"
    assert translations_of(event, ("title",)) == {
        "en": {"title": "Talks"},
        "ko": {"title": "회담"},
        "zh-hans": {"title": None},
    }
    assert column("title", "zh-hans") == "title_zh_hans"


def test_a_position_takes_its_title_in_every_language_from_the_glossary() -> None:
    minister = TitleFactory(name="Minister of Foreign Affairs")
    minister.name_ko = "외교부 장관"
    minister.name_zh_hans = "外交部长"
    minister.save()
    position = PositionFactory(person=PersonFactory(), title="", glossary_title=minister)
    position.refresh_from_db()
    assert position.title == "Minister of Foreign Affairs"
    with translation.override("ko"):
        assert Position.objects.get(pk=position.pk).title == "외교부 장관"
    with translation.override("zh-hans"):
        assert Position.objects.get(pk=position.pk).title == "外交部长"


def test_a_position_without_a_glossary_entry_keeps_its_free_text_title() -> None:
    position = PositionFactory(title="Special Envoy")
    with translation.override("ko"):
        assert Position.objects.get(pk=position.pk).title == "Special Envoy"
