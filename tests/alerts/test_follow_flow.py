"""A reader follows by e-mail: double opt-in, immediate mail and digests, unsubscribe, language."""

from __future__ import annotations

import pytest
from django.core import mail

from alerts import tasks
from alerts.models import Follow, Frequency, PendingItem, Subscriber
from tests.alerts.helpers import (
    confirm_from_mail,
    follow,
    links,
    path_of,
    request_follow,
    run_alerts,
)
from tests.factories import (
    EventFactory,
    EventParticipationFactory,
    EventSeriesFactory,
    IssueFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue():
    return IssueFactory(title="Fishing rights", slug="fishing")


def test_issue_page_links_to_a_follow_form_that_works_without_javascript(client, issue):
    page = client.get("/issues/fishing/")
    assert 'href="/alerts/follow/?issue=fishing"' in page.content.decode()
    form = client.get("/alerts/follow/?issue=fishing").content.decode()
    assert 'method="post"' in form
    assert "csrfmiddlewaretoken" in form
    assert 'name="email"' in form


def test_nothing_is_sent_before_the_reader_confirms(
    client, issue, django_capture_on_commit_callbacks
):
    response = request_follow(client, django_capture_on_commit_callbacks, "issue=fishing")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    [confirmation] = mail.outbox
    assert "Confirm" in confirmation.subject
    event = EventFactory(title="Talks on fishing")
    issue.events.add(event)
    run_alerts(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1  # only the confirmation


def test_a_confirmation_link_opened_by_a_scanner_confirms_nothing(
    client, issue, django_capture_on_commit_callbacks
):
    request_follow(client, django_capture_on_commit_callbacks, "issue=fishing")
    url = next(u for u in links(mail.outbox[0]) if "/alerts/confirm/" in u)
    assert client.get(path_of(url)).status_code == 200
    assert not Follow.objects.active().exists()


def test_a_confirmed_follower_gets_a_new_event_of_the_issue_at_once(
    client, issue, django_capture_on_commit_callbacks
):
    follow(client, django_capture_on_commit_callbacks, "issue=fishing")
    event = EventFactory(title="Talks on fishing")
    issue.events.add(event)
    EventFactory(title="Unrelated summit")
    run_alerts(django_capture_on_commit_callbacks)
    [alert] = mail.outbox
    assert alert.to == ["reader@example.org"]
    assert "Talks on fishing" in alert.body
    assert "Unrelated summit" not in alert.body
    html = alert.alternatives[0][0]
    assert alert.alternatives[0][1] == "text/html"
    assert "Talks on fishing" in html
    assert "/events/" in html


def test_running_the_worker_again_sends_nothing_twice(
    client, issue, django_capture_on_commit_callbacks
):
    follow(client, django_capture_on_commit_callbacks, "issue=fishing")
    issue.events.add(EventFactory())
    run_alerts(django_capture_on_commit_callbacks)
    run_alerts(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_following_a_person_a_series_and_everything(client, django_capture_on_commit_callbacks):
    person = PersonFactory(slug="kim")
    series = EventSeriesFactory(slug="dialogue")
    follow(client, django_capture_on_commit_callbacks, "person=kim", email="a@example.org")
    follow(client, django_capture_on_commit_callbacks, "series=dialogue", email="b@example.org")
    follow(client, django_capture_on_commit_callbacks, "all=1", email="c@example.org")
    EventParticipationFactory(person=person, event=EventFactory(title="Kim visits"))
    EventFactory(title="Round three", series=series)
    run_alerts(django_capture_on_commit_callbacks)
    by_reader = {m.to[0]: m.body for m in mail.outbox}
    assert "Kim visits" in by_reader["a@example.org"]
    assert "Round three" not in by_reader["a@example.org"]
    assert "Round three" in by_reader["b@example.org"]
    assert "Kim visits" not in by_reader["b@example.org"]
    assert "Kim visits" in by_reader["c@example.org"]
    assert "Round three" in by_reader["c@example.org"]


def test_followers_of_a_series_hidden_since_are_not_told(
    client, django_capture_on_commit_callbacks
):
    series = EventSeriesFactory(slug="dialogue", name="Strategic dialogue")
    follow(client, django_capture_on_commit_callbacks, "series=dialogue", email="b@example.org")
    follow(client, django_capture_on_commit_callbacks, "all=1", email="c@example.org")
    series.editorial_status = "draft"
    series.save()
    EventFactory(title="Round three", series=series)
    run_alerts(django_capture_on_commit_callbacks)
    by_reader = {m.to[0]: m.body for m in mail.outbox}
    assert "b@example.org" not in by_reader
    assert "Round three" in by_reader["c@example.org"]
    assert "Strategic dialogue" not in by_reader["c@example.org"]


def test_a_saved_timeline_search_gets_only_matching_events(
    client, django_capture_on_commit_callbacks
):
    page = client.get("/events/?country=KR").content.decode()
    assert "/alerts/follow/?search=country%3DKR" in page
    follow(client, django_capture_on_commit_callbacks, "search=country%3DKR")
    EventFactory(title="Seoul meeting", country="KR")
    EventFactory(title="Beijing meeting", country="CN")
    run_alerts(django_capture_on_commit_callbacks)
    [alert] = mail.outbox
    assert "Seoul meeting" in alert.body
    assert "Beijing meeting" not in alert.body


def test_a_search_the_events_filterset_refuses_cannot_be_followed(client):
    assert client.get("/alerts/follow/?search=date_from%3Dnot-a-date").status_code == 400
    assert client.get("/alerts/follow/?search=").status_code == 400


def test_a_daily_digest_groups_the_days_items_in_one_mail(
    client, issue, django_capture_on_commit_callbacks
):
    follow(client, django_capture_on_commit_callbacks, "issue=fishing", frequency="daily")
    for title in ("First talks", "Second talks", "Third talks"):
        issue.events.add(EventFactory(title=title))
        run_alerts(django_capture_on_commit_callbacks)
    assert mail.outbox == []  # waiting for the digest
    with django_capture_on_commit_callbacks(execute=True):
        tasks.queue_digests(Frequency.DAILY)
    [digest] = mail.outbox
    assert "daily digest" in digest.subject
    assert all(t in digest.body for t in ("First talks", "Second talks", "Third talks"))
    assert not PendingItem.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.queue_digests(Frequency.DAILY)
    assert len(mail.outbox) == 1


def test_weekly_readers_are_not_in_the_daily_digest(
    client, issue, django_capture_on_commit_callbacks
):
    follow(client, django_capture_on_commit_callbacks, "issue=fishing", frequency="weekly")
    issue.events.add(EventFactory())
    run_alerts(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.queue_digests(Frequency.DAILY)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        tasks.queue_digests(Frequency.WEEKLY)
    assert "weekly digest" in mail.outbox[0].subject


def test_every_alert_has_one_click_unsubscribe_headers(
    client, issue, django_capture_on_commit_callbacks
):
    follow(client, django_capture_on_commit_callbacks, "issue=fishing")
    issue.events.add(EventFactory())
    run_alerts(django_capture_on_commit_callbacks)
    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Unsubscribe"].startswith("<http")
    assert "/alerts/unsubscribe/" in headers["List-Unsubscribe"]


def _alert(client, issue, capture):
    follow(client, capture, "issue=fishing")
    issue.events.add(EventFactory())
    run_alerts(capture)
    return mail.outbox.pop()


def test_one_click_unsubscribe_by_post_deletes_the_address(
    client, issue, django_capture_on_commit_callbacks
):
    alert = _alert(client, issue, django_capture_on_commit_callbacks)
    url = alert.extra_headers["List-Unsubscribe"].strip("<>")
    client.handler.enforce_csrf_checks = True  # a mail provider's POST carries no CSRF token
    response = client.post(
        path_of(url), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert not Follow.objects.exists()
    issue.events.add(EventFactory())
    run_alerts(django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_unsubscribe_link_asks_first_and_unsubscribes_on_the_button(
    client, issue, django_capture_on_commit_callbacks
):
    alert = _alert(client, issue, django_capture_on_commit_callbacks)
    url = path_of(next(u for u in links(alert) if "/alerts/unsubscribe/" in u))
    page = client.get(url)
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert Subscriber.objects.exists()  # a GET (a scanner prefetching) changes nothing
    client.post(url)
    assert not Subscriber.objects.exists()


def test_the_manage_page_changes_frequency_and_removes_follows(
    client, issue, django_capture_on_commit_callbacks
):
    alert = _alert(client, issue, django_capture_on_commit_callbacks)
    url = path_of(next(u for u in links(alert) if "/alerts/manage/" in u))
    page = client.get(url).content.decode()
    assert "Fishing rights" in page
    client.post(url, {"frequency": "weekly", "language": "ko"})
    subscriber = Subscriber.objects.get()
    assert (subscriber.frequency, subscriber.language) == ("weekly", "ko")
    follow_id = Follow.objects.get().pk
    client.post(url, {"remove": follow_id})
    assert not Follow.objects.exists()


def test_a_bad_or_foreign_link_opens_nothing(client):
    assert client.get("/alerts/manage/not-a-token/").status_code == 404
    assert client.get("/alerts/confirm/not-a-token/").status_code == 404


@pytest.mark.parametrize(("language", "word"), [("ko", "확인"), ("zh-hans", "确认")])
def test_mails_are_in_the_readers_language(
    client, issue, django_capture_on_commit_callbacks, language, word
):
    request_follow(client, django_capture_on_commit_callbacks, "issue=fishing", language=language)
    confirmation = mail.outbox.pop()
    assert word in confirmation.subject
    assert f"/{language}/alerts/confirm/" in confirmation.body  # its pages in that language
    confirm_from_mail(client, confirmation)
    issue.events.add(EventFactory(title="Talks"))
    run_alerts(django_capture_on_commit_callbacks)
    [alert] = mail.outbox
    assert Subscriber.objects.get().language == language
    assert f"/{language}/events/" in alert.body
    assert f"/{language}/alerts/unsubscribe/" in alert.extra_headers["List-Unsubscribe"]
    assert ("취소" if language == "ko" else "取消") in alert.body


def test_the_address_is_in_no_url_of_any_mail(client, issue, django_capture_on_commit_callbacks):
    address = "very.private+tag@example.org"
    confirmation = follow(
        client, django_capture_on_commit_callbacks, "issue=fishing", email=address
    )
    issue.events.add(EventFactory())
    run_alerts(django_capture_on_commit_callbacks)
    for message in [confirmation, *mail.outbox]:
        for url in links(message):
            assert "very.private" not in url
            assert "example.org/" not in path_of(url)
            assert "very.private" not in url.replace("%2B", "+").replace("%40", "@")


def test_unconfirmed_requests_expire(client, issue, django_capture_on_commit_callbacks, settings):
    request_follow(client, django_capture_on_commit_callbacks, "issue=fishing")
    settings.ALERTS_CONFIRM_MAX_AGE = -1
    tasks.expire_requests.call_local()
    assert not Subscriber.objects.exists()
    assert not Follow.objects.exists()
    confirmation = mail.outbox[0]
    url = next(u for u in links(confirmation) if "/alerts/confirm/" in u)
    assert client.get(path_of(url)).status_code == 404


def test_the_follow_pages_answer_in_each_language(client, issue):
    assert 'href="/ko/alerts/follow/?issue=fishing"' in client.get("/ko/issues/fishing/").text
    page = client.get("/zh-hans/alerts/follow/?issue=fishing").text
    assert "通过邮件关注" in page
    assert client.get("/ko/corrections/").status_code == 200
