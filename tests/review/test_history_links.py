"""Issue 8, History: comparing two revisions shows every change, links and citations included.

Given an item whose many-to-many links (a source's authors, an issue's events and related
issues) or whose rows without a history of their own (citations, identifiers) changed between two
revisions, when a Publisher compares them, then those changes are listed with human labels; and
reverting to the older revision restores them (held for review when an Editor reverts a live item).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from events.models import EventCitation
from review.models import Revision
from tests.admin_utils import admin_form_data, change_url
from tests.factories import (
    EventCitationFactory,
    EventFactory,
    IssueFactory,
    PersonFactory,
    PersonIdentifierFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def compare(client, obj) -> str:
    """The compare page of the item's oldest and newest revisions."""
    records = list(obj.history.order_by("history_date"))
    older, newer = records[0], records[-1]
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_compare", args=[obj.pk])
    page = client.get(url, {"a": older.history_id, "b": newer.history_id})
    assert page.status_code == 200
    return page.text


def revert_url(obj) -> str:
    first = obj.history.order_by("history_date").first()
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, first.history_id]
    )


def test_compare_shows_a_citation_added_to_an_event(publisher_client):
    event = EventFactory(title="Talks")
    EventCitationFactory(event=event, source=SourceFactory(title="First readout"))
    page = publisher_client.get(change_url(event))
    data = admin_form_data(page)
    data["citations-1-source"] = str(SourceFactory(title="Second readout").pk)

    publisher_client.post(change_url(event), data)

    shown = compare(publisher_client, event)
    assert "Event citation" in shown or "event citation" in shown
    assert "Second readout" in shown
    assert "First readout" not in shown  # unchanged rows are not listed


def test_compare_shows_an_identifier_removed_from_a_person(publisher_client):
    person = PersonFactory(display_name="Cho Hyun")
    PersonIdentifierFactory(person=person, value="Q4242")
    page = publisher_client.get(change_url(person))
    data = admin_form_data(page)
    data["identifiers-0-DELETE"] = "on"

    publisher_client.post(change_url(person), data)

    shown = compare(publisher_client, person)
    assert "Q4242" in shown
    assert "Deleted" in shown or "Removed" in shown


def test_compare_shows_a_sources_authors_with_their_label(publisher_client):
    source = SourceFactory(title="Readout")
    source.authors.add(PersonFactory(display_name="Kim Reporter"))
    source.history.order_by("history_date").first().delete()  # the oldest knows the author
    page = publisher_client.get(change_url(source))
    data = admin_form_data(page)
    data["authors"] = [str(PersonFactory(display_name="Li Correspondent").pk)]

    publisher_client.post(change_url(source), data)

    shown = compare(publisher_client, source)
    assert "Authors" in shown
    assert "Li Correspondent" in shown
    assert "Kim Reporter" in shown


def test_compare_shows_an_issues_related_issues(publisher_client):
    issue = IssueFactory(title="THAAD")
    page = publisher_client.get(change_url(issue))
    data = admin_form_data(page)
    data["related_issues"] = [str(IssueFactory(title="Hallyu ban").pk)]

    publisher_client.post(change_url(issue), data)

    shown = compare(publisher_client, issue)
    assert "Related issues" in shown
    assert "Hallyu ban" in shown


def test_publisher_revert_restores_authors_and_citations(publisher_client):
    source = SourceFactory(title="Readout")
    source.authors.add(PersonFactory(display_name="Kim Reporter"))
    source.save()
    page = publisher_client.get(change_url(source))
    data = admin_form_data(page)
    data["authors"] = [str(PersonFactory(display_name="Li Correspondent").pk)]
    publisher_client.post(change_url(source), data)
    source.history.order_by("history_date").first().delete()  # revert to the one with Kim
    url = revert_url(source)

    page = publisher_client.get(url)
    publisher_client.post(url, admin_form_data(page))

    assert [a.display_name for a in source.authors.all()] == ["Kim Reporter"]


def test_publisher_revert_removes_a_citation_added_since(publisher_client):
    event = EventFactory(title="Talks")
    EventCitationFactory(event=event, source=SourceFactory(title="First readout"))
    event.save()  # a revision knowing the first citation
    event.history.order_by("history_date").first().delete()
    page = publisher_client.get(change_url(event))
    data = admin_form_data(page)
    data["citations-1-source"] = str(SourceFactory(title="Second readout").pk)
    publisher_client.post(change_url(event), data)
    assert event.citations.count() == 2
    url = revert_url(event)

    page = publisher_client.get(url)
    publisher_client.post(url, admin_form_data(page))

    assert [c.source.title for c in EventCitation.objects.filter(event=event)] == ["First readout"]


def test_editor_revert_of_a_live_source_holds_the_authors_for_review(two_clients):
    editor_client, publisher_client = two_clients
    source = SourceFactory(title="Readout")
    kim = PersonFactory(display_name="Kim Reporter")
    source.authors.add(kim)
    source.save()
    source.history.order_by("history_date").first().delete()
    page = publisher_client.get(change_url(source))
    data = admin_form_data(page)
    data["authors"] = [str(PersonFactory(display_name="Li Correspondent").pk)]
    publisher_client.post(change_url(source), data)
    url = revert_url(source)

    page = editor_client.get(url)
    editor_client.post(url, admin_form_data(page))

    assert [a.display_name for a in source.authors.all()] == ["Li Correspondent"]
    revision = Revision.objects.get()
    assert revision.changes["parent"]["m2m"]["authors"][1] == [kim.pk]
    publisher_client.post(
        reverse("admin:review_revision_change", args=[revision.pk]), {"_approve": "1"}
    )
    assert [a.display_name for a in source.authors.all()] == ["Kim Reporter"]


def test_citations_from_before_their_history_stay_through_a_revert(publisher_client):
    """The migration's first record (at the epoch) keeps a citation that existed before its
    history in every older revision: a revert leaves it, as it did before."""
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    from core.history_backfill import begin_history

    event = EventFactory(title="Talks")
    EventCitationFactory(event=event, source=SourceFactory(title="Old readout"))
    EventCitation.history.all().delete()  # as before the migration: no history of citations
    begin_history(apps, SimpleNamespace(connection=connection), "events", "EventCitation")
    page = publisher_client.get(change_url(event))
    publisher_client.post(change_url(event), admin_form_data(page, title_en="Talks in Seoul"))
    url = revert_url(event)

    page = publisher_client.get(url)
    publisher_client.post(url, admin_form_data(page))

    event.refresh_from_db()
    assert event.title == "Talks"
    assert [c.source.title for c in EventCitation.objects.filter(event=event)] == ["Old readout"]
    assert "Old readout" not in compare(publisher_client, event)
