"""No lost edits: every editable record carries its version; stale saves are refused and merged.

Issue 8, findings 3 (no check outside the publishable models), 4 (the token read apart from the
row it guards) and 5 (a refused form could never be saved).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.db.models import F
from django.test import Client
from django.urls import reverse

from core.versions import StaleVersion
from events.admin import EventAdmin
from events.models import Event, Statement
from tests import factories as f
from tests.admin_utils import admin_form_data, change_url
from tests.core.test_admin_pages import make_rows

pytestmark = pytest.mark.django_db

# A text field of each admin-editable model, edited by both sides.
EDITED_FIELD = {
    "people.organization": "name_en",
    "people.person": "display_name",
    "people.personname": "name",
    "people.personidentifier": "value",
    "people.position": "title_en",
    "events.source": "title",
    "events.event": "title_en",
    "events.eventseries": "name_en",
    "events.eventcitation": "note",
    "events.eventparticipation": "title",
    "events.statement": "text",
    "events.statementcitation": "note",
    "issues.issue": "title_en",
    "issues.stance": "position_en",
    "issues.development": "summary_en",
    "issues.stancecitation": "note",
    "issues.developmentcitation": "note",
}

# Parent admin page → (inline prefix, child factory, the child's foreign key, edited field).
INLINES = [
    ("events.event", "participations", f.EventParticipationFactory, "event", "title"),
    ("events.event", "statements", f.StatementFactory, "event", "text"),
    ("events.event", "citations", f.EventCitationFactory, "event", "note"),
    ("people.person", "other_names", f.PersonNameFactory, "person", "name"),
    ("people.person", "positions", f.PositionFactory, "person", "title_en"),
    ("issues.issue", "stances", f.StanceFactory, "issue", "position_en"),
    ("issues.issue", "developments", f.DevelopmentFactory, "issue", "summary_en"),
]


def login(username: str) -> Client:
    client = Client()
    client.force_login(f.publisher_user(username=username))
    return client


def row_prefix(response: Any, prefix: str, pk: int) -> str:
    """The form prefix of the inline row showing object `pk`, e.g. "statements-0"."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == prefix:
            for form in inline.formset.forms:
                if form.instance.pk == pk:
                    return form.prefix
    raise AssertionError(f"no {prefix} row for {pk}")


def merge_data(response: Any, **choices: str) -> dict[str, Any]:
    """The refused form as the merge screen shows it, with its preselected choices and `choices`
    (html name of a field → "theirs" or "mine")."""
    data = admin_form_data(response)
    for item in response.context["merge_items"]:
        if item["vanished"]:
            data[item["input"]] = "theirs"
        for field in item["fields"]:
            data[field["input"]] = field["choice"]
    data.update({f"_merge-{name}": choice for name, choice in choices.items()})
    return data


