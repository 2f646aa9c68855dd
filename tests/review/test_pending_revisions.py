"""Issue 8, finding 2: an Editor's changes to published content wait for a Publisher.

Given a published item, when an Editor saves a change (its fields, inline rows added, changed or
deleted, or a revert), then readers and every door keep the live version, staff see the changes
awaiting review, and a Publisher approves them (live at once, one history entry) or returns them
with a comment the Editor sees.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from events.models import Event, EventCitation, EventParticipation, Statement
from issues.models import Stance
from people.models import Person
from review.models import Revision, RevisionStatus
from sync.models import ChangeLog
from tests.admin_utils import admin_form_data
from tests.factories import IssueFactory, PersonFactory, PersonNameFactory, StanceFactory
from tests.queue_utils import drain

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def review_url(revision: Revision) -> str:
    return reverse("admin:review_revision_change", args=[revision.pk])


def add_participant(data: dict, person, index: int) -> None:
    data[f"participations-{index}-person"] = str(person.pk)
    data[f"participations-{index}-side"] = "CN"
    data[f"participations-{index}-role"] = "guest"
    data[f"participations-{index}-order"] = "0"


def editor_changes_live_event(client, event, newcomer, *, title="Lee–Xi summit in Beijing"):
    """Title changed, a participant added, the statement reworded: what the Editor posts."""
    page = client.get(change_url(event))
    data = admin_form_data(page, title_en=title)
    add_participant(data, newcomer, 1)
    data["statements-0-text"] = "We agreed on a hotline."
    return client.post(change_url(event), data)


def test_editor_change_to_a_live_event_is_held_and_readers_see_the_live_version(
    two_clients, live_event, newcomer
):
    editor, _publisher = two_clients
    public_before = editor.get(live_event.get_absolute_url())  # staff see it as readers do
    journal_before = ChangeLog.objects.count()

    response = editor_changes_live_event(editor, live_event, newcomer)

    assert response.status_code == 302
    live_event.refresh_from_db()
    assert live_event.title == "Lee–Xi summit"
    assert live_event.participations.count() == 1
    assert Statement.objects.get(event=live_event).text == "We agreed."
    assert ChangeLog.objects.count() == journal_before  # the changes feed saw nothing
    anonymous = type(editor)()
    page = anonymous.get(live_event.get_absolute_url())
    assert "in Beijing" not in page.text
    assert "hotline" not in page.text
    api = anonymous.get(f"/api/v1/events/{live_event.slug}/").json()
    assert api["title"] == "Lee–Xi summit"
    assert public_before.status_code == 200
    revision = Revision.objects.get()
    assert revision.status == RevisionStatus.PENDING
    assert revision.changes["parent"]["fields"]["title"] == [
        "Lee–Xi summit",
        "Lee–Xi summit in Beijing",
    ]
    groups = {g["model"]: g for g in revision.changes["children"]}
    assert len(groups["events.eventparticipation"]["added"]) == 1
    assert groups["events.statement"]["changed"][0]["fields"]["text"] == [
        "We agreed.",
        "We agreed on a hotline.",
    ]


def test_publishers_own_edit_of_a_live_event_goes_live_at_once(two_clients, live_event):
    _editor, publisher = two_clients
    page = publisher.get(change_url(live_event))

    publisher.post(change_url(live_event), admin_form_data(page, title_en="Renamed by publisher"))

    live_event.refresh_from_db()
    assert live_event.title == "Renamed by publisher"
    assert not Revision.objects.exists()


def test_editor_edit_of_a_draft_is_saved_directly(two_clients, live_event):
    editor, _publisher = two_clients
    Event.objects.filter(pk=live_event.pk).update(editorial_status="draft")
    page = editor.get(change_url(live_event))

    editor.post(change_url(live_event), admin_form_data(page, title_en="Draft title"))

    live_event.refresh_from_db()
    assert live_event.title == "Draft title"
    assert not Revision.objects.exists()


def test_editor_can_remove_a_row_of_a_live_event_for_review(two_clients, live_event):
    editor, _publisher = two_clients
    page = editor.get(change_url(live_event))
    assert "citations-0-DELETE" in page.text

    editor.post(change_url(live_event), admin_form_data(page, **{"citations-0-DELETE": "on"}))

    assert EventCitation.objects.filter(event=live_event).count() == 1
    (group,) = Revision.objects.get().changes["children"]
    assert group["model"] == "events.eventcitation"
    assert len(group["deleted"]) == 1


def test_staff_see_changes_awaiting_review_on_the_item(two_clients, live_event, newcomer):
    editor, publisher = two_clients
    editor_changes_live_event(editor, live_event, newcomer)

    for client in (editor, publisher):
        page = client.get(change_url(live_event))
        assert "Changes awaiting review" in page.text
        assert review_url(Revision.objects.get()) in page.text


def test_editor_reopening_sees_their_pending_changes_in_the_form(two_clients, live_event, newcomer):
    editor, publisher = two_clients
    editor_changes_live_event(editor, live_event, newcomer)

    page = editor.get(change_url(live_event))

    assert page.context["adminform"].form["title_en"].value() == "Lee–Xi summit in Beijing"
    formsets = {f.formset.prefix: f.formset for f in page.context["inline_admin_formsets"]}
    persons = [f["person"].value() for f in formsets["participations"].forms]
    assert newcomer.pk in persons
    assert formsets["statements"].forms[0]["text"].value() == "We agreed on a hotline."
    # A Publisher's form is the live version.
    live_form = publisher.get(change_url(live_event)).context["adminform"].form
    assert live_form["title_en"].value() == "Lee–Xi summit"


def test_publisher_sees_the_diff_with_child_rows_and_human_labels(
    two_clients, live_event, newcomer
):
    editor, publisher = two_clients
    editor_changes_live_event(editor, live_event, newcomer)

    page = publisher.get(review_url(Revision.objects.get()))

    assert page.status_code == 200
    text = page.text
    assert "Title" in text
    assert "Lee–Xi summit in Beijing" in text
    assert "Added" in text
    assert "Wang Yi" in text
    assert "Changed" in text
    assert "We agreed on a hotline." in text
    assert "Approve and publish" in text


def test_approving_makes_the_changes_live_in_one_history_entry(two_clients, live_event, newcomer):
    editor, publisher = two_clients
    editor_changes_live_event(editor, live_event, newcomer)
    revision = Revision.objects.get()
    history_before = live_event.history.count()

    response = publisher.post(review_url(revision), {"_approve": "1"})

    assert response.status_code == 302
    live_event.refresh_from_db()
    assert live_event.title == "Lee–Xi summit in Beijing"
    assert set(live_event.participations.values_list("person__display_name", flat=True)) == {
        "Lee Jae-myung",
        "Wang Yi",
    }
    assert Statement.objects.get(event=live_event).text == "We agreed on a hotline."
    assert live_event.history.count() == history_before + 1
    assert live_event.history.first().history_user.username == "pub"
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.APPROVED
    page = type(editor)().get(live_event.get_absolute_url())
    assert "in Beijing" in page.text
    assert "hotline" in page.text
    assert ChangeLog.objects.filter(object_type="event", object_id=live_event.pk).exists()


def test_an_editor_cannot_approve(two_clients, live_event, newcomer):
    editor, _publisher = two_clients
    editor_changes_live_event(editor, live_event, newcomer)
    revision = Revision.objects.get()

    editor.post(review_url(revision), {"_approve": "1"})

    live_event.refresh_from_db()
    assert live_event.title == "Lee–Xi summit"
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.PENDING


def test_returned_changes_show_the_comment_and_can_be_fixed_and_resubmitted(
    two_clients, live_event, newcomer
):
    editor, publisher = two_clients
    editor_changes_live_event(editor, live_event, newcomer)
    first = Revision.objects.get()

    publisher.post(review_url(first), {"_return": "1", "comment": "Beijing? It was in Seoul."})

    first.refresh_from_db()
    assert first.status == RevisionStatus.RETURNED
    item = editor.get(change_url(live_event))
    assert "Beijing? It was in Seoul." in item.text
    assert "Beijing? It was in Seoul." in editor.get(reverse("admin:index")).text
    # The form still holds the changes; the editor fixes the title and saves again.
    data = admin_form_data(item, title_en="Lee–Xi summit in Seoul")
    editor.post(change_url(live_event), data)
    first.refresh_from_db()
    assert first.status == RevisionStatus.SUPERSEDED
    second = Revision.objects.get(status=RevisionStatus.PENDING)
    assert second.changes["parent"]["fields"]["title"][1] == "Lee–Xi summit in Seoul"
    groups = {g["model"] for g in second.changes["children"]}
    assert {"events.eventparticipation", "events.statement"} <= groups  # still carried
    publisher.post(review_url(second), {"_approve": "1"})
    live_event.refresh_from_db()
    assert live_event.title == "Lee–Xi summit in Seoul"
    assert live_event.participations.count() == 2


def test_return_needs_a_comment(two_clients, live_event, newcomer):
    editor, publisher = two_clients
    editor_changes_live_event(editor, live_event, newcomer)
    revision = Revision.objects.get()

    response = publisher.post(review_url(revision), {"_return": "1", "comment": " "})

    assert response.status_code == 409
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.PENDING


def test_approving_after_the_publisher_changed_the_same_field_is_refused(
    two_clients, live_event, newcomer
):
    editor, publisher = two_clients
    editor_changes_live_event(editor, live_event, newcomer)
    page = publisher.get(change_url(live_event))
    publisher.post(change_url(live_event), admin_form_data(page, title_en="Publisher's title"))

    response = publisher.post(review_url(Revision.objects.get()), {"_approve": "1"})

    assert response.status_code == 409
    assert "Title" in response.text
    live_event.refresh_from_db()
    assert live_event.title == "Publisher's title"
    assert live_event.participations.count() == 1  # nothing of the revision was applied
    assert Revision.objects.get().status == RevisionStatus.PENDING


def test_approving_after_an_unrelated_live_edit_keeps_both(two_clients, live_event, newcomer):
    editor, publisher = two_clients
    editor_changes_live_event(editor, live_event, newcomer)
    page = publisher.get(change_url(live_event))
    publisher.post(change_url(live_event), admin_form_data(page, summary_en="Publisher's summary"))

    publisher.post(review_url(Revision.objects.get()), {"_approve": "1"})

    live_event.refresh_from_db()
    assert live_event.title == "Lee–Xi summit in Beijing"
    assert live_event.summary == "Publisher's summary"


def test_review_request_and_return_are_emailed_after_commit(
    two_clients, live_event, newcomer, django_capture_on_commit_callbacks
):
    editor, publisher = two_clients
    with django_capture_on_commit_callbacks(execute=True):
        editor_changes_live_event(editor, live_event, newcomer)
    assert [m.to for m in mail.outbox] == [["pub@example.org"]]
    assert "Lee–Xi summit" in mail.outbox[0].subject

    with django_capture_on_commit_callbacks(execute=True):
        publisher.post(review_url(Revision.objects.get()), {"_return": "1", "comment": "Fix it."})
    assert mail.outbox[-1].to == ["ed@example.org"]
    assert "Fix it." in mail.outbox[-1].body


def test_editor_alias_on_a_live_person_is_searchable_only_after_approval(two_clients):
    editor, publisher = two_clients
    person = PersonFactory(display_name="Cho Hyun")
    page = editor.get(change_url(person))
    data = admin_form_data(page)
    data["other_names-0-name"] = "Jo Hyeon"
    data["other_names-0-kind"] = "romanization"
    editor.post(change_url(person), data)

    assert not Person.objects.search("Jo Hyeon").exists()
    publisher.post(review_url(Revision.objects.get()), {"_approve": "1"})
    assert Person.objects.search("Jo Hyeon").filter(pk=person.pk).exists()


def test_editor_change_to_a_live_issue_stance_is_held(two_clients):
    editor, publisher = two_clients
    stance = StanceFactory(issue=IssueFactory(), position="Opposes it.")
    page = editor.get(change_url(stance.issue))

    editor.post(
        change_url(stance.issue), admin_form_data(page, **{"stances-0-position_en": "Accepts it."})
    )

    stance.refresh_from_db()
    assert stance.position == "Opposes it."
    publisher.post(review_url(Revision.objects.get()), {"_approve": "1"})
    assert Stance.objects.get(pk=stance.pk).position == "Accepts it."


def test_editor_revert_of_a_live_event_is_held_and_restores_child_rows(
    two_clients, live_event, newcomer
):
    editor, publisher = two_clients
    first_record = live_event.history.order_by("history_date").last()
    # Later the publisher renamed it and added a participant (live at once).
    page = publisher.get(change_url(live_event))
    data = admin_form_data(page, title_en="Renamed")
    add_participant(data, newcomer, 1)
    publisher.post(change_url(live_event), data)
    assert live_event.participations.count() == 2
    revert_url = reverse(
        "admin:events_event_simple_history", args=[live_event.pk, first_record.history_id]
    )

    page = editor.get(revert_url)
    editor.post(revert_url, admin_form_data(page))

    live_event.refresh_from_db()
    assert live_event.title == "Renamed"
    assert live_event.participations.count() == 2
    revision = Revision.objects.get()
    assert revision.changes["parent"]["fields"]["title"] == ["Renamed", "Lee–Xi summit"]
    (group,) = [g for g in revision.changes["children"] if g["model"].endswith("participation")]
    assert len(group["deleted"]) == 1
    publisher.post(review_url(revision), {"_approve": "1"})
    live_event.refresh_from_db()
    assert live_event.title == "Lee–Xi summit"
    assert list(live_event.participations.values_list("person__display_name", flat=True)) == [
        "Lee Jae-myung"
    ]


def test_publisher_revert_restores_child_rows_live(two_clients, live_event, newcomer):
    _editor, publisher = two_clients
    first_record = live_event.history.order_by("history_date").last()
    page = publisher.get(change_url(live_event))
    data = admin_form_data(page)
    add_participant(data, newcomer, 1)
    publisher.post(change_url(live_event), data)
    revert_url = reverse(
        "admin:events_event_simple_history", args=[live_event.pk, first_record.history_id]
    )

    page = publisher.get(revert_url)
    publisher.post(revert_url, admin_form_data(page))

    assert EventParticipation.objects.filter(event=live_event).count() == 1
    assert not Revision.objects.exists()


def test_nothing_changed_makes_no_revision(two_clients, live_event):
    editor, _publisher = two_clients
    page = editor.get(change_url(live_event))

    editor.post(change_url(live_event), admin_form_data(page))

    assert not Revision.objects.exists()


def test_other_names_row_of_a_live_person_held(two_clients):
    editor, _publisher = two_clients
    name = PersonNameFactory(person=PersonFactory(), name="Old romanization")
    page = editor.get(change_url(name.person))

    editor.post(change_url(name.person), admin_form_data(page, **{"other_names-0-name": "New one"}))

    name.refresh_from_db()
    assert name.name == "Old romanization"
    assert Revision.objects.get().changes["children"][0]["model"] == "people.personname"


def test_review_email_waits_for_the_worker_not_the_request(
    two_clients, live_event, newcomer, django_capture_on_commit_callbacks, task_queue
):
    editor, _publisher = two_clients
    with django_capture_on_commit_callbacks(execute=True):
        editor_changes_live_event(editor, live_event, newcomer)
    assert mail.outbox == []  # the request only queued it
    assert task_queue.pending_count() == 1

    assert drain(task_queue) == 1
    assert [m.to for m in mail.outbox] == [["pub@example.org"]]
