"""Every model's changelist, add and change pages render for an Editor, in constant queries."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.content import content_models
from tests import factories as f

pytestmark = pytest.mark.django_db

FACTORIES = {
    "people.organization": f.OrganizationFactory,
    "people.person": f.PersonFactory,
    "people.personname": f.PersonNameFactory,
    "people.personidentifier": None,
    "people.position": f.PositionFactory,
    "people.title": f.TitleFactory,
    "events.source": f.SourceFactory,
    "events.event": f.EventFactory,
    "events.eventseries": f.EventSeriesFactory,
    "events.eventcitation": f.EventCitationFactory,
    "events.eventparticipation": f.EventParticipationFactory,
    "events.statement": f.StatementFactory,
    "events.statementcitation": None,
    "issues.issue": f.IssueFactory,
    "issues.stance": f.StanceFactory,
    "issues.stancecitation": None,
    "issues.development": f.DevelopmentFactory,
    "issues.developmentcitation": None,
}
LABELS = [model._meta.label_lower for model in content_models()]


def make_rows(label: str, count: int) -> list:
    """`count` rows of the model, each with its own related objects."""
    factory = FACTORIES.get(label)
    if factory is not None:
        return factory.create_batch(count)
    model = apps.get_model(label)
    if label == "people.personidentifier":
        start = model.objects.count()
        return [
            model.objects.create(
                person=f.PersonFactory(), scheme="wikidata", value=f"Q{start + n + 1}"
            )
            for n in range(count)
        ]
    parent_field = {
        "events.statementcitation": ("statement", f.StatementFactory),
        "issues.stancecitation": ("stance", f.StanceFactory),
        "issues.developmentcitation": ("development", f.DevelopmentFactory),
    }[label]
    name, parent_factory = parent_field
    return [
        model.objects.create(**{name: parent_factory()}, source=f.SourceFactory())
        for _ in range(count)
    ]


def admin_url(label: str, view: str, *args: object) -> str:
    app, model = label.split(".")
    return reverse(f"admin:{app}_{model}_{view}", args=args)


def queries_for(client, url: str) -> int:
    client.get(url)  # warm Django's per-process caches (content types), as a running site has
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_every_content_model_is_registered_in_the_admin():
    from django.contrib import admin

    registered = {m._meta.label_lower for m in admin.site._registry}
    assert set(LABELS) <= registered


@pytest.mark.parametrize("label", LABELS)
def test_changelist_queries_do_not_grow_with_rows(editor_client, label):
    make_rows(label, 5)
    at_five = queries_for(editor_client, admin_url(label, "changelist"))
    make_rows(label, 45)
    at_fifty = queries_for(editor_client, admin_url(label, "changelist"))
    assert at_fifty == at_five


@pytest.mark.parametrize("label", LABELS)
def test_add_page_renders_for_an_editor(editor_client, label):
    make_rows(label, 3)
    response = editor_client.get(admin_url(label, "add"))
    assert response.status_code == 200
    assert b'name="_save"' in response.content


@pytest.mark.parametrize("label", LABELS)
def test_change_page_renders_for_an_editor(editor_client, label):
    obj = make_rows(label, 1)[0]
    response = editor_client.get(admin_url(label, "change", obj.pk))
    assert response.status_code == 200
    assert b'name="_save"' in response.content


@pytest.mark.parametrize("label", ["events.event", "people.person", "issues.issue"])
def test_changelist_search_and_filters_render(editor_client, label):
    make_rows(label, 3)
    response = editor_client.get(
        admin_url(label, "changelist"), {"q": "1", "editorial_status__exact": "published"}
    )
    assert response.status_code == 200


def test_person_search_in_admin_finds_other_romanizations(editor_client):
    person = f.PersonFactory(display_name="Lee Jae Myung", native_name="이재명")
    f.PersonNameFactory(person=person, name="Lee Jae-myung")
    for term in ["Lee Jae-myung", "이재명", "leejaemyung"]:
        response = editor_client.get(admin_url("people.person", "changelist"), {"q": term})
        assert list(response.context["cl"].result_list) == [person], term


def test_event_change_page_with_twenty_participants_stays_cheap(editor_client):
    event = f.EventFactory()
    f.EventParticipationFactory.create_batch(2, event=event)
    few = queries_for(editor_client, admin_url("events.event", "change", event.pk))
    f.EventParticipationFactory.create_batch(18, event=event)
    many = queries_for(editor_client, admin_url("events.event", "change", event.pk))
    assert many == few


def test_link_tables_leave_the_admin_index_but_keep_their_pages(editor_client):
    index = editor_client.get(reverse("admin:index")).content.decode()
    for label in ["events.eventcitation", "events.eventparticipation", "people.position"]:
        assert admin_url(label, "changelist") not in index
        assert editor_client.get(admin_url(label, "changelist")).status_code == 200
    assert admin_url("events.event", "changelist") in index
    assert admin_url("events.statement", "changelist") in index