def refusal(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- the model: compare-and-swap in the statement that writes


def test_a_save_based_on_a_stale_version_raises_and_writes_nothing():
    statement = f.StatementFactory(text="Original")
    mine, theirs = Statement.objects.get(pk=statement.pk), Statement.objects.get(pk=statement.pk)
    theirs.text = "Theirs"
    theirs.save()

    mine.speaker_label = "Spokesperson"
    with pytest.raises(StaleVersion), transaction.atomic():
        mine.save()

    statement.refresh_from_db()
    assert (statement.text, statement.speaker_label, statement.version) == ("Theirs", "", 2)
    assert mine.version == 1  # unchanged: the caller may still show it as "mine"


def test_every_save_increments_the_version_also_with_update_fields():
    position = f.PositionFactory()
    position.title = "Minister"
    position.save(update_fields=["title"])
    position.refresh_from_db()
    assert position.version == 2


def test_every_editable_model_carries_a_version_on_its_page_and_inlines():
    from django.contrib import admin

    from core.content import content_models
    from core.versions import Versioned
    from core.versions_admin import VersionedAdminMixin, VersionedInlineMixin
    from partners.models import PartnerAPIKey

    editable = [*content_models(), PartnerAPIKey]
    for model in editable:
        assert issubclass(model, Versioned), model
        model_admin = admin.site._registry[model]
        assert isinstance(model_admin, VersionedAdminMixin), model
        for inline in model_admin.inlines:
            assert issubclass(inline, VersionedInlineMixin), inline


# --- finding 3: every record, on its own page and as an inline


@pytest.mark.parametrize("label", list(EDITED_FIELD))
def test_a_stale_save_on_any_records_own_page_is_refused(label):
    obj = make_rows(label, 1)[0]
    field = EDITED_FIELD[label]
    first, second = login("kim"), login("lee")
    mine = second.get(change_url(obj))
    theirs = first.get(change_url(obj))

    assert (
        first.post(change_url(obj), admin_form_data(theirs, **{field: "Theirs"})).status_code == 302
    )
    response = second.post(change_url(obj), admin_form_data(mine, **{field: "Mine"}))

    assert "saved this record" in refusal(response)
    obj.refresh_from_db()
    assert getattr(obj, field) == "Theirs"


@pytest.mark.parametrize(("parent_label", "prefix", "factory", "fk", "field"), INLINES)
def test_a_parent_form_opened_before_a_child_was_edited_does_not_overwrite_it(
    parent_label, prefix, factory, fk, field
):
    parent = make_rows(parent_label, 1)[0]
    child = factory(**{fk: parent})
    first, second = login("kim"), login("lee")
    mine = second.get(change_url(parent))

    theirs = first.get(change_url(child))
    assert (
        first.post(change_url(child), admin_form_data(theirs, **{field: "Theirs"})).status_code
        == 302
    )

    # The parent's form still holds the child's old text; the editor only changed the parent.
    response = second.post(change_url(parent), admin_form_data(mine))

    assert "Someone saved this row" in refusal(response)
    child.refresh_from_db()
    assert getattr(child, field) == "Theirs"


def test_an_inline_edit_of_a_child_saved_meanwhile_on_its_own_page_is_refused():
    event = f.EventFactory(editorial_status="draft", title="Summit")
    statement = f.StatementFactory(event=event, text="Original", speaker_label="")
    first, second = login("kim"), login("lee")
    mine = second.get(change_url(event))
    row = row_prefix(mine, "statements", statement.pk)
    theirs = first.get(change_url(statement))
    first.post(change_url(statement), admin_form_data(theirs, text="Their quote"))

    response = second.post(
        change_url(event), admin_form_data(mine, **{f"{row}-speaker_label": "Spokesperson"})
    )

    refusal(response)
    statement.refresh_from_db()
    assert (statement.text, statement.speaker_label) == ("Their quote", "")


# --- finding 4: the token comes from the row the form shows


def test_the_version_token_is_read_with_the_content_it_guards(monkeypatch):
    event = f.EventFactory(editorial_status="draft", title="Old title")
    original_get_object = EventAdmin.get_object

    def get_object_then_someone_saves(self, request, object_id, from_field=None):
        obj = original_get_object(self, request, object_id, from_field)
        if request.method == "GET":  # another editor's save lands right after our read
            Event.objects.filter(pk=obj.pk).update(title="Their title", version=F("version") + 1)
        return obj

    client = login("lee")
    monkeypatch.setattr(EventAdmin, "get_object", get_object_then_someone_saves)
    page = client.get(change_url(event))
    form = page.context["adminform"].form
    assert form["title_en"].value() == "Old title"
    assert form["version_token"].value() == 1  # the version of the content shown, not the newer

    response = client.post(change_url(event), admin_form_data(page, summary_en="My summary"))

    refusal(response)
    event.refresh_from_db()
    assert (event.title, event.summary) == ("Their title", "")


def test_a_miss_at_write_rolls_back_the_whole_save_and_the_page_is_run_again(monkeypatch):
    # A real concurrent commit is exercised by tests/core/test_concurrent_edits.py; here the
    # compare-and-swap of a child row misses once, after the parent's UPDATE was already sent.
    event = f.EventFactory(editorial_status="draft", title="Summit", summary="")
    statement = f.StatementFactory(event=event, text="Original")
    client = login("lee")
    page = client.get(change_url(event))
    row = row_prefix(page, "statements", statement.pk)
    original = Statement._do_update
    misses = []

    def miss_once(self, *args: Any, **kwargs: Any) -> bool:
        if not misses:
            misses.append(self.pk)
            raise StaleVersion(self, self.version - 1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Statement, "_do_update", miss_once)
    response = client.post(
        change_url(event), admin_form_data(page, summary_en="Mine", **{f"{row}-text": "My quote"})
    )

    assert misses == [statement.pk]
    assert response.status_code == 302  # run again: nothing had changed, so it saves
    event.refresh_from_db()
    statement.refresh_from_db()
    assert (event.summary, event.version, statement.text) == ("Mine", 2, "My quote")
    assert event.history.count() == 2  # the rolled-back attempt left no revision


# --- finding 5: the merge screen


def test_a_refused_form_shows_theirs_and_mine_and_saves_the_chosen_values():
    event = f.EventFactory(editorial_status="draft", title="Summit", city="Seoul", venue="")
    first, second = login("kim"), login("lee")
    mine = second.get(change_url(event))
    theirs = first.get(change_url(event))
    first.post(change_url(event), admin_form_data(theirs, title_en="Their title", city="Busan"))

    refused = second.post(
        change_url(event), admin_form_data(mine, title_en="My title", venue="Hall")
    )

    page = refusal(refused)
    assert "Someone saved after you opened this page" in page
    fields = {row["label"]: row for row in refused.context["merge_items"][0]["fields"]}
    assert set(fields) == {"Title", "City", "Venue"}
    assert (fields["Title"]["theirs"], fields["Title"]["mine"]) == ("Their title", "My title")
    assert fields["Title"]["choice"] == "mine"  # I changed it
    assert fields["City"]["choice"] == "theirs"  # they changed it, I did not
    assert fields["Venue"]["choice"] == "mine"

    saved = second.post(change_url(event), merge_data(refused, title_en="theirs"))

    assert saved.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.city, event.venue) == ("Their title", "Busan", "Hall")
    assert event.version == 3


