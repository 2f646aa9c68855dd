"""Issue 8, finding 11: a participant's title at the time follows the event's date.

A title left blank is derived from the person's position on the event date and remembered as
derived; a title an editor typed is theirs. Correcting the event's date re-derives the derived
ones (never the typed ones), through one service the admin and commands use, and the admin says
which participants' titles changed.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.editorial import EditorialStatus
from events.models import EventParticipation
from events.services import event_rederive_titles
from tests import factories as f
from tests.admin_utils import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def minister():
    """Vice minister in 2025, minister from 2026."""
    person = f.PersonFactory(display_name="Park Yoon-joo")
    f.PositionFactory(
        person=person,
        title="First Vice Foreign Minister",
        start_date=dt.date(2025, 6, 1),
        end_date=dt.date(2025, 12, 31),
    )
    f.PositionFactory(person=person, title="Foreign Minister", start_date=dt.date(2026, 1, 1))
    return person


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def participation(event, person, title: str = "") -> EventParticipation:
    row = EventParticipation(event=event, person=person, title=title)
    row.full_clean()
    row.save()
    return row


def test_a_blank_title_is_derived_and_remembered_as_derived(minister):
    event = f.EventFactory(start_date=dt.date(2026, 2, 3))
    row = participation(event, minister)
    assert (row.title, row.title_derived) == ("Foreign Minister", True)


def test_a_typed_title_is_not_derived(minister):
    event = f.EventFactory(start_date=dt.date(2026, 2, 3))
    row = participation(event, minister, title="Special Envoy")
    assert (row.title, row.title_derived) == ("Special Envoy", False)


def test_the_service_re_derives_derived_titles_only(minister):
    event = f.EventFactory(start_date=dt.date(2026, 2, 3))
    derived = participation(event, minister)
    typed = participation(event, f.PersonFactory(), title="Special Envoy")
    f.PositionFactory(person=typed.person, title="Ambassador", start_date=dt.date(2020, 1, 1))

    event.start_date = dt.date(2025, 9, 1)
    event.save()
    changes = event_rederive_titles(event=event)

    derived.refresh_from_db()
    typed.refresh_from_db()
    assert (derived.title, derived.title_derived) == ("First Vice Foreign Minister", True)
    assert typed.title == "Special Envoy"
    assert [(c.participation.pk, c.old, c.new) for c in changes] == [
        (derived.pk, "Foreign Minister", "First Vice Foreign Minister")
    ]
    assert event_rederive_titles(event=event) == []  # nothing left to change


def test_changing_the_date_in_the_admin_re_derives_and_says_so(editor_client, minister):
    event = f.EventFactory(start_date=dt.date(2026, 2, 3), editorial_status=EditorialStatus.DRAFT)
    derived = participation(event, minister)
    envoy = f.PersonFactory(display_name="Kim Envoy")
    typed = participation(event, envoy, title="Special Envoy")
    page = editor_client.get(change_url(event))

    response = editor_client.post(
        change_url(event), admin_form_data(page, start_date="2025-09-01"), follow=True
    )

    derived.refresh_from_db()
    typed.refresh_from_db()
    assert derived.title == "First Vice Foreign Minister"
    assert typed.title == "Special Envoy"
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "Park Yoon-joo" in shown
    assert "Foreign Minister → First Vice Foreign Minister" in shown
    assert "Kim Envoy" not in shown
    history = derived.history.order_by("-history_id").first()
    assert history.history_user.username == "editor"


def test_an_editor_typing_over_a_derived_title_makes_it_theirs(editor_client, minister):
    event = f.EventFactory(start_date=dt.date(2026, 2, 3), editorial_status=EditorialStatus.DRAFT)
    row = participation(event, minister)
    page = editor_client.get(change_url(event))
    data = admin_form_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-0-title"] = "Minister and Special Envoy"
    editor_client.post(change_url(event), data)
    row.refresh_from_db()
    assert (row.title, row.title_derived) == ("Minister and Special Envoy", False)

    page = editor_client.get(change_url(event))
    editor_client.post(change_url(event), admin_form_data(page, start_date="2025-09-01"))
    row.refresh_from_db()
    assert row.title == "Minister and Special Envoy"


def test_an_editor_clearing_a_typed_title_gets_the_derived_one_back(editor_client, minister):
    event = f.EventFactory(start_date=dt.date(2026, 2, 3), editorial_status=EditorialStatus.DRAFT)
    row = participation(event, minister, title="Typo Minister")
    page = editor_client.get(change_url(event))
    data = admin_form_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-0-title"] = ""

    editor_client.post(change_url(event), data)

    row.refresh_from_db()
    assert (row.title, row.title_derived) == ("Foreign Minister", True)


def test_a_new_row_and_the_date_change_in_one_save_use_the_new_date(editor_client, minister):
    event = f.EventFactory(start_date=dt.date(2026, 2, 3), editorial_status=EditorialStatus.DRAFT)
    page = editor_client.get(change_url(event))
    data = admin_form_data(page, start_date="2025-09-01")
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-0-person"] = str(minister.pk)
    data[f"{prefix}-0-role"] = "delegation"

    response = editor_client.post(change_url(event), data)

    assert response.status_code == 302
    row = EventParticipation.objects.get(event=event, person=minister)
    assert (row.title, row.title_derived) == ("First Vice Foreign Minister", True)


def test_the_demo_loader_re_derives_through_the_service(monkeypatch):
    import devdata.demo.loader as loader

    calls = []
    monkeypatch.setattr(loader, "event_rederive_titles", lambda **kw: calls.append(kw) or [])
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    assert calls


def test_the_migration_takes_titles_equal_to_the_derived_one_as_derived(minister):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("events.migrations.0006_participation_title_derived")
    event = f.EventFactory(start_date=dt.date(2026, 2, 3))
    same = f.EventParticipationFactory(event=event, person=minister, title="Foreign Minister")
    typed = f.EventParticipationFactory(event=event, title="Special Envoy")
    EventParticipation.objects.update(title_derived=False)

    from types import SimpleNamespace

    from django.db import connection

    # The data step reads only the connection it migrates (its alias) from the schema editor.
    migration.mark_derived(apps, SimpleNamespace(connection=connection))

    assert EventParticipation.objects.get(pk=same.pk).title_derived
    assert not EventParticipation.objects.get(pk=typed.pk).title_derived


def test_reverting_the_event_to_an_older_date_re_derives_too(editor_client, minister):
    event = f.EventFactory(start_date=dt.date(2025, 9, 1), editorial_status=EditorialStatus.DRAFT)
    row = participation(event, minister)
    older = event.history.get()
    # The participant was there at the older revision (a revert brings back the rows as they
    # were then, review app); the date was corrected later, re-deriving the title.
    event.start_date = dt.date(2026, 2, 3)
    event.save()
    event_rederive_titles(event=event)
    row.refresh_from_db()
    assert row.title == "Foreign Minister"
    revert_url = reverse("admin:events_event_simple_history", args=[event.pk, older.history_id])

    response = editor_client.post(
        revert_url, admin_form_data(editor_client.get(revert_url)), follow=True
    )

    row.refresh_from_db()
    assert row.title == "First Vice Foreign Minister"
    assert "Park Yoon-joo" in " ".join(str(m) for m in response.context["messages"])
