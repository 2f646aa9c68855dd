"""One text field for a date and its precision in every admin form (issue 9, faster forms)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from events.models import Event, Source
from people.models import Position
from tests.admin_utils import admin_form_data
from tests.factories import EventFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _add_event(client, **changes):
    add_url = reverse("admin:events_event_add")
    base = {
        "title_en": "Foreign ministers' meeting",
        "slug": "fm-meeting",
        "kind": "ministerial",
        "status": "expected",
        "editorial_status": "draft",
    }
    data = admin_form_data(client.get(add_url), **{**base, **changes})
    return client.post(add_url, data)


@pytest.mark.parametrize(
    ("typed", "first", "precision"),
    [
        ("2026-01-05", dt.date(2026, 1, 5), "day"),
        ("2026-01", dt.date(2026, 1, 1), "month"),
        ("2026-Q1", dt.date(2026, 1, 1), "quarter"),
        ("2026", dt.date(2026, 1, 1), "year"),
    ],
)
def test_event_date_is_one_text_field_reading_every_precision(
    editor_client, typed, first, precision
):
    response = _add_event(editor_client, start_date=typed)

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="fm-meeting")
    assert (event.start_date, event.start_precision) == (first, precision)


def test_the_form_has_no_separate_precision_menu(editor_client):
    html = editor_client.get(reverse("admin:events_event_add")).content.decode()

    assert 'name="start_precision"' not in html
    assert 'name="start_date"' in html
    assert "2026-Q1" in html  # the help text says what may be typed


def test_the_change_form_shows_the_value_back_with_its_precision(editor_client):
    event = EventFactory(start_date=dt.date(2026, 1, 1), start_precision="quarter")

    html = editor_client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()

    assert 'value="2026-Q1"' in html
    assert "January–March 2026 (quarter)" in html


def test_an_end_given_as_a_quarter_is_compared_by_the_end_of_the_quarter(editor_client):
    response = _add_event(editor_client, start_date="2026-01-05", end_date="2026-Q1")

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="fm-meeting")
    assert (event.end_date, event.end_precision) == (dt.date(2026, 1, 1), "quarter")
    assert event.last_date == dt.date(2026, 3, 31)


def test_an_end_before_the_start_is_a_form_error(editor_client):
    response = _add_event(editor_client, start_date="2026-01-05", end_date="2025-12")

    assert response.status_code == 200
    assert "end_date" in response.context["adminform"].form.errors
    assert not Event.objects.exists()


@pytest.mark.parametrize("typed", ["next week", "2026-13", "2026-Q5", "2026-02-30", "x" * 5000])
def test_an_unreadable_date_is_a_clear_form_error(editor_client, typed):
    response = _add_event(editor_client, start_date=typed)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["start_date"]
    assert "2026-Q1" in errors[0]
    assert not Event.objects.exists()


def test_source_published_date_takes_a_month(editor_client):
    add_url = reverse("admin:events_source_add")
    data = admin_form_data(
        editor_client.get(add_url),
        title="Lee says Seoul and Beijing will hold working-level consultations",
        kind="news",
        language="en",
        published_on_date="2026-01",
        editorial_status="draft",
    )

    response = editor_client.post(add_url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    source = Source.objects.get()
    assert (source.published_on_date, source.published_on_precision) == (
        dt.date(2026, 1, 1),
        "month",
    )


def test_position_inline_takes_a_month_start_and_a_quarter_end(editor_client):
    person = PersonFactory(display_name="Kim Jung-kwan", editorial_status="draft")
    url = reverse("admin:people_person_change", args=[person.pk])
    response = editor_client.get(url)
    data = admin_form_data(response)
    data.update(
        {
            "positions-0-title_en": "Minister of Trade, Industry and Energy",
            "positions-0-start_date": "2025-08-15",
            "positions-0-end_date": "2025-Q3",
            "positions-0-is_primary": "on",
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    position = Position.objects.get(person=person)
    assert (position.start_date, position.start_precision) == (dt.date(2025, 8, 15), "day")
    assert (position.end_date, position.end_precision) == (dt.date(2025, 7, 1), "quarter")
