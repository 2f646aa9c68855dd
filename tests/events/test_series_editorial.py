"""Issue 8: event series carry an editorial status like every other publishable record.

A series is named on the pages and in the API of every event in it; creating or renaming one is
therefore a change to public content, made public by a Publisher. An event in a draft series shows
no series until the series is published; publishing such an event lists the series.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.editorial import EditorialStatus
from core.publishing import UnpublishedDependencies, dependency_key, live_dependents
from core.services import editorial_transition
from events.models import Event, EventSeries
from review.models import Revision
from tests.admin_utils import admin_form_data
from tests.factories import EventFactory, EventSeriesFactory

pytestmark = pytest.mark.django_db

DRAFT = EditorialStatus.DRAFT
PUBLISHED = EditorialStatus.PUBLISHED


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_a_series_an_editor_adds_is_a_draft_no_reader_sees(editor_client, client):
    event = EventFactory(title="Strategic dialogue, round 9")
    page = editor_client.get(reverse("admin:events_eventseries_add"))
    data = admin_form_data(page, name_en="Vice-ministerial dialogue", slug="vm-dialogue")

    response = editor_client.post(reverse("admin:events_eventseries_add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    series = EventSeries.objects.get(slug="vm-dialogue")
    assert series.editorial_status == DRAFT
    Event.objects.filter(pk=event.pk).update(series=series, round_number=9)
    client.logout()
    assert "Vice-ministerial dialogue" not in client.get(event.get_absolute_url()).text
    api = client.get(f"/api/v1/events/{event.slug}/").json()
    assert (api["series"], api["round_number"]) == (None, 9)


def test_an_editor_renaming_a_live_series_waits_for_review(editor_client, client):
    series = EventSeriesFactory(name="Strategic dialogue", slug="dialogue")
    event = EventFactory(series=series, round_number=3)
    page = editor_client.get(change_url(series))

    editor_client.post(change_url(series), admin_form_data(page, name_en="Renamed dialogue"))

    series.refresh_from_db()
    assert series.name == "Strategic dialogue"
    assert Revision.objects.get().changes["parent"]["fields"]["name"] == [
        "Strategic dialogue",
        "Renamed dialogue",
    ]
    client.logout()
    assert client.get(f"/api/v1/events/{event.slug}/").json()["series"]["name"] == (
        "Strategic dialogue"
    )


def test_an_editor_cannot_publish_a_series(editor_client):
    series = EventSeriesFactory(editorial_status=DRAFT)
    page = editor_client.get(change_url(series))

    editor_client.post(change_url(series), admin_form_data(page, editorial_status="published"))

    series.refresh_from_db()
    assert series.editorial_status == DRAFT


def test_publishing_an_event_in_a_draft_series_lists_the_series(publisher):
    series = EventSeriesFactory(name="Strategic dialogue", editorial_status=DRAFT)
    event = EventFactory(series=series, round_number=2, editorial_status=DRAFT)

    with pytest.raises(UnpublishedDependencies) as refused:
        editorial_transition(obj=event, to_status=PUBLISHED, user=publisher)

    assert [dependency_key(dep) for dep in refused.value.dependencies] == [dependency_key(series)]
    assert "Strategic dialogue" in str(refused.value)
    event.refresh_from_db()
    assert event.editorial_status == DRAFT


def test_a_publisher_publishes_the_series_together_with_the_event(publisher, client):
    series = EventSeriesFactory(name="Strategic dialogue", editorial_status=DRAFT)
    event = EventFactory(series=series, round_number=2, editorial_status=DRAFT)

    editorial_transition(
        obj=event, to_status=PUBLISHED, user=publisher, publish_with=[dependency_key(series)]
    )

    series.refresh_from_db()
    assert series.editorial_status == PUBLISHED
    assert "Round 2 of Strategic dialogue" in client.get(event.get_absolute_url()).text


def test_the_event_change_form_offers_the_draft_series(publisher_client):
    series = EventSeriesFactory(name="Strategic dialogue", editorial_status=DRAFT)
    event = EventFactory(series=series, round_number=2, editorial_status=DRAFT)
    page = publisher_client.get(change_url(event))

    response = publisher_client.post(
        change_url(event), admin_form_data(page, editorial_status="published")
    )

    assert f'name="_publish_with" value="{dependency_key(series)}"' in response.text
    event.refresh_from_db()
    assert event.editorial_status == DRAFT


def test_unpublishing_a_series_names_the_live_events_that_showed_it(publisher_client):
    series = EventSeriesFactory(name="Strategic dialogue")
    EventFactory(title="Round one talks", series=series, round_number=1)
    EventFactory(title="Unseen talks", series=series, round_number=2, editorial_status=DRAFT)
    assert [str(e.title) for e in live_dependents(series)] == ["Round one talks"]
    page = publisher_client.get(change_url(series))

    response = publisher_client.post(
        change_url(series), admin_form_data(page, editorial_status="draft"), follow=True
    )

    shown = " ".join(str(m) for m in response.context["messages"])
    assert "no longer public" in shown
    assert "Round one talks" in shown
    assert "Unseen talks" not in shown


def test_a_draft_series_cannot_be_followed(client):
    EventSeriesFactory(name="Hidden dialogue", slug="hidden-dialogue", editorial_status=DRAFT)
    EventSeriesFactory(name="Open dialogue", slug="open-dialogue")

    hidden = client.get("/alerts/follow/?series=hidden-dialogue")
    shown = client.get("/alerts/follow/?series=open-dialogue")

    assert (hidden.status_code, shown.status_code) == (404, 200)
    assert "Hidden dialogue" not in hidden.text
    assert "Open dialogue" in shown.text


def test_the_event_filter_knows_no_draft_series(client):
    EventSeriesFactory(slug="hidden-dialogue", editorial_status=DRAFT)
    EventSeriesFactory(slug="open-dialogue")

    hidden = client.get("/api/v1/events/?series=hidden-dialogue")
    shown = client.get("/api/v1/events/?series=open-dialogue")

    assert (hidden.status_code, shown.status_code) == (400, 200)


@pytest.mark.usefixtures("no_settle")
def test_publishing_a_series_updates_its_live_events_for_partners(client, publisher):
    series = EventSeriesFactory(editorial_status=DRAFT)
    event = EventFactory(slug="round-two", series=series, round_number=2)
    cursor = client.get("/api/v1/changes/").json()["cursor"]

    editorial_transition(obj=series, to_status=PUBLISHED, user=publisher)

    changes = client.get(f"/api/v1/changes/?since={cursor}").json()["results"]
    assert ("event", "round-two", "updated") in {
        (c["type"], c["slug"], c["action"]) for c in changes
    }
    assert client.get(f"/api/v1/events/{event.slug}/").json()["series"]["slug"] == series.slug
