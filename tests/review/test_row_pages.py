"""Issue 8, finding 2 on every path: a row's own admin page (a statement, another name, a
participant) of a published item holds an Editor's change for review as the item's page does."""

from __future__ import annotations

import pytest
from django.urls import reverse

from events.models import Statement, StatementCitation
from people.models import Person, PersonName
from review.models import Revision, RevisionStatus
from tests.admin_utils import admin_form_data
from tests.factories import PersonFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def approve(publisher, revision: Revision) -> None:
    response = publisher.post(
        reverse("admin:review_revision_change", args=[revision.pk]), {"_approve": "1"}
    )
    assert response.status_code == 302, response.text[:2000]


def test_alias_added_on_the_other_names_page_of_a_live_person_waits_for_review(two_clients):
    editor, publisher = two_clients
    person = PersonFactory(display_name="Wang Yi")

    response = editor.post(
        "/admin/people/personname/add/",
        {"person": person.pk, "name": "王毅", "kind": "native", "language": "zh-Hans"},
    )

    assert response.status_code == 302
    assert response.url == change_url(person)
    assert not PersonName.objects.exists()
    assert not Person.objects.search("王毅").exists()
    approve(publisher, Revision.objects.get())
    assert Person.objects.search("王毅").filter(pk=person.pk).exists()


def test_statement_of_a_live_event_edited_on_its_page_with_a_citation_waits_for_review(
    two_clients, live_event
):
    editor, publisher = two_clients
    statement = Statement.objects.get(event=live_event)
    source = SourceFactory(title="Readout")
    page = editor.get(change_url(statement))
    data = admin_form_data(page, text="We agreed on everything.")
    data["citations-0-source"] = str(source.pk)

    editor.post(change_url(statement), data)

    statement.refresh_from_db()
    assert statement.text == "We agreed."
    assert not StatementCitation.objects.exists()
    revision = Revision.objects.get()
    assert revision.object_id == live_event.pk
    review = publisher.get(reverse("admin:review_revision_change", args=[revision.pk])).text
    assert "We agreed on everything." in review
    assert "Readout" in review
    approve(publisher, revision)
    statement.refresh_from_db()
    assert statement.text == "We agreed on everything."
    assert StatementCitation.objects.get().statement == statement


def test_new_statement_with_a_citation_for_a_live_event_is_added_on_approval(
    two_clients, live_event
):
    editor, publisher = two_clients
    source = SourceFactory()
    speaker = PersonFactory()
    page = editor.get("/admin/events/statement/add/")
    data = admin_form_data(
        page,
        speaker=str(speaker.pk),
        event=str(live_event.pk),
        said_date="2026-01-05",
        said_precision="day",
        language="en",
        text="A new statement.",
    )
    data["citations-0-source"] = str(source.pk)

    response = editor.post("/admin/events/statement/add/", data)

    assert response.status_code == 302, response.text[:3000]
    assert not Statement.objects.filter(text="A new statement.").exists()
    approve(publisher, Revision.objects.get())
    added = Statement.objects.get(text="A new statement.")
    assert StatementCitation.objects.get(source=source).statement == added


def test_row_page_refuses_while_the_item_has_changes_awaiting_review(two_clients, live_event):
    editor, _publisher = two_clients
    statement = Statement.objects.get(event=live_event)
    event_page = editor.get(change_url(live_event))
    editor.post(change_url(live_event), admin_form_data(event_page, title_en="Renamed"))
    page = editor.get(change_url(statement))
    assert "await review" in page.text

    response = editor.post(change_url(statement), admin_form_data(page, text="Sneaky"))

    assert response.status_code == 302
    assert response.url == change_url(live_event)
    statement.refresh_from_db()
    assert statement.text == "We agreed."
    assert Revision.objects.get().changes["children"] == []


def cite_from_the_row_page(editor, statement) -> None:
    """An Editor adds a citation on a live event's statement page: held for review."""
    data = admin_form_data(editor.get(change_url(statement)))
    data["citations-0-source"] = str(SourceFactory().pk)
    editor.post(change_url(statement), data)


def test_item_page_keeps_row_citations_pending_from_the_row_page(two_clients, live_event):
    editor, publisher = two_clients
    statement = Statement.objects.get(event=live_event)
    cite_from_the_row_page(editor, statement)
    event_page = editor.get(change_url(live_event))

    editor.post(change_url(live_event), admin_form_data(event_page, title_en="Renamed"))

    pending = Revision.objects.get(status=RevisionStatus.PENDING)
    models = {g["model"] for g in pending.changes["children"]}
    assert "events.statementcitation" in models
    approve(publisher, pending)
    assert StatementCitation.objects.filter(statement=statement).count() == 1
    live_event.refresh_from_db()
    assert live_event.title == "Renamed"


def test_publisher_on_a_row_page_saves_live(two_clients, live_event):
    _editor, publisher = two_clients
    statement = StatementFactory(event=live_event, text="Before")
    page = publisher.get(change_url(statement))

    publisher.post(change_url(statement), admin_form_data(page, text="After"))

    statement.refresh_from_db()
    assert statement.text == "After"
    assert not Revision.objects.exists()


def test_editor_deletes_a_statement_of_a_live_event_on_its_page_for_review(two_clients, live_event):
    editor, publisher = two_clients
    statement = Statement.objects.get(event=live_event)
    StatementCitation.objects.create(statement=statement, source=SourceFactory())
    delete_url = reverse("admin:events_statement_delete", args=[statement.pk])

    response = editor.post(delete_url, {"post": "yes"})

    assert response.status_code == 302, response.text[:2000]
    assert Statement.objects.filter(pk=statement.pk).exists()
    revision = Revision.objects.get()
    groups = {g["model"]: g for g in revision.changes["children"]}
    assert len(groups["events.statement"]["deleted"]) == 1
    approve(publisher, revision)
    assert not Statement.objects.filter(pk=statement.pk).exists()
    assert not StatementCitation.objects.exists()


def test_deleting_a_statement_drops_the_citation_pending_for_it(two_clients, live_event):
    # given an Editor's citation of a live event's statement, pending from the statement's page
    editor, publisher = two_clients
    statement = Statement.objects.get(event=live_event)
    cite_from_the_row_page(editor, statement)
    # when the Editor then deletes that statement on the event's page
    event_page = editor.get(change_url(live_event))
    data = admin_form_data(event_page)
    prefix = next(k[: -len("-0-id")] for k in data if k.endswith("-0-id") and "statement" in k)
    data[f"{prefix}-0-DELETE"] = "on"
    response = editor.post(change_url(live_event), data)
    assert response.status_code == 302, response.text[:2000]
    # then the Publisher approves it: the statement is gone, and the citation with it
    approve(publisher, Revision.objects.get(status=RevisionStatus.PENDING))
    assert not Statement.objects.filter(pk=statement.pk).exists()
    assert not StatementCitation.objects.exists()
