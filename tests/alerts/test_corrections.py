"""Corrections: marked in the admin, shown on the item, listed at /corrections/ with feeds, told
to the item's followers at once and to partners in the changes feed; hidden items' never."""

from __future__ import annotations

import feedparser
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from alerts.models import Frequency
from core.editorial import EditorialStatus
from events.models import Event
from review.models import Correction, Revision
from sync.models import ChangeLog
from tests.admin_utils import admin_form_data
from tests.alerts.helpers import follow, run_alerts
from tests.factories import (
    CorrectionFactory,
    EventFactory,
    IssueFactory,
    PersonFactory,
    SourceFactory,
    editor_user,
    publisher_user,
)
from tests.pages import assert_page_queries

pytestmark = pytest.mark.django_db

NOTE = "The meeting was in Busan, not Seoul."


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def editor():
    client = Client()
    client.force_login(editor_user(username="ed", email="ed@example.org"))
    return client


@pytest.fixture
def publisher():
    client = Client()
    client.force_login(publisher_user(username="pub", email="pub@example.org"))
    return client


@pytest.fixture
def event():
    return EventFactory(title="Foreign ministers meet", slug="ministers", city="Seoul")


def correct(client, obj, note=NOTE, **changes):
    page = client.get(change_url(obj))
    assert "This change corrects a published fact" in page.content.decode()
    data = admin_form_data(page, **changes)
    data.update({"is_correction": "on", "correction_note": note})
    return client.post(change_url(obj), data)


def test_a_publishers_correction_is_shown_on_the_item_at_once(publisher, event):
    response = correct(publisher, event, city="Busan")
    assert response.status_code == 302
    page = Client().get("/events/ministers/").content.decode()
    assert "Corrected on" in page
    assert NOTE in page


@pytest.mark.parametrize(
    ("factory", "url"),
    [
        (lambda: PersonFactory(slug="kim"), "/people/kim/"),
        (lambda: IssueFactory(slug="fish"), "/issues/fish/"),
        (lambda: SourceFactory(), None),
    ],
)
def test_people_issues_and_sources_can_be_corrected(publisher, factory, url):
    obj = factory()
    assert correct(publisher, obj).status_code == 302
    page = Client().get(url or obj.get_absolute_url()).content.decode()
    assert NOTE in page


def test_a_correction_needs_its_note(publisher, event):
    response = correct(publisher, event, note="")
    assert response.status_code == 200
    assert not Correction.objects.exists()


def test_an_editors_correction_waits_for_the_publisher(editor, publisher, event):
    assert correct(editor, event, city="Busan").status_code == 302
    assert NOTE not in Client().get("/events/ministers/").content.decode()
    assert NOTE not in Client().get("/corrections/").content.decode()
    assert not ChangeLog.objects.filter(correction__isnull=False).exists()
    revision = Revision.objects.get()
    review_page = publisher.get(reverse("admin:review_revision_change", args=[revision.pk]))
    assert NOTE in review_page.content.decode()  # the Publisher sees what will be published
    publisher.post(reverse("admin:review_revision_change", args=[revision.pk]), {"_approve": "1"})
    assert NOTE in Client().get("/events/ministers/").content.decode()
    assert NOTE in Client().get("/corrections/").content.decode()


def test_the_changes_feed_tells_partners_of_the_correction(publisher, event, no_settle):
    correct(publisher, event, city="Busan")
    results = Client().get("/api/v1/changes/").json()["results"]
    corrected = [r for r in results if r["correction"]]
    assert [r["id"] for r in corrected] == [event.pk]
    assert corrected[0]["correction"]["note"] == NOTE
    assert corrected[0]["correction"]["date"]
    assert all(r["correction"] is None for r in results if r not in corrected)


def test_the_changes_schema_documents_the_correction(schema):
    change = schema["components"]["schemas"]["Change"]["properties"]
    assert "correction" in change


