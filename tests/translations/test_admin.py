"""Translators in the admin: language fieldsets, the status filter, the matrix and the queue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from issues.models import Issue
from review.models import Revision
from tests.admin_utils import admin_form_data, change_url
from tests.factories import EventFactory, IssueFactory, StanceFactory, publisher_user
from translations.models import TranslationMark, TranslationStatus
from translations.services import with_status

pytestmark = pytest.mark.django_db

MATRIX = "admin:translations_translationmark_changelist"


def of(model: type) -> dict:
    return {"content_type": ContentType.objects.get_for_model(model)}


def queue_url(language: str) -> str:
    return reverse("admin:translations_queue", args=[language])


def translated(event: Event) -> Event:
    event.title_ko, event.title_zh_hans = "회담", "会谈"
    event.summary_ko, event.summary_zh_hans = "만났다.", "会面。"
    event.save()
    return event


def ko_status(event: Event) -> str:
    return with_status(Event.objects.filter(pk=event.pk)).get().status_ko


def test_the_change_form_has_a_fieldset_per_language(editor_client):
    event = EventFactory()
    page = editor_client.get(change_url(event))
    names = [fieldset.name for fieldset in page.context["adminform"]]
    assert "한국어" in names
    assert "中文" in names
    html = page.content.decode()
    assert 'name="title_ko"' in html
    assert 'lang="ko"' in html
    assert 'name="summary_zh_hans"' in html
    assert 'lang="zh-Hans"' in html
    assert 'name="title"' not in html  # the language columns, never the active language's


def test_inline_rows_have_their_language_columns(editor_client):
    issue = IssueFactory()
    StanceFactory(issue=issue)
    html = editor_client.get(change_url(issue)).content.decode()
    assert 'name="stances-0-position_ko"' in html
    assert 'name="stances-0-position_zh_hans"' in html


def test_english_edit_in_the_admin_flags_the_translations_outdated(publisher_client):
    event = translated(EventFactory(title="Talks", summary="They met."))
    page = publisher_client.get(change_url(event))
    publisher_client.post(change_url(event), admin_form_data(page, summary_en="They met twice."))
    assert ko_status(event) == TranslationStatus.OUTDATED


def test_an_editors_english_edit_of_a_live_item_flags_nothing_until_approved(editor_client):
    publisher_client = Client()
    publisher_client.force_login(publisher_user(username="pub", email="pub@example.org"))
    event = translated(EventFactory(title="Talks", summary="They met."))
    page = editor_client.get(change_url(event))
    editor_client.post(change_url(event), admin_form_data(page, summary_en="They met twice."))
    assert ko_status(event) == TranslationStatus.DONE  # held for review: nothing changed yet

    revision = Revision.objects.get()
    review = reverse("admin:review_revision_change", args=[revision.pk])
    publisher_client.post(review, {"_approve": "1"})

    assert ko_status(event) == TranslationStatus.OUTDATED


def test_revert_to_older_english_flags_the_newer_translation(publisher_client):
    event = EventFactory(title="Talks", summary="They met.")
    first = event.history.order_by("history_date").last()
    event.summary_en = "They met twice."
    event.save()
    translated(event)
    url = reverse("admin:events_event_simple_history", args=[event.pk, first.history_id])
    publisher_client.post(url, admin_form_data(publisher_client.get(url)))
    event.refresh_from_db()
    assert event.summary_en == "They met."
    assert not event.summary_ko  # the old revision had no translation: missing
    assert ko_status(event) == TranslationStatus.MISSING


def test_mark_reviewed_action_clears_outdated(publisher_client):
    event = translated(EventFactory(title="Talks", summary="They met."))
    event.summary_en = "They met twice."
    event.save()
    publisher_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "mark_translation_reviewed_ko", "_selected_action": [event.pk]},
    )
    assert ko_status(event) == TranslationStatus.DONE
    mark = TranslationMark.objects.get(object_id=event.pk, language="ko", field="summary")
    assert mark.reviewed_by.username


def test_an_editor_marks_a_live_items_translation_reviewed_and_nothing_public_changes(
    editor_client,
):
    # given a live event whose English changed after its Korean translation was made
    event = translated(EventFactory(title="Talks", summary="They met."))
    event.summary_en = "They met twice."
    event.save()
    korean_page = Client().get(f"/ko{event.get_absolute_url()}").content
    # when an Editor (a translator) checks it and marks the Korean reviewed
    response = editor_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "mark_translation_reviewed_ko", "_selected_action": [event.pk]},
        follow=True,
    )
    # then the flag is cleared, with who marked it, and readers see the same page: the status is
    # staff-only and the mark changes no text (an edit of the translation would be held)
    assert response.status_code == 200
    assert ko_status(event) == TranslationStatus.DONE
    mark = TranslationMark.objects.get(object_id=event.pk, language="ko", field="summary")
    assert mark.reviewed_by.username == "editor"
    assert Client().get(f"/ko{event.get_absolute_url()}").content == korean_page
    assert not Revision.objects.exists()


@pytest.mark.parametrize(
    ("value", "expected"), [("missing", {"bare"}), ("outdated", {"moved"}), ("done", {"ok"})]
)
def test_changelist_filter_by_korean_status(editor_client, value, expected):
    EventFactory(slug="bare")
    translated(EventFactory(slug="ok"))
    moved = translated(EventFactory(slug="moved"))
    moved.title_en = "Moved talks"
    moved.save()
    page = editor_client.get(reverse("admin:events_event_changelist"), {"translation_ko": value})
    assert {e.slug for e in page.context["cl"].result_list} == expected
    assert "Korean" in page.content.decode()


def test_matrix_shows_each_item_and_language_with_its_status(editor_client):
    bare = EventFactory(title="Bare talks")
    moved = translated(EventFactory(title="Moved talks"))
    moved.title_en = "Moved talks, day two"
    moved.title_zh_hans = "第二天会谈"
    moved.save()
    page = editor_client.get(reverse(MATRIX), {"model": "events.event"})
    rows = {row["name"]: [c["status"] for c in row["statuses"]] for row in page.context["rows"]}
    assert rows == {
        "Bare talks": ["missing", "missing"],
        "Moved talks, day two": ["outdated", "done"],
    }
    assert change_url(bare) in page.content.decode()

    page = editor_client.get(
        reverse(MATRIX), {"model": "events.event", "language": "ko", "status": "outdated"}
    )
    assert [row["name"] for row in page.context["rows"]] == ["Moved talks, day two"]


def test_queue_lists_missing_and_outdated_newest_english_change_first(editor_client):
    older = translated(EventFactory(title="Older"))
    translated(EventFactory(title="Done"))
    EventFactory(title="Newer")
    older.title_en = "Older, renamed"
    older.save()
    TranslationMark.objects.filter(object_id=older.pk, language="en", **of(Event)).update(
        changed_at=timezone.now() - dt.timedelta(days=2)
    )
    issue = IssueFactory(title="An issue")
    TranslationMark.objects.filter(object_id=issue.pk, language="en", **of(Issue)).update(
        changed_at=timezone.now() - dt.timedelta(days=1)
    )
    page = editor_client.get(queue_url("ko"))
    names = [(row["name"], row["statuses"][0]["status"]) for row in page.context["rows"]]
    assert names[:3] == [
        ("Newer", "missing"),
        ("An issue", "missing"),
        ("Older, renamed", "outdated"),
    ]
    assert "Done" not in {name for name, _status in names}


def test_admin_home_links_the_matrix_and_the_queues(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert reverse(MATRIX) in html
    assert queue_url("ko") in html
    assert queue_url("zh-hans") in html


def queries(client, url: str, params: dict) -> int:
    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (MATRIX, {"model": "events.event"}),
        (MATRIX, {"model": "events.event", "status": "missing"}),
        ("ko", {}),
        ("zh-hans", {"model": "events.event"}),
    ],
)
def test_matrix_and_queue_queries_do_not_grow_with_rows(editor_client, url, params):
    target = queue_url(url) if url in {"ko", "zh-hans"} else reverse(url)
    EventFactory.create_batch(5)
    at_five = queries(editor_client, target, params)
    EventFactory.create_batch(45)
    at_fifty = queries(editor_client, target, params)
    assert at_fifty == at_five


def test_english_edit_in_an_inline_row_flags_that_rows_translations(publisher_client):
    from issues.models import Stance

    stance = StanceFactory(issue=IssueFactory(), position="Opposes it.")
    stance.position_ko = "반대한다."
    stance.save()
    page = publisher_client.get(change_url(stance.issue))

    publisher_client.post(
        change_url(stance.issue),
        admin_form_data(page, **{"stances-0-position_en": "Accepts it."}),
    )

    row = with_status(Stance.objects.filter(pk=stance.pk)).get()
    assert row.position_en == "Accepts it."
    assert row.status_ko == TranslationStatus.OUTDATED
    assert row.status_zh_hans == TranslationStatus.MISSING
