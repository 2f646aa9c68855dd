"""Issue 8, finding 9: Editors delete child rows of the records they may edit.

Participants, citations, statements, positions, other names, identifiers, stances and
developments are rows of a publishable record. An Editor removes a wrong one from a record that
is not live; the deletion is a revision in the history like any other save. A live (published)
record's rows are not deleted by an Editor directly: that change waits for a Publisher.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.editorial import EditorialStatus
from events.models import EventCitation, EventParticipation, Statement
from issues.models import Development, Stance
from people.models import PersonIdentifier, PersonName, Position
from tests import factories as f
from tests.admin_utils import admin_form_data

pytestmark = pytest.mark.django_db

CHILD_MODELS = [
    EventParticipation,
    EventCitation,
    Statement,
    Position,
    PersonName,
    PersonIdentifier,
    Stance,
    Development,
]


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def delete_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])


def inline_prefix(page, model) -> tuple[str, int]:
    """The formset prefix of `model`'s inline and the index of its first row."""
    for inline in page.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset.prefix, 0
    raise AssertionError(f"no inline for {model}")


@pytest.mark.parametrize("model", CHILD_MODELS, ids=lambda m: m._meta.model_name)
def test_editors_hold_the_delete_permission_of_child_rows(editor, model):
    assert editor.has_perm(f"{model._meta.app_label}.delete_{model._meta.model_name}")


def test_editors_still_cannot_delete_publishable_records(editor):
    for label in ["events.delete_event", "people.delete_person", "issues.delete_issue"]:
        assert not editor.has_perm(label)


def test_editor_deletes_a_participant_of_a_draft_event_and_history_records_it(editor_client):
    event = f.EventFactory(editorial_status=EditorialStatus.DRAFT)
    wrong = f.EventParticipationFactory(event=event)
    right = f.EventParticipationFactory(event=event)
    page = editor_client.get(change_url(event))
    formset = page.context["inline_admin_formsets"][0].formset
    assert formset.model is EventParticipation
    assert formset.can_delete
    rows = {form.instance.pk: n for n, form in enumerate(formset.forms)}

    data = admin_form_data(page)
    data[f"{formset.prefix}-{rows[wrong.pk]}-DELETE"] = "on"
    response = editor_client.post(change_url(event), data)

    assert response.status_code == 302
    assert list(event.participations.all()) == [right]
    deleted = EventParticipation.history.get(id=wrong.pk, history_type="-")
    assert deleted.history_user.username == "editor"


def test_editor_deletes_a_statement_of_a_draft_event_on_its_own_page(editor_client):
    event = f.EventFactory(editorial_status=EditorialStatus.DRAFT)
    statement = f.StatementFactory(event=event)

    response = editor_client.post(delete_url(statement), {"post": "yes"})

    assert response.status_code == 302
    assert not Statement.objects.filter(pk=statement.pk).exists()
    assert Statement.history.get(id=statement.pk, history_type="-").history_user.username == (
        "editor"
    )


def test_editor_deletes_a_stance_and_a_development_of_a_draft_issue(editor_client):
    issue = f.IssueFactory(editorial_status=EditorialStatus.DRAFT)
    stance = f.StanceFactory(issue=issue)
    development = f.DevelopmentFactory(issue=issue)
    page = editor_client.get(change_url(issue))
    data = admin_form_data(page)
    for model in (Stance, Development):
        prefix, row = inline_prefix(page, model)
        data[f"{prefix}-{row}-DELETE"] = "on"

    response = editor_client.post(change_url(issue), data)

    assert response.status_code == 302
    assert not Stance.objects.filter(pk=stance.pk).exists()
    assert not Development.objects.filter(pk=development.pk).exists()


def test_editor_deletes_an_other_name_and_a_position_of_a_draft_person(editor_client):
    person = f.PersonFactory(editorial_status=EditorialStatus.DRAFT)
    name = f.PersonNameFactory(person=person)
    position = f.PositionFactory(person=person)
    page = editor_client.get(change_url(person))
    data = admin_form_data(page)
    for model in (PersonName, Position):
        prefix, row = inline_prefix(page, model)
        data[f"{prefix}-{row}-DELETE"] = "on"

    response = editor_client.post(change_url(person), data)

    assert response.status_code == 302
    assert not PersonName.objects.filter(pk=name.pk).exists()
    assert not Position.objects.filter(pk=position.pk).exists()


def test_editor_deletes_a_citation_of_a_draft_statement_page(editor_client):
    event = f.EventFactory(editorial_status=EditorialStatus.DRAFT)
    statement = f.StatementFactory(event=event)
    citation = statement.citations.create(source=f.SourceFactory())

    response = editor_client.post(delete_url(citation), {"post": "yes"})

    assert response.status_code == 302
    assert not statement.citations.exists()


def test_editor_does_not_delete_rows_of_a_live_event_directly(editor_client):
    # An Editor's deletion of a live record's row is part of a pending revision (review app):
    # offered, held for a Publisher, and the row stays live meanwhile.
    from review.models import Revision

    event = f.EventFactory()  # published
    participation = f.EventParticipationFactory(event=event)
    page = editor_client.get(change_url(event))
    formset = page.context["inline_admin_formsets"][0].formset
    assert formset.can_delete
    data = admin_form_data(page)
    data[f"{formset.prefix}-0-DELETE"] = "on"

    editor_client.post(change_url(event), data)
    response = editor_client.post(delete_url(participation), {"post": "yes"})

    assert response.status_code == 302  # sent to the event, whose changes await review
    assert EventParticipation.objects.filter(pk=participation.pk).exists()
    (group,) = Revision.objects.get().changes["children"]
    assert [row["pk"] for row in group["deleted"]] == [participation.pk]


def test_publisher_deletes_rows_of_a_live_event(publisher_client):
    event = f.EventFactory()
    participation = f.EventParticipationFactory(event=event)

    response = publisher_client.post(delete_url(participation), {"post": "yes"})

    assert response.status_code == 302
    assert not EventParticipation.objects.filter(pk=participation.pk).exists()


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm per-process caches, as a running site has
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("parent_factory", "row_factories"),
    [
        (f.EventFactory, [f.EventParticipationFactory, f.StatementFactory, f.EventCitationFactory]),
        (f.PersonFactory, [f.PersonNameFactory, f.PositionFactory]),
        (f.IssueFactory, [f.StanceFactory, f.DevelopmentFactory]),
    ],
    ids=["event", "person", "issue"],
)
def test_change_pages_with_deletable_rows_cost_the_same_at_5_and_50_rows(
    editor_client, parent_factory, row_factories
):
    parent = parent_factory(editorial_status=EditorialStatus.DRAFT)
    key = parent._meta.model_name  # each row factory's parent field: event, person, issue
    for factory in row_factories:
        factory.create_batch(5, **{key: parent})
    at_five = _queries(editor_client, change_url(parent))
    for factory in row_factories:
        factory.create_batch(45, **{key: parent})
    at_fifty = _queries(editor_client, change_url(parent))
    assert at_fifty == at_five