def test_followers_get_the_correction_at_once_whatever_their_frequency(
    client, publisher, event, django_capture_on_commit_callbacks
):
    issue = IssueFactory(slug="fish")
    issue.events.add(event)
    follow(client, django_capture_on_commit_callbacks, "issue=fish", frequency=Frequency.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        correct(publisher, event, city="Busan")
    run_alerts(django_capture_on_commit_callbacks)
    [alert] = mail.outbox
    assert alert.subject.endswith("Correction: Foreign ministers meet")
    assert NOTE in alert.body
    assert NOTE in alert.alternatives[0][0]


def test_a_hidden_items_correction_never_appears(publisher, event, no_settle):
    CorrectionFactory(item=event, note=NOTE)
    event.editorial_status = EditorialStatus.DRAFT
    event.save()
    anonymous = Client()
    assert NOTE not in anonymous.get("/corrections/").content.decode()
    assert NOTE not in anonymous.get("/corrections/feed.rss").content.decode()
    assert NOTE not in anonymous.get("/corrections/feed.atom").content.decode()
    # Partners were told of it while it was public; the feed now says it is gone.
    results = anonymous.get("/api/v1/changes/").json()["results"]
    assert results[-1]["action"] == "unpublished"
    assert results[-1]["correction"] is None


def test_a_correction_of_a_scheduled_item_waits_for_its_publication(publisher, no_settle):
    import datetime as dt

    from django.utils import timezone

    later = timezone.now() + dt.timedelta(days=1)
    scheduled = EventFactory(slug="later", publish_at=later)
    CorrectionFactory(item=scheduled, note=NOTE)
    anonymous = Client()
    assert NOTE not in anonymous.get("/corrections/").content.decode()
    assert NOTE not in anonymous.get("/api/v1/changes/").content.decode()


def test_corrections_are_listed_newest_first_with_feeds(client):
    CorrectionFactory(item=EventFactory(title="Older"), note="First note.")
    CorrectionFactory(item=EventFactory(title="Newer"), note="Second note.")
    page = client.get("/corrections/").content.decode()
    assert page.index("Second note.") < page.index("First note.")
    for url in ("/corrections/feed.rss", "/corrections/feed.atom"):
        feed = feedparser.parse(client.get(url).content)
        assert [e.title for e in feed.entries] == ["Corrected: Newer", "Corrected: Older"]
        assert feed.entries[0].link.endswith(Event.objects.get(title="Newer").get_absolute_url())


@pytest.mark.parametrize("rows", [5, 50])
def test_corrections_page_queries_are_pinned(client, django_assert_num_queries, rows):
    for n in range(rows):
        item = [EventFactory, PersonFactory, IssueFactory, SourceFactory][n % 4]()
        CorrectionFactory(item=item, note=f"Note {n}.")
    assert_page_queries(client, "/corrections/", django_assert_num_queries, 6)
    assert_page_queries(client, "/corrections/?page=2", django_assert_num_queries, 6)


@pytest.mark.parametrize("page", ["changelist", "change"])
def test_editors_can_read_the_corrections_in_the_admin(editor, page):
    correction = CorrectionFactory(note=NOTE)
    args = [correction.pk] if page == "change" else []
    response = editor.get(reverse(f"admin:review_correction_{page}", args=args))
    assert response.status_code == 200
    assert NOTE in response.content.decode()


def test_a_persons_page_states_its_correction_in_json_ld(client):
    import json
    import re

    person = PersonFactory(slug="kim")
    CorrectionFactory(item=person, note=NOTE)
    page = client.get("/people/kim/").text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["correction"]["@type"] == "CorrectionComment"
    assert data["correction"]["text"] == NOTE


def test_a_correction_made_after_partners_read_the_change_still_reaches_them(
    publisher, event, no_settle
):
    # given a partner (and the alerts and webhooks, which read the same feed) already past the
    # event's latest journal row
    first = Client().get("/api/v1/changes/").json()
    assert event.pk in [r["id"] for r in first["results"]]
    # when a correction of that item is made public afterwards, with no new save of the item
    # (a correction note recorded on its own, e.g. for a change already live)
    from review.services import correction_record

    correction_record(obj=event, note=NOTE, user=publisher_user(username="pub2"))
    # then the next page from their cursor tells it
    later = Client().get("/api/v1/changes/", {"since": first["cursor"]}).json()["results"]
    assert [(r["id"], r["correction"]["note"]) for r in later if r["correction"]] == [
        (event.pk, NOTE)
    ]
