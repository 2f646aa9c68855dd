"""An editor enters a summit with twenty participants from the event page alone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from events.models import Event
from tests.admin_utils import admin_form_data
from tests.factories import PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_editor_enters_a_summit_with_twenty_participants_in_one_save(editor_client):
    people = []
    for n in range(20):
        person = PersonFactory(country="KR" if n < 10 else "CN")
        PositionFactory(person=person, title=f"Minister {n}", start_date=dt.date(2025, 6, 1))
        people.append(person)
    add_url = reverse("admin:events_event_add")
    data = admin_form_data(
        editor_client.get(add_url),
        title_en="Second Lee–Xi summit",
        slug="second-lee-xi-summit",
        kind="summit",
        status="held",
        start_date="2026-01-05",
        start_precision="day",
        city="Beijing",
        venue="Great Hall of the People",
        country="CN",
        editorial_status="review",
    )
    data["participations-TOTAL_FORMS"] = "20"
    for n, person in enumerate(people):
        prefix = f"participations-{n}"
        data.update(
            {
                f"{prefix}-person": str(person.pk),
                f"{prefix}-role": "host" if n == 10 else "delegation",
                f"{prefix}-side": "",
                f"{prefix}-title": "",
                f"{prefix}-order": str(n),
            }
        )

    response = editor_client.post(add_url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="second-lee-xi-summit")
    participations = list(event.participations.select_related("person").order_by("order"))
    assert len(participations) == 20
    assert participations[0].title == "Minister 0"  # filled from the position on 2026-01-05
    assert participations[0].side == "KR"
    assert participations[15].side == "CN"
    assert event.editorial_status == "review"


def test_participant_added_twice_is_a_form_error_not_a_crash(editor_client):
    person = PersonFactory()
    add_url = reverse("admin:events_event_add")
    data = admin_form_data(
        editor_client.get(add_url),
        title_en="Talks",
        slug="talks",
        kind="ministerial",
        status="held",
        start_date="2026-01-05",
        start_precision="day",
        editorial_status="draft",
    )
    data["participations-TOTAL_FORMS"] = "2"
    for n in range(2):
        data.update(
            {
                f"participations-{n}-person": str(person.pk),
                f"participations-{n}-role": "guest",
                f"participations-{n}-order": "0",
            }
        )

    response = editor_client.post(add_url, data)

    assert response.status_code == 200
    assert "Please correct the duplicate" in response.content.decode()
    assert not Event.objects.filter(slug="talks").exists()


def test_event_ending_before_it_starts_is_an_admin_form_error(editor_client):
    add_url = reverse("admin:events_event_add")
    data = admin_form_data(
        editor_client.get(add_url),
        title_en="Visit",
        slug="visit",
        kind="state_visit",
        status="held",
        start_date="2026-01-07",
        start_precision="day",
        end_date="2026-01-04",
        end_precision="day",
        editorial_status="draft",
    )
    response = editor_client.post(add_url, data)
    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()
