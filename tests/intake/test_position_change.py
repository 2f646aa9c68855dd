"""Issue 9: a title a report states that differs from the position on record becomes a position.

Given a known person whose position on record differs from the title a report gives them, when
the editor ticks the offered position change and submits, then the person gets a new position
from the report's date (a draft person's at once; a live person's as a pending revision a
Publisher approves), and the participant's derived title follows it.
"""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.urls import reverse

from core.editorial import EditorialStatus
from events.models import Event
from people.models import Position
from review.models import Revision, RevisionStatus
from review.services import revision_approve
from tests.factories import OrganizationFactory, publisher_user
from tests.intake.conftest import form_data

pytestmark = pytest.mark.django_db
URL = reverse("intake:new_from_report")
TEXT = "Special Envoy Park Yoon-joo met Ma Zhaoxu in Beijing on Monday to discuss trade."


def person_index(html: str, person) -> str:
    """The index of the person's row among the proposals."""
    for box in lxml.html.fromstring(html).xpath('//input[starts-with(@name, "person_")]'):
        name = box.get("name")
        if name.count("_") == 1 and person.display_name in box.getparent().text_content():
            return name.split("_")[1]
    raise AssertionError(f"{person} is not proposed")


def tick_position_change(client, person, text=TEXT, published="2026-01"):
    page = client.post(URL, {"step": "read", "text": text, "published": published})
    html = page.content.decode()
    data = form_data(html, "intake-proposals")
    index = person_index(html, person)
    data[f"person_{index}"] = "on"
    data[f"person_{index}_use_title"] = "on"
    data["event_choice"] = "new:0"  # the meeting the report tells of, as a new event
    data.setdefault("newevent_0_title", "Park–Ma meeting")
    data.setdefault("newevent_0_start", "2026-01-05")
    return page, client.post(URL, data)


def test_the_offer_says_which_words_gave_the_title_and_what_it_will_do(editor_client, known):
    page = editor_client.post(URL, {"step": "read", "text": TEXT, "published": "2026-01"})

    html = page.content.decode()
    assert "Special Envoy Park Yoon-joo" in html  # the words that produced it
    assert "new position" in html
    assert "First Vice Foreign Minister" in html


def test_ticked_for_a_live_person_it_waits_as_a_new_position_for_review(editor_client, known):
    park = known["park"]
    before = list(park.positions.values_list("title", flat=True))

    _page, response = tick_position_change(editor_client, park)

    assert response.status_code == 302, response.context and response.context.get("errors")
    assert list(park.positions.values_list("title", flat=True)) == before  # nothing live yet
    revision = Revision.objects.get(object_id=park.pk, status=RevisionStatus.PENDING)
    (group,) = [g for g in revision.changes["children"] if g["model"] == "people.position"]
    (added,) = group["added"]
    assert added["row"]["title_en"] == "Special Envoy"
    assert (added["row"]["start_date"], added["row"]["start_precision"]) == ("2026-01-01", "month")
    assert "positions: 1 added" in revision.summary
    participation = Event.objects.get().participations.get(person=park)
    assert participation.title_derived  # not typed: it will follow the person's positions

    revision_approve(revision=revision, user=publisher_user())

    position = park.positions.get(title="Special Envoy")
    assert position.start.iso() == "2026-01"
    assert participation.derived_title() == "Special Envoy"


def test_ticked_for_a_draft_person_it_is_their_new_position_at_once(editor_client, known):
    park = known["park"]
    park.editorial_status = EditorialStatus.DRAFT
    park.save()
    OrganizationFactory(name="Special Envoy Office")  # not named in the title: not matched

    _page, response = tick_position_change(editor_client, park, published="2026-01-05")

    assert response.status_code == 302
    position = Position.objects.get(person=park, title="Special Envoy")
    assert (position.start_date, position.start_precision) == (dt.date(2026, 1, 5), "day")
    assert position.organization is None
    assert not Revision.objects.exists()
    participation = Event.objects.get().participations.get(person=park)
    assert (participation.title, participation.title_derived) == ("Special Envoy", True)


def test_an_organization_named_in_the_stated_title_is_the_positions(editor_client, known):
    park = known["park"]
    park.editorial_status = EditorialStatus.DRAFT
    park.save()
    kotra = OrganizationFactory(name="KOTRA")
    text = "KOTRA President Park Yoon-joo met Ma Zhaoxu in Beijing on Monday to discuss trade."

    _page, response = tick_position_change(editor_client, park, text=text)

    assert response.status_code == 302
    position = Position.objects.get(person=park, title="KOTRA President")
    assert position.organization == kotra
