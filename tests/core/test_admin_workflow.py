"""The editorial workflow in the admin: roles, revisions, revert and edit conflicts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.editorial import EditorialStatus
from events.models import Event
from tests.admin_utils import admin_form_data, change_url
from tests.factories import EventFactory, publisher_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_event():
    return EventFactory(editorial_status=EditorialStatus.DRAFT, title="Lee–Xi summit")


def test_editor_cannot_publish_through_the_bulk_action(editor_client, draft_event):
    changelist = reverse("admin:events_event_changelist")
    page = editor_client.get(changelist)
    assert "publish" not in dict(page.context["action_form"].fields["action"].choices)

    response = editor_client.post(
        changelist, {"action": "publish", "_selected_action": [draft_event.pk]}, follow=True
    )

    draft_event.refresh_from_db()
    assert draft_event.editorial_status == EditorialStatus.DRAFT
    assert response.status_code == 200


def test_editor_sees_only_draft_and_review_in_the_status_field(editor_client, draft_event):
    form = editor_client.get(change_url(draft_event)).context["adminform"].form
    choices = [value for value, _label in form.fields["editorial_status"].choices]
    assert choices == ["draft", "review"]


def test_editor_posting_published_directly_is_refused_with_a_form_error(editor_client, draft_event):
    page = editor_client.get(change_url(draft_event))
    data = admin_form_data(page, editorial_status="published")

    response = editor_client.post(change_url(draft_event), data)

    assert response.status_code == 200
    assert "editorial_status" in response.context["adminform"].form.errors
    draft_event.refresh_from_db()
    assert draft_event.editorial_status == EditorialStatus.DRAFT


def test_editor_cannot_create_an_event_already_published(editor_client):
    page = editor_client.get(reverse("admin:events_event_add"))
    data = admin_form_data(
        page,
        title="New meeting",
        slug="new-meeting",
        kind="ministerial",
        status="held",
        start_date="2026-01-20",
        start_precision="day",
        editorial_status="published",
    )
    response = editor_client.post(reverse("admin:events_event_add"), data)
    assert response.status_code == 200
    assert not Event.objects.filter(slug="new-meeting").exists()


def test_editor_can_submit_for_review(editor_client, draft_event):
    page = editor_client.get(change_url(draft_event))
    response = editor_client.post(
        change_url(draft_event), admin_form_data(page, editorial_status="review")
    )
    assert response.status_code == 302
    draft_event.refresh_from_db()
    assert draft_event.editorial_status == EditorialStatus.REVIEW


def test_editor_cannot_delete(editor_client, draft_event):
    response = editor_client.post(
        reverse("admin:events_event_delete", args=[draft_event.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Event.objects.filter(pk=draft_event.pk).exists()


def test_publisher_publishes_with_the_bulk_action(publisher_client, draft_event):
    publisher_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish", "_selected_action": [draft_event.pk]},
    )
    draft_event.refresh_from_db()
    assert draft_event.editorial_status == EditorialStatus.PUBLISHED
    assert Event.objects.published().filter(pk=draft_event.pk).exists()


def test_publisher_publishes_through_the_form(publisher_client, draft_event):
    page = publisher_client.get(change_url(draft_event))
    response = publisher_client.post(
        change_url(draft_event), admin_form_data(page, editorial_status="published")
    )
    assert response.status_code == 302
    draft_event.refresh_from_db()
    assert draft_event.editorial_status == EditorialStatus.PUBLISHED


def test_every_save_is_a_revision_and_revert_restores_it(editor_client, draft_event):
    page = editor_client.get(change_url(draft_event))
    editor_client.post(change_url(draft_event), admin_form_data(page, title_en="Renamed summit"))
    draft_event.refresh_from_db()
    assert draft_event.title == "Renamed summit"
    history = list(draft_event.history.order_by("history_date"))
    assert [h.title for h in history] == ["Lee–Xi summit", "Renamed summit"]
    assert history[-1].history_user.username == "editor"

    history_page = editor_client.get(reverse("admin:events_event_history", args=[draft_event.pk]))
    assert history_page.status_code == 200
    assert "Renamed summit" in history_page.content.decode()

    revert_url = reverse(
        "admin:events_event_simple_history", args=[draft_event.pk, history[0].history_id]
    )
    revert_page = editor_client.get(revert_url)
    response = editor_client.post(revert_url, admin_form_data(revert_page))

    assert response.status_code == 302
    draft_event.refresh_from_db()
    assert draft_event.title == "Lee–Xi summit"
    assert draft_event.history.count() == 3


def test_editor_cannot_publish_by_reverting_to_a_published_revision(editor_client):
    event = EventFactory(title="Once published")
    published_revision = event.history.get()
    publisher = publisher_user(username="boss")
    event.editorial_status = EditorialStatus.DRAFT
    event._history_user = publisher
    event.save()

    revert_url = reverse(
        "admin:events_event_simple_history", args=[event.pk, published_revision.history_id]
    )
    response = editor_client.post(revert_url, admin_form_data(editor_client.get(revert_url)))

    assert response.status_code == 200
    event.refresh_from_db()
    assert event.editorial_status == EditorialStatus.DRAFT


def test_second_editor_saving_a_stale_form_is_told_and_nothing_is_overwritten(
    client, editor_client, draft_event
):
    other = publisher_user(username="kim")
    client.force_login(other)
    mine = editor_client.get(change_url(draft_event))
    theirs = client.get(change_url(draft_event))

    first = client.post(change_url(draft_event), admin_form_data(theirs, title_en="Their title"))
    assert first.status_code == 302

    second = editor_client.post(change_url(draft_event), admin_form_data(mine, title_en="My title"))

    assert second.status_code == 200
    errors = " ".join(second.context["adminform"].form.non_field_errors())
    assert "kim saved this record at" in errors
    assert "My title" in second.content.decode()  # the editor's text is still in the form
    draft_event.refresh_from_db()
    assert draft_event.title == "Their title"


# Finding 1: publish_at decides when the public sees an item, so it is a publisher's field.


def test_editor_clearing_publish_at_of_a_scheduled_event_leaves_it_hidden(editor_client, client):
    later = timezone.now() + dt.timedelta(days=400)
    event = EventFactory(publish_at=later, slug="scheduled")
    event.editorial_status = EditorialStatus.REVIEW  # an editor may edit it, not schedule it
    event.save()
    page = editor_client.get(change_url(event))
    assert page.context["adminform"].form.fields["publish_at"].disabled

    data = admin_form_data(page)
    data.pop("publish_at_0", None), data.pop("publish_at_1", None)
    data["publish_at"] = ""
    response = editor_client.post(change_url(event), data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.publish_at == later


def test_editor_posting_a_future_publish_at_directly_does_not_hide_a_live_event(editor_client):
    event = EventFactory(editorial_status=EditorialStatus.DRAFT)
    data = admin_form_data(editor_client.get(change_url(event)))
    data["publish_at_0"], data["publish_at_1"] = "2027-01-01", "09:00:00"
    data["publish_at"] = "2027-01-01T09:00:00"
    editor_client.post(change_url(event), data)

    event.refresh_from_db()
    assert event.publish_at is None


def test_publisher_schedules_with_publish_at(publisher_client, draft_event):
    page = publisher_client.get(change_url(draft_event))
    assert not page.context["adminform"].form.fields["publish_at"].disabled
    data = admin_form_data(page, editorial_status="published")
    data["publish_at_0"], data["publish_at_1"] = "2027-01-01", "09:00:00"
    response = publisher_client.post(change_url(draft_event), data)

    assert response.status_code == 302
    draft_event.refresh_from_db()
    assert draft_event.publish_at is not None
    assert not Event.objects.published().filter(pk=draft_event.pk).exists()


# Finding 10: a refused bulk action says so instead of "No action selected."


def test_editor_refused_bulk_publish_is_told_why(editor_client, draft_event):
    response = editor_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish", "_selected_action": [draft_event.pk], "index": "0"},
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["Only publishers can publish, archive or unpublish; nothing was changed."]
    draft_event.refresh_from_db()
    assert draft_event.editorial_status == EditorialStatus.DRAFT


@pytest.mark.parametrize(
    ("client_fixture", "to_status"),
    [("publisher_client", "published"), ("editor_client", "review")],
)
def test_the_change_form_moves_status_through_the_transition_service(
    request, monkeypatch, draft_event, client_fixture, to_status
):
    # One write path per rule: the form, like the bulk actions, calls editorial_transition.
    import core.admin
    import core.services

    calls = []

    def spy(**kwargs):
        calls.append((kwargs["obj"].pk, kwargs["to_status"]))
        return core.services.editorial_transition(**kwargs)

    monkeypatch.setattr(core.admin, "editorial_transition", spy)
    client = request.getfixturevalue(client_fixture)
    page = client.get(change_url(draft_event))

    response = client.post(
        change_url(draft_event),
        admin_form_data(page, editorial_status=to_status, title_en="Edited with the move"),
    )

    assert response.status_code == 302
    assert calls == [(draft_event.pk, to_status)]
    draft_event.refresh_from_db()
    assert (draft_event.editorial_status, draft_event.title) == (to_status, "Edited with the move")
    assert draft_event.version == 2


def test_a_form_save_without_a_status_change_does_not_call_the_service(
    monkeypatch, editor_client, draft_event
):
    import core.admin

    monkeypatch.setattr(core.admin, "editorial_transition", lambda **kwargs: pytest.fail("called"))
    page = editor_client.get(change_url(draft_event))

    response = editor_client.post(
        change_url(draft_event), admin_form_data(page, title_en="Retitled")
    )

    assert response.status_code == 302
    draft_event.refresh_from_db()
    assert (draft_event.title, draft_event.version) == ("Retitled", 2)