def test_the_merge_screen_is_refused_again_if_yet_another_save_intervened():
    event = f.EventFactory(editorial_status="draft", title="Summit")
    first, second = login("kim"), login("lee")
    mine = second.get(change_url(event))
    first.post(change_url(event), admin_form_data(first.get(change_url(event)), title_en="One"))
    refused = second.post(change_url(event), admin_form_data(mine, title_en="Mine"))
    first.post(change_url(event), admin_form_data(first.get(change_url(event)), title_en="Two"))

    again = second.post(change_url(event), merge_data(refused))

    assert "Someone saved after you opened this page" in refusal(again)
    event.refresh_from_db()
    assert event.title == "Two"
    assert second.post(change_url(event), merge_data(again)).status_code == 302
    event.refresh_from_db()
    assert event.title == "Mine"


def test_merge_screen_per_child_row_theirs_or_mine():
    event = f.EventFactory(editorial_status="draft")
    statement = f.StatementFactory(event=event, text="Original", speaker_label="")
    participation = f.EventParticipationFactory(event=event, title="Minister")
    first, second = login("kim"), login("lee")
    mine = second.get(change_url(event))
    s_row = row_prefix(mine, "statements", statement.pk)
    p_row = row_prefix(mine, "participations", participation.pk)
    theirs = first.get(change_url(event))
    first.post(
        change_url(event),
        admin_form_data(
            theirs, **{f"{s_row}-text": "Their quote", f"{p_row}-title": "Foreign Minister"}
        ),
    )

    refused = second.post(
        change_url(event),
        admin_form_data(mine, **{f"{s_row}-text": "My quote", f"{p_row}-title": "Minister X"}),
    )

    refusal(refused)
    labels = [item["label"] for item in refused.context["merge_items"]]
    assert any(label.startswith("Participation") for label in labels)
    assert any(label.startswith("Statement") for label in labels)
    saved = second.post(
        change_url(event),
        merge_data(refused, **{f"{s_row}-text": "mine", f"{p_row}-title": "theirs"}),
    )
    assert saved.status_code == 302
    statement.refresh_from_db()
    participation.refresh_from_db()
    assert (statement.text, participation.title) == ("My quote", "Foreign Minister")


