"""Issue 8: a refused publish costs the same at 5 and at 50 inline rows.

Given an event with N participants and N statements, when its change form is posted to publish it
and the publish is refused — a Publisher's while a source it cites is a draft, an Editor's
because only Publishers publish — then the form comes back with the reason, nothing is saved, and
the number of queries does not grow with N (no per-row lookups of the rows' people, no second
rendering of the form).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.editorial import EditorialStatus
from tests import factories as f
from tests.admin_utils import admin_form_data, change_url

pytestmark = pytest.mark.django_db


def event_with_rows(rows: int, *, draft_source: bool) -> object:
    event = f.EventFactory(editorial_status=EditorialStatus.DRAFT, title="Strategic dialogue")
    for _ in range(rows):
        person = f.PersonFactory()
        f.EventParticipationFactory(event=event, person=person)
        f.StatementFactory(event=event, speaker=person)
    if draft_source:
        f.EventCitationFactory(
            event=event, source=f.SourceFactory(editorial_status=EditorialStatus.DRAFT)
        )
    return event


def refused_post_queries(client, event) -> tuple[int, str]:
    data = admin_form_data(client.get(change_url(event)), editorial_status="published")
    client.post(change_url(event), data)  # warm Django's per-process caches (content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.post(change_url(event), data)
    assert response.status_code == 200  # the form again, with the reason
    event.refresh_from_db()
    assert event.editorial_status == EditorialStatus.DRAFT
    return len(captured), response.content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_a_publishers_refused_publish_costs_the_same_at_5_and_50_rows(publisher_client, rows):
    event = event_with_rows(rows, draft_source=True)

    count, page = refused_post_queries(publisher_client, event)

    assert "would show what is not public" in page
    assert 'name="_publish_with"' in page  # the Publisher may tick them to publish together
    assert count == 29  # with the event form's issue and statement-source pickers


@pytest.mark.parametrize("rows", [5, 50])
def test_an_editors_refused_publish_costs_the_same_at_5_and_50_rows(editor_client, rows):
    event = event_with_rows(rows, draft_source=False)

    count, page = refused_post_queries(editor_client, event)

    assert "Select a valid choice" in page
    assert count == 19  # with the event form's issue and statement-source pickers
