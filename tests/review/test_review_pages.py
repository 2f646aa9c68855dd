"""Issue 8, finding 10 and the history: the review dashboard by role, the review page, compare.

Query counts of the new admin pages are the same at 5 rows as at 50 (STYLE.md).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.editorial import EditorialStatus
from review.changes import changes_between, snapshot
from review.models import Revision, RevisionStatus
from review.services import revision_submit
from tests.admin_utils import admin_form_data
from tests.factories import (
    EventFactory,
    EventParticipationFactory,
    PersonFactory,
    editor_user,
)

pytestmark = pytest.mark.django_db


def event_specs():
    from django.contrib import admin

    from events.models import Event

    return admin.site._registry[Event].review_specs()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response
    return len(captured)


def held_revision(event, author, *, add: int = 0, title: str | None = None) -> Revision:
    """A pending revision of `event` adding `add` participants (made as the admin makes it)."""
    specs = event_specs()
    people = [PersonFactory() for _ in range(add)]
    before = snapshot(event, specs)
    from django.db import transaction

    with transaction.atomic():
        sid = transaction.savepoint()
        if title:
            event.title = title
            event.save()
        for person in people:
            EventParticipationFactory(event=event, person=person)
        after = snapshot(event, specs)
        transaction.savepoint_rollback(sid)
    event.refresh_from_db()
    return revision_submit(obj=event, changes=changes_between(before, after, specs), author=author)


def test_review_page_queries_do_not_grow_with_child_rows(publisher_client, editor):
    small = held_revision(EventFactory(), editor, add=5, title="Five")
    big = held_revision(EventFactory(), editor, add=50, title="Fifty")
    url = lambda r: reverse("admin:review_revision_change", args=[r.pk])  # noqa: E731

    at_five, at_fifty = queries(publisher_client, url(small)), queries(publisher_client, url(big))

    assert at_fifty == at_five


def make_dashboard_rows(editor, n: int) -> None:
    for i in range(n):
        held_revision(EventFactory(), editor, title=f"Changed {i}")
        EventFactory(publish_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=i))


def test_publisher_dashboard_queries_do_not_grow_with_rows(publisher_client, editor):
    make_dashboard_rows(editor, 5)
    at_five = queries(publisher_client, reverse("admin:index"))
    make_dashboard_rows(editor, 45)
    at_fifty = queries(publisher_client, reverse("admin:index"))
    assert at_fifty == at_five


def test_editor_dashboard_queries_do_not_grow_with_rows(editor_client, editor):
    def rows(n: int) -> None:
        for i in range(n):
            held_revision(EventFactory(), editor, title=f"Mine {i}")
            returned = held_revision(EventFactory(), editor, title=f"Back {i}")
            Revision.objects.filter(pk=returned.pk).update(
                status=RevisionStatus.RETURNED, comment="Fix it."
            )
            draft = EventFactory(editorial_status=EditorialStatus.DRAFT)
            draft.history.update(history_user=editor)

    rows(5)
    at_five = queries(editor_client, reverse("admin:index"))
    rows(45)
    at_fifty = queries(editor_client, reverse("admin:index"))
    assert at_fifty == at_five


def test_publisher_dashboard_lists_awaiting_scheduled_and_recent(publisher_client, editor):
    held_revision(EventFactory(title="Summit"), editor, title="Summit in Seoul")
    EventFactory(title="Future talks", publish_at=dt.datetime(2027, 3, 1, 0, 0, tzinfo=dt.UTC))

    page = publisher_client.get(reverse("admin:index")).text

    awaiting = page[page.index('id="awaiting-review"') : page.index('id="scheduled"')]
    assert "Summit" in awaiting
    assert "editor" in awaiting
    assert "Title" in awaiting
    scheduled = page[page.index('id="scheduled"') : page.index('id="recently-published"')]
    assert "Future talks" in scheduled
    # 00:00 UTC is 09:00 in the site's time zone (Asia/Seoul), and says so.
    assert "9 a.m." in scheduled or "09:00" in scheduled
    assert "KST" in scheduled
    assert "Summit" in page[page.index('id="recently-published"') :]


def test_editor_dashboard_lists_my_drafts_pending_and_returned(editor_client, editor):
    draft = EventFactory(title="My draft talks", editorial_status=EditorialStatus.DRAFT)
    draft.history.update(history_user=editor)
    EventFactory(title="Someone else's draft", editorial_status=EditorialStatus.DRAFT)
    held_revision(EventFactory(title="Waiting"), editor, title="Waiting more")
    back = held_revision(EventFactory(title="Sent back"), editor, title="Sent back again")
    Revision.objects.filter(pk=back.pk).update(
        status=RevisionStatus.RETURNED, comment="Cite the readout."
    )

    page = editor_client.get(reverse("admin:index")).text

    assert "My draft talks" in page[page.index('id="my-drafts"') :]
    assert "Someone else's draft" not in page
    assert "Waiting" in page[page.index('id="my-pending"') :]
    returned = page[page.index('id="returned-to-me"') : page.index('id="my-pending"')]
    assert "Sent back" in returned
    assert "Cite the readout." in returned
    assert 'id="awaiting-review"' not in page  # a Publisher's list


def test_another_editor_cannot_see_someone_elses_revision_list(client, editor):
    held_revision(EventFactory(), editor, title="Private")
    other = editor_user(username="other")
    client.force_login(other)

    page = client.get(reverse("admin:review_revision_changelist"))

    assert page.status_code == 200
    assert "Private" not in page.text


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_compare_two_revisions_shows_child_rows_with_labels(publisher_client):
    event = EventFactory(title="Talks")
    EventParticipationFactory(event=event, person=PersonFactory(display_name="Cho Hyun"))
    page = publisher_client.get(change_url(event))
    data = admin_form_data(page, title_en="Talks in Seoul")
    data["participations-1-person"] = str(PersonFactory(display_name="Wang Yi").pk)
    data["participations-1-side"] = "CN"
    data["participations-1-role"] = "guest"
    data["participations-1-order"] = "0"
    publisher_client.post(change_url(event), data)
    older, newer = event.history.order_by("history_date")[:2]
    url = reverse("admin:events_event_compare", args=[event.pk])

    page = publisher_client.get(url, {"a": older.history_id, "b": newer.history_id})

    assert page.status_code == 200
    assert "Title" in page.text
    assert "Talks in Seoul" in page.text
    assert "Added" in page.text
    assert "Wang Yi" in page.text
    history = publisher_client.get(reverse("admin:events_event_history", args=[event.pk]))
    assert "compare/" in history.text


def test_compare_queries_do_not_grow_with_child_rows(publisher_client):
    def url_for(n: int) -> str:
        event = EventFactory()
        page = publisher_client.get(change_url(event))
        data = admin_form_data(page, title_en=f"With {n}")
        for i in range(n):
            data[f"participations-{i}-person"] = str(PersonFactory().pk)
            data[f"participations-{i}-side"] = "KR"
            data[f"participations-{i}-role"] = "guest"
            data[f"participations-{i}-order"] = "0"
        data["participations-TOTAL_FORMS"] = str(n)
        publisher_client.post(change_url(event), data)
        assert event.participations.count() == n
        older, newer = event.history.order_by("history_date")[:2]
        base = reverse("admin:events_event_compare", args=[event.pk])
        return f"{base}?a={older.history_id}&b={newer.history_id}"

    assert queries(publisher_client, url_for(5)) == queries(publisher_client, url_for(50))


def test_editor_form_showing_a_revision_costs_the_same_at_5_and_50_added_rows(
    editor_client, editor
):
    small, big = EventFactory(), EventFactory()
    held_revision(small, editor, add=5)
    held_revision(big, editor, add=50)

    assert queries(editor_client, change_url(small)) == queries(editor_client, change_url(big))
