"""An Editor's translation of a published item waits for review like any other edit."""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.test import RequestFactory

from events.models import Event
from review.admin import capture_finish, capture_start
from review.services import revision_approve
from tests.factories import EventFactory, editor_user, publisher_user

pytestmark = pytest.mark.django_db


def test_an_editors_translation_of_a_live_event_is_held_until_a_publisher_approves() -> None:
    event = EventFactory(title="Lee–Xi summit", summary="They met.")
    request = RequestFactory().post("/admin/")
    request.user = editor_user(username="ed", email="ed@example.org")

    # What the admin does around an Editor's save of a published item (review.admin).
    with transaction.atomic():
        capture_start(request, event, [])
        event.title_ko = "이재명–시진핑 정상회담"
        event.save()
        revision = capture_finish(request)

    assert revision is not None
    assert "title_ko" in json.dumps(revision.changes)
    assert Event.objects.get(pk=event.pk).title_ko is None  # readers keep the live version

    publisher = publisher_user(username="pub", email="pub@example.org")
    revision_approve(revision=revision, user=publisher)

    assert Event.objects.get(pk=event.pk).title_ko == "이재명–시진핑 정상회담"


def test_an_unchanged_save_proposes_no_change_to_untranslated_columns() -> None:
    event = EventFactory(title="Talks")
    Event.objects.filter(pk=event.pk).update(body_en=None, summary_ko=None)
    request = RequestFactory().post("/admin/")
    request.user = editor_user(username="ed", email="ed@example.org")
    event = Event.objects.get(pk=event.pk)
    with transaction.atomic():
        capture_start(request, event, [])
        event.body_en = ""
        event.summary_ko = ""
        event.save()
        assert capture_finish(request) is None


def test_a_translation_is_reported_as_an_update_in_the_changes_feed(client, no_settle) -> None:
    event = EventFactory(slug="talks", title="Talks")
    cursor = client.get("/api/v1/changes/").json()["cursor"]

    event.title_zh_hans = "会谈"
    event.save()

    results = client.get(f"/api/v1/changes/?since={cursor}").json()["results"]
    assert [(row["slug"], row["action"]) for row in results] == [("talks", "updated")]


def test_an_editor_with_a_korean_interface_edits_the_english_text(client) -> None:
    from django.conf import settings

    from tests.admin_utils import admin_form_data, change_url

    event = EventFactory(title="Talks", editorial_status="draft")
    client.force_login(editor_user(username="ed", email="ed@example.org"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    page = client.get(change_url(event))
    # The English column is the English column, whatever the interface language.
    assert page.context["adminform"].form.initial["title_en"] == "Talks"
    assert "title" not in page.context["adminform"].form.fields

    data = admin_form_data(page, title_en="Talks in Seoul")
    assert client.post(change_url(event), data).status_code == 302

    event.refresh_from_db()
    assert event.title_en == "Talks in Seoul"
    assert event.title_ko is None