def test_a_row_deleted_meanwhile_can_be_kept_deleted_or_restored():
    event = f.EventFactory(editorial_status="draft")
    statement = f.StatementFactory(event=event, text="Original")
    client = login("lee")
    mine = client.get(change_url(event))
    row = row_prefix(mine, "statements", statement.pk)
    statement.delete()

    refused = client.post(change_url(event), admin_form_data(mine, **{f"{row}-text": "Mine"}))

    assert "Someone deleted this row" in refusal(refused)
    assert "Restore my row as a new row" in refused.content.decode()
    assert refused.context["merge_items"][0]["vanished"]
    restored = client.post(change_url(event), merge_data(refused, **{row: "mine"}))
    assert restored.status_code == 302
    assert list(event.statements.values_list("text", flat=True)) == ["Mine"]


def test_a_row_deleted_meanwhile_stays_deleted_by_default():
    event = f.EventFactory(editorial_status="draft", title="Summit")
    statement = f.StatementFactory(event=event, text="Original")
    client = login("lee")
    mine = client.get(change_url(event))
    statement.delete()
    refused = client.post(change_url(event), admin_form_data(mine, title_en="Renamed"))

    saved = client.post(change_url(event), merge_data(refused))

    assert saved.status_code == 302
    event.refresh_from_db()
    assert event.title == "Renamed"
    assert not event.statements.exists()


def test_identical_edits_are_not_a_conflict():
    statement = f.StatementFactory(text="Original")
    first, second = login("kim"), login("lee")
    mine = second.get(change_url(statement))
    first.post(
        change_url(statement), admin_form_data(first.get(change_url(statement)), text="Same")
    )

    response = second.post(change_url(statement), admin_form_data(mine, text="Same"))

    assert response.status_code == 302


def test_revert_is_refused_when_the_record_changed_after_the_revert_page_opened():
    event = f.EventFactory(editorial_status="draft", title="First")
    client = login("lee")
    client.post(
        change_url(event), admin_form_data(client.get(change_url(event)), title_en="Second")
    )
    first_revision = event.history.order_by("history_id").first()
    revert_url = reverse(
        "admin:events_event_simple_history", args=[event.pk, first_revision.history_id]
    )
    revert_page = client.get(revert_url)
    other = login("kim")
    other.post(change_url(event), admin_form_data(other.get(change_url(event)), title_en="Third"))

    refused = client.post(revert_url, admin_form_data(revert_page))

    assert "saved this record" in refusal(refused)
    event.refresh_from_db()
    assert event.title == "Third"
    assert client.post(revert_url, admin_form_data(refused)).status_code == 302
    event.refresh_from_db()
    assert event.title == "First"


# --- the version costs no query per row


@pytest.mark.parametrize(("parent_label", "prefix", "factory", "fk", "field"), INLINES)
def test_change_page_queries_do_not_grow_with_versioned_rows(
    publisher_client, parent_label, prefix, factory, fk, field
):
    from tests.core.test_admin_pages import queries_for

    parent = make_rows(parent_label, 1)[0]
    factory.create_batch(2, **{fk: parent})
    few = queries_for(publisher_client, change_url(parent))
    factory.create_batch(18, **{fk: parent})
    many = queries_for(publisher_client, change_url(parent))
    assert many == few


def test_a_stale_save_of_a_partner_key_is_refused():
    from partners.models import PartnerAPIKey

    key, _secret = PartnerAPIKey.objects.create_key(name="Newsroom")
    first, second = Client(), Client()
    first.force_login(f.UserFactory(username="root1", is_superuser=True))
    second.force_login(f.UserFactory(username="root2", is_superuser=True))
    mine = second.get(change_url(key))
    first.post(change_url(key), admin_form_data(first.get(change_url(key)), notes="Theirs"))

    response = second.post(change_url(key), admin_form_data(mine, contact="me@example.org"))

    refusal(response)
    key.refresh_from_db()
    assert (key.notes, key.contact) == ("Theirs", "")
