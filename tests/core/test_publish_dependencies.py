"""Issue 8, finding 6: publishing checks what it depends on.

An event, person, issue or source that shows other records (the sources it cites, the people and
organizations it lists) is published only with them public too: every door that publishes
(the change form, the bulk action, revert, any caller of `editorial_transition`) lists those that
are not and offers the Publisher to publish them together, or stops with the list.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.editorial import EditorialStatus
from core.publishing import UnpublishedDependencies, dependency_key, unpublished_dependencies
from core.services import editorial_transition
from events.models import Event, EventCitation, Source
from tests import factories as f
from tests.admin_utils import admin_form_data

pytestmark = pytest.mark.django_db

DRAFT = EditorialStatus.DRAFT
PUBLISHED = EditorialStatus.PUBLISHED


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def draft_event():
    return f.EventFactory(editorial_status=DRAFT, title="Vice-ministerial dialogue")


@pytest.fixture
def draft_source(draft_event):
    source = f.SourceFactory(editorial_status=DRAFT, title="Readout of the dialogue")
    f.EventCitationFactory(event=draft_event, source=source)
    return source


def keys(objs) -> set[str]:
    return {dependency_key(obj) for obj in objs}


# The rule, as a service.


def test_publishing_an_event_citing_a_draft_source_is_refused_with_the_list(
    publisher, draft_event, draft_source
):
    with pytest.raises(UnpublishedDependencies) as refused:
        editorial_transition(obj=draft_event, to_status=PUBLISHED, user=publisher)

    assert isinstance(refused.value, ValidationError)
    assert keys(refused.value.dependencies) == keys([draft_source])
    assert "Readout of the dialogue" in str(refused.value)
    draft_event.refresh_from_db()
    assert draft_event.editorial_status == DRAFT


def test_publishing_together_publishes_the_dependencies_with_it(
    publisher, draft_event, draft_source
):
    editorial_transition(
        obj=draft_event,
        to_status=PUBLISHED,
        user=publisher,
        publish_with=[dependency_key(draft_source)],
    )

    assert Event.objects.published().filter(pk=draft_event.pk).exists()
    assert Source.objects.published().filter(pk=draft_source.pk).exists()
    assert draft_source.history.latest().history_user == publisher


def test_an_editor_cannot_publish_dependencies_through_it(editor, draft_event, draft_source):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        editorial_transition(
            obj=draft_event,
            to_status=PUBLISHED,
            user=editor,
            publish_with=[dependency_key(draft_source)],
        )
    draft_source.refresh_from_db()
    assert draft_source.editorial_status == DRAFT


def test_an_event_depends_on_its_people_speakers_and_statement_sources(draft_event):
    participant = f.PersonFactory(editorial_status=EditorialStatus.REVIEW)
    f.EventParticipationFactory(event=draft_event, person=participant)
    speaker = f.PersonFactory(editorial_status=EditorialStatus.ARCHIVED)
    statement = f.StatementFactory(event=draft_event, speaker=speaker)
    quoted = f.SourceFactory(editorial_status=DRAFT)
    statement.citations.create(source=quoted)
    f.EventCitationFactory(event=draft_event)  # a published source: no dependency

    assert keys(unpublished_dependencies([draft_event])[dependency_key(draft_event)]) == keys(
        [participant, speaker, quoted]
    )


def test_dependencies_of_dependencies_are_listed(draft_event):
    outlet = f.OrganizationFactory(editorial_status=DRAFT)
    source = f.SourceFactory(editorial_status=DRAFT, outlet=outlet)
    f.EventCitationFactory(event=draft_event, source=source)

    found = unpublished_dependencies([draft_event])[dependency_key(draft_event)]

    assert keys(found) == keys([source, outlet])


def test_a_person_depends_on_the_organizations_of_their_positions():
    person = f.PersonFactory(editorial_status=DRAFT)
    ministry = f.OrganizationFactory(editorial_status=DRAFT)
    f.PositionFactory(person=person, organization=ministry)

    assert keys(unpublished_dependencies([person])[dependency_key(person)]) == keys([ministry])


def test_an_issue_depends_on_stance_parties_sources_and_development_events():
    issue = f.IssueFactory(editorial_status=DRAFT)
    party = f.OrganizationFactory(editorial_status=DRAFT)
    stance = f.StanceFactory(issue=issue, organization=party)
    stance_source = f.SourceFactory(editorial_status=DRAFT)
    stance.citations.create(source=stance_source)
    event = f.EventFactory(editorial_status=DRAFT)
    development = f.DevelopmentFactory(issue=issue, event=event)
    development_source = f.SourceFactory(editorial_status=DRAFT)
    development.citations.create(source=development_source)

    assert keys(unpublished_dependencies([issue])[dependency_key(issue)]) == keys(
        [party, stance_source, event, development_source]
    )


def test_a_scheduled_dependency_counts_until_it_is_public_and_is_published_with_it(
    publisher, draft_event
):
    later = timezone.now() + dt.timedelta(days=30)
    source = f.SourceFactory(publish_at=later)  # published, scheduled
    f.EventCitationFactory(event=draft_event, source=source)

    with pytest.raises(UnpublishedDependencies):
        editorial_transition(obj=draft_event, to_status=PUBLISHED, user=publisher)
    editorial_transition(
        obj=draft_event, to_status=PUBLISHED, user=publisher, publish_with=[dependency_key(source)]
    )

    assert Source.objects.published().filter(pk=source.pk).exists()


def test_a_dependency_public_by_the_items_own_schedule_is_no_obstacle(publisher, draft_event):
    source = f.SourceFactory(publish_at=timezone.now() + dt.timedelta(days=10))
    f.EventCitationFactory(event=draft_event, source=source)
    draft_event.publish_at = timezone.now() + dt.timedelta(days=20)
    draft_event.save()

    editorial_transition(obj=draft_event, to_status=PUBLISHED, user=publisher)

    draft_event.refresh_from_db()
    assert draft_event.editorial_status == PUBLISHED


# The change form.


def test_the_change_form_lists_dependencies_with_checkboxes_and_publishes_nothing(
    publisher_client, draft_event, draft_source
):
    page = publisher_client.get(change_url(draft_event))

    response = publisher_client.post(
        change_url(draft_event), admin_form_data(page, editorial_status="published")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="_publish_with" value="{dependency_key(draft_source)}"' in html
    assert "Readout of the dialogue" in html
    draft_event.refresh_from_db()
    draft_source.refresh_from_db()
    assert (draft_event.editorial_status, draft_source.editorial_status) == (DRAFT, DRAFT)


def test_the_change_form_publishes_the_ticked_dependencies_together(
    publisher_client, client, draft_event, draft_source
):
    page = publisher_client.get(change_url(draft_event))
    data = admin_form_data(page, editorial_status="published", title_en="Dialogue, round 11")
    refused = publisher_client.post(change_url(draft_event), data)
    data = admin_form_data(refused, editorial_status="published")
    data["_publish_with"] = [dependency_key(draft_source)]

    response = publisher_client.post(change_url(draft_event), data)

    assert response.status_code == 302
    draft_event.refresh_from_db()
    draft_source.refresh_from_db()
    assert (draft_event.editorial_status, draft_source.editorial_status) == (PUBLISHED, PUBLISHED)
    assert draft_event.title == "Dialogue, round 11"
    client.logout()
    public = client.get(draft_event.get_absolute_url()).content.decode()
    assert "Readout of the dialogue" in public
    assert "No published source cited yet" not in public


def test_the_change_form_stops_while_a_dependency_is_left_unticked(
    publisher_client, draft_event, draft_source
):
    person = f.PersonFactory(editorial_status=DRAFT)
    f.EventParticipationFactory(event=draft_event, person=person)
    page = publisher_client.get(change_url(draft_event))
    data = admin_form_data(page, editorial_status="published")
    data["_publish_with"] = [dependency_key(draft_source)]

    response = publisher_client.post(change_url(draft_event), data)

    assert response.status_code == 200
    assert person.display_name in " ".join(response.context["adminform"].form.non_field_errors())
    draft_event.refresh_from_db()
    draft_source.refresh_from_db()
    assert (draft_event.editorial_status, draft_source.editorial_status) == (DRAFT, DRAFT)


def test_a_draft_source_cited_in_the_same_save_that_publishes_is_caught(
    publisher_client, draft_event
):
    source = f.SourceFactory(editorial_status=DRAFT, title="Same-save report")
    page = publisher_client.get(change_url(draft_event))
    data = admin_form_data(page, editorial_status="published")
    citations = next(
        i.formset for i in page.context["inline_admin_formsets"] if i.formset.model is EventCitation
    )
    data[f"{citations.prefix}-0-source"] = str(source.pk)

    response = publisher_client.post(change_url(draft_event), data)

    assert response.status_code == 200
    assert "Same-save report" in response.content.decode()
    draft_event.refresh_from_db()
    assert draft_event.editorial_status == DRAFT
    assert not draft_event.citations.exists()  # the whole save was rolled back


def test_citing_a_draft_source_on_a_live_event_is_said(publisher_client):
    event = f.EventFactory()
    source = f.SourceFactory(editorial_status=DRAFT, title="Unchecked report")
    page = publisher_client.get(change_url(event))
    data = admin_form_data(page)
    citations = next(
        i.formset for i in page.context["inline_admin_formsets"] if i.formset.model is EventCitation
    )
    data[f"{citations.prefix}-0-source"] = str(source.pk)

    response = publisher_client.post(change_url(event), data, follow=True)

    shown = " ".join(str(m) for m in response.context["messages"])
    assert "Unchecked report" in shown


# The bulk action.


def test_bulk_publish_asks_first_listing_each_items_dependencies(
    publisher_client, draft_event, draft_source
):
    plain = f.EventFactory(editorial_status=DRAFT)
    response = publisher_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish", ACTION_CHECKBOX_NAME: [draft_event.pk, plain.pk]},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="_publish_with" value="{dependency_key(draft_source)}"' in html
    assert 'name="post" value="yes"' in html
    assert Event.objects.filter(editorial_status=DRAFT).count() == 2


def test_bulk_publish_confirmed_publishes_the_ticked_dependencies_together(
    publisher_client, draft_event, draft_source
):
    plain = f.EventFactory(editorial_status=DRAFT)
    response = publisher_client.post(
        reverse("admin:events_event_changelist"),
        {
            "action": "publish",
            ACTION_CHECKBOX_NAME: [draft_event.pk, plain.pk],
            "post": "yes",
            "_publish_with": [dependency_key(draft_source)],
        },
    )

    assert response.status_code == 302
    assert set(Event.objects.published().values_list("pk", flat=True)) == {draft_event.pk, plain.pk}
    assert Source.objects.published().filter(pk=draft_source.pk).exists()


def test_bulk_publish_confirmed_without_ticking_stops_with_the_list(
    publisher_client, draft_event, draft_source
):
    plain = f.EventFactory(editorial_status=DRAFT)
    response = publisher_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish", ACTION_CHECKBOX_NAME: [draft_event.pk, plain.pk], "post": "yes"},
        follow=True,
    )

    shown = " ".join(str(m) for m in response.context["messages"])
    assert "Readout of the dialogue" in shown
    assert "['" not in shown  # the list reads as a sentence
    draft_event.refresh_from_db()
    plain.refresh_from_db()
    assert (draft_event.editorial_status, plain.editorial_status) == (DRAFT, PUBLISHED)


def test_bulk_publish_confirmation_costs_the_same_at_5_and_50_items(publisher_client):
    def selection(count: int) -> list[int]:
        events = f.EventFactory.create_batch(count, editorial_status=DRAFT)
        for event in events:
            f.EventCitationFactory(event=event, source=f.SourceFactory(editorial_status=DRAFT))
            person = f.PersonFactory(editorial_status=DRAFT)
            f.EventParticipationFactory(event=event, person=person)
        return [e.pk for e in events]

    def queries(pks: list[int]) -> int:
        data = {"action": "publish", ACTION_CHECKBOX_NAME: pks}
        url = reverse("admin:events_event_changelist")
        publisher_client.post(url, data)
        with CaptureQueriesContext(connection) as captured:
            response = publisher_client.post(url, data)
        assert response.status_code == 200
        return len(captured)

    at_five = queries(selection(5))
    Event.objects.all().delete()
    at_fifty = queries(selection(50))
    assert at_fifty == at_five


# Other doors: revert and the add page.


def test_reverting_to_a_published_revision_checks_the_dependencies(publisher_client, publisher):
    event = f.EventFactory(title="Once live")
    published_revision = event.history.get()
    event.editorial_status = DRAFT
    event._history_user = publisher
    event.save()
    source = f.SourceFactory(editorial_status=DRAFT, title="Later draft report")
    f.EventCitationFactory(event=event, source=source)
    revert_url = reverse(
        "admin:events_event_simple_history", args=[event.pk, published_revision.history_id]
    )

    response = publisher_client.post(revert_url, admin_form_data(publisher_client.get(revert_url)))

    assert response.status_code == 200
    assert "Later draft report" in response.content.decode()
    event.refresh_from_db()
    assert event.editorial_status == DRAFT


def test_adding_an_event_as_published_with_a_draft_participant_is_caught(publisher_client):
    person = f.PersonFactory(editorial_status=DRAFT, display_name="Not Yet Public")
    add_url = reverse("admin:events_event_add")
    page = publisher_client.get(add_url)
    data = admin_form_data(
        page,
        title_en="New talks",
        slug="new-talks",
        kind="ministerial",
        status="held",
        start_date="2026-01-20",
        start_precision="day",
        editorial_status="published",
    )
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-0-person"] = str(person.pk)

    refused = publisher_client.post(add_url, data)

    assert refused.status_code == 200
    assert "Not Yet Public" in refused.content.decode()
    assert not Event.objects.filter(slug="new-talks").exists()

    data["_publish_with"] = [dependency_key(person)]
    response = publisher_client.post(add_url, data)

    assert response.status_code == 302
    assert Event.objects.published().filter(slug="new-talks").exists()
    person.refresh_from_db()
    assert person.editorial_status == PUBLISHED


# Approving an Editor's pending changes to a live item makes them public: the same rule.


def test_approving_changes_that_cite_a_draft_source_stops_with_the_list(
    editor_client, publisher, client
):
    from review.models import Revision, RevisionStatus

    event = f.EventFactory(title="Live talks")
    source = f.SourceFactory(editorial_status=DRAFT, title="Unreviewed readout")
    page = editor_client.get(change_url(event))
    data = admin_form_data(page)
    citations = next(
        i.formset for i in page.context["inline_admin_formsets"] if i.formset.model is EventCitation
    )
    data[f"{citations.prefix}-0-source"] = str(source.pk)
    editor_client.post(change_url(event), data)
    revision = Revision.objects.get()
    client.force_login(publisher)
    review_url = reverse("admin:review_revision_change", args=[revision.pk])

    response = client.post(review_url, {"_approve": "1"})

    assert "Unreviewed readout" in response.content.decode()
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.PENDING
    assert not event.citations.exists()

    client.post(review_url, {"_approve": "1", "_publish_with": [dependency_key(source)]})

    revision.refresh_from_db()
    assert revision.status == RevisionStatus.APPROVED
    assert Source.objects.published().filter(pk=source.pk).exists()
    assert event.citations.get().source == source


def test_approving_asks_only_about_what_the_changes_add(editor_client, publisher, client):
    from review.models import Revision, RevisionStatus

    event = f.EventFactory(title="Live talks")
    f.EventCitationFactory(event=event, source=f.SourceFactory(editorial_status=DRAFT))
    page = editor_client.get(change_url(event))
    editor_client.post(change_url(event), admin_form_data(page, title_en="Live talks, day two"))
    revision = Revision.objects.get()
    client.force_login(publisher)

    client.post(reverse("admin:review_revision_change", args=[revision.pk]), {"_approve": "1"})

    revision.refresh_from_db()
    assert revision.status == RevisionStatus.APPROVED
    event.refresh_from_db()
    assert event.title == "Live talks, day two"


# Leaving the public: the live items that showed it are named.


@pytest.fixture
def cited_live_source():
    source = f.SourceFactory(editorial_status=PUBLISHED, title="Readout of the summit")
    live = f.EventFactory(editorial_status=PUBLISHED, title="Lee–Xi summit")
    f.EventCitationFactory(event=live, source=source)
    draft = f.EventFactory(editorial_status=DRAFT, title="Draft follow-up")
    f.EventCitationFactory(event=draft, source=source)
    return source


def test_unpublishing_a_cited_source_names_the_live_events_citing_it(
    publisher_client, cited_live_source
):
    page = publisher_client.get(change_url(cited_live_source))
    response = publisher_client.post(
        change_url(cited_live_source),
        admin_form_data(page, editorial_status="draft"),
        follow=True,
    )

    shown = " ".join(str(m) for m in response.context["messages"])
    assert "no longer public" in shown
    assert "Lee–Xi summit" in shown
    assert "Draft follow-up" not in shown  # readers never saw it there
    cited_live_source.refresh_from_db()
    assert cited_live_source.editorial_status == DRAFT


def test_archiving_cited_sources_in_bulk_names_the_live_events(publisher_client, cited_live_source):
    response = publisher_client.post(
        reverse("admin:events_source_changelist"),
        {"action": "archive", ACTION_CHECKBOX_NAME: [cited_live_source.pk]},
        follow=True,
    )

    shown = " ".join(str(m) for m in response.context["messages"])
    assert "Lee–Xi summit" in shown


def test_unpublishing_an_uncited_source_says_nothing_more(publisher_client):
    source = f.SourceFactory(editorial_status=PUBLISHED, title="Lonely readout")
    page = publisher_client.get(change_url(source))
    response = publisher_client.post(
        change_url(source), admin_form_data(page, editorial_status="draft"), follow=True
    )

    assert "no longer public" not in " ".join(str(m) for m in response.context["messages"])
