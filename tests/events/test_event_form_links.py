"""Issue 9: the event form links issues and cites sources for its statements without leaving it.

Given an event's change page, when an editor picks the issues it concerns and a statement's
sources and saves once, then the issues list the event and the statement cites the sources; on a
live event an Editor's picks wait for a Publisher like any other change.
"""

from __future__ import annotations

import pytest

from core.editorial import EditorialStatus
from core.publishing import UnpublishedDependencies
from events.models import StatementCitation
from review.changes import RevisionConflict, describe
from review.models import Revision, RevisionStatus
from review.services import revision_approve
from tests.admin_utils import admin_form_data, change_url
from tests.core.test_admin_pages import queries_for
from tests.factories import (
    EventFactory,
    IssueFactory,
    SourceFactory,
    StatementCitationFactory,
    StatementFactory,
    publisher_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_quote(db):
    event = EventFactory(title="Vice-ministerial dialogue", editorial_status=EditorialStatus.DRAFT)
    StatementFactory(event=event, text="We will keep talking.")
    return event


def pick(client, event, *, issues, sources):
    """The editor's one save: issues picked on the event, sources picked on its first quote."""
    data = admin_form_data(client.get(change_url(event)))
    data["issues"] = [str(issue.pk) for issue in issues]
    data["statements-0-cited_sources"] = [str(source.pk) for source in sources]
    return client.post(change_url(event), data)


def test_editor_links_an_issue_and_cites_a_source_for_a_quote_in_one_save(
    editor_client, event_with_quote
):
    issue = IssueFactory(title="Yellow Sea structures")
    source = SourceFactory(title="Seoul and Beijing hold talks")

    response = pick(editor_client, event_with_quote, issues=[issue], sources=[source])

    assert response.status_code == 302
    assert list(issue.events.all()) == [event_with_quote]
    statement = event_with_quote.statements.get()
    assert list(statement.sources.all()) == [source]
    page = editor_client.get(change_url(event_with_quote)).text
    assert "Yellow Sea structures" in page  # shown picked when the form is opened again
    assert "Seoul and Beijing hold talks" in page


def test_unpicking_removes_only_what_the_editor_removed(editor_client, event_with_quote):
    kept, dropped, meanwhile = IssueFactory.create_batch(3)
    kept.events.add(event_with_quote)
    dropped.events.add(event_with_quote)
    statement = event_with_quote.statements.get()
    cited = StatementCitationFactory(statement=statement).source
    data = admin_form_data(editor_client.get(change_url(event_with_quote)))
    # Another editor links the event from an issue's page and cites a report after it opened.
    meanwhile.events.add(event_with_quote)
    other = StatementCitationFactory(statement=statement).source

    data["issues"] = [str(kept.pk)]
    data.pop("statements-0-cited_sources")  # the editor removed the one source they saw
    response = editor_client.post(change_url(event_with_quote), data)

    assert response.status_code == 302
    assert set(event_with_quote.issues.all()) == {kept, meanwhile}
    assert list(statement.sources.all()) == [other]
    assert cited not in statement.sources.all()


def test_a_new_event_and_quote_get_their_issue_and_source_on_the_add_page(editor_client):
    issue, source = IssueFactory(), SourceFactory()
    page = editor_client.get("/admin/events/event/add/")
    data = admin_form_data(page, title_en="Working-level talks", slug="working-level-talks")
    data.update(
        {
            "kind": "working_level",
            "start_date": "2025-12-18",
            "issues": [str(issue.pk)],
            "statements-TOTAL_FORMS": "1",
            "statements-0-speaker": str(StatementFactory().speaker.pk),
            "statements-0-said_date": "2025-12-18",
            "statements-0-language": "en",
            "statements-0-text_en": "Talks were candid.",
            "statements-0-text": "Talks were candid.",
            "statements-0-cited_sources": [str(source.pk)],
        }
    )

    response = editor_client.post("/admin/events/event/add/", data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    event = issue.events.get()
    assert event.title == "Working-level talks"
    assert list(event.statements.get().sources.all()) == [source]


def test_editor_picks_on_a_live_event_wait_for_a_publisher(client, editor_client):
    event = EventFactory(title="Lee–Xi summit")
    StatementFactory(event=event, text="We agreed.")
    issue = IssueFactory(title="Hallyu ban")
    source = SourceFactory(title="Summit readout")

    response = pick(editor_client, event, issues=[issue], sources=[source])

    assert response.status_code == 302
    assert not issue.events.exists()  # readers see nothing yet
    assert not StatementCitation.objects.exists()
    page = client.get(event.get_absolute_url()).text
    assert "Hallyu ban" not in page
    assert "Summit readout" not in page
    revision = Revision.objects.get(status=RevisionStatus.PENDING)
    shown = describe(revision.changes, type(event), event)
    assert {"label": "Issues", "before": "—", "after": "Hallyu ban"} in shown["fields"]
    cited = [row for group in shown["children"] for row in group["rows"]]
    assert [(row["kind"], row["name"]) for row in cited] == [("added", str(source))]

    revision_approve(revision=revision, user=publisher_user())

    assert list(issue.events.all()) == [event]
    assert list(event.statements.get().sources.all()) == [source]
    page = client.get(event.get_absolute_url()).text
    assert "Hallyu ban" in page
    assert "Summit readout" in page


def test_approving_a_quote_cited_to_a_draft_source_asks_to_publish_it(editor_client):
    event = EventFactory()
    StatementFactory(event=event)
    draft = SourceFactory(title="Unchecked wire report", editorial_status=EditorialStatus.DRAFT)
    pick(editor_client, event, issues=[], sources=[draft])
    revision = Revision.objects.get(status=RevisionStatus.PENDING)

    with pytest.raises(UnpublishedDependencies):
        revision_approve(revision=revision, user=publisher_user())

    assert not StatementCitation.objects.exists()  # nothing applied
    revision_approve(
        revision=revision, user=publisher_user(), publish_with=[f"events.source:{draft.pk}"]
    )
    draft.refresh_from_db()
    assert draft.editorial_status == EditorialStatus.PUBLISHED


def test_an_issue_linked_after_the_editor_picked_is_a_conflict_not_an_overwrite(editor_client):
    event = EventFactory()
    StatementFactory(event=event)
    picked, meanwhile = IssueFactory.create_batch(2)
    pick(editor_client, event, issues=[picked], sources=[])
    revision = Revision.objects.get(status=RevisionStatus.PENDING)
    meanwhile.events.add(event)  # a publisher linked it from the issue's page

    with pytest.raises(RevisionConflict):
        revision_approve(revision=revision, user=publisher_user())

    assert list(event.issues.all()) == [meanwhile]


def test_event_change_page_queries_do_not_grow_with_cited_quotes(editor_client):
    event = EventFactory()
    for issue in IssueFactory.create_batch(3):
        issue.events.add(event)
    for _ in range(5):
        StatementCitationFactory(statement=StatementFactory(event=event))
    at_five = queries_for(editor_client, change_url(event))
    for _ in range(45):
        StatementCitationFactory(statement=StatementFactory(event=event))
    at_fifty = queries_for(editor_client, change_url(event))
    assert at_fifty == at_five


def test_picks_awaiting_review_are_shown_again_and_kept_when_the_editor_saves_again(
    editor_client,
):
    event = EventFactory(title="Lee–Xi summit")
    issue, source = IssueFactory(title="Hallyu ban"), SourceFactory(title="Summit readout")
    speaker = StatementFactory(event=event).speaker
    data = admin_form_data(editor_client.get(change_url(event)))
    data["issues"] = [str(issue.pk)]
    data.update(
        {
            "statements-TOTAL_FORMS": "2",
            "statements-1-speaker": str(speaker.pk),
            "statements-1-said_date": "2026-01-05",
            "statements-1-language": "en",
            "statements-1-text_en": "A new quote.",
            "statements-1-text": "A new quote.",
            "statements-1-cited_sources": [str(source.pk)],
        }
    )
    editor_client.post(change_url(event), data)

    page = editor_client.get(change_url(event))  # the Editor opens it again: picks shown
    assert "Hallyu ban" in page.text
    assert "Summit readout" in page.text
    editor_client.post(change_url(event), admin_form_data(page, title_en="Lee–Xi summit, Gyeongju"))

    revision = Revision.objects.get(status=RevisionStatus.PENDING)
    revision_approve(revision=revision, user=publisher_user())
    event.refresh_from_db()
    assert event.title == "Lee–Xi summit, Gyeongju"
    assert list(event.issues.all()) == [issue]
    assert list(event.statements.get(text="A new quote.").sources.all()) == [source]
