"""Addresses are personal data: rate limits, no enumeration, nothing in logs or URLs."""

from __future__ import annotations

import logging

import pytest
from django.core import mail

from alerts.models import Subscriber
from tests.alerts.helpers import follow, request_follow
from tests.factories import FollowFactory, IssueFactory, SubscriberFactory
from tests.pages import assert_page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue():
    return IssueFactory(title="Fishing rights", slug="fishing")


def test_an_address_gets_only_a_few_confirmation_mails_an_hour(
    client, issue, settings, django_capture_on_commit_callbacks
):
    settings.ALERTS_REQUESTS_PER_ADDRESS = 3
    answers = [
        request_follow(client, django_capture_on_commit_callbacks, "issue=fishing").status_code
        for _ in range(5)
    ]
    assert answers == [302] * 5  # the same answer: over the limit is not announced
    assert len(mail.outbox) == 3


def test_one_connection_can_ask_only_so_often(
    client, issue, settings, django_capture_on_commit_callbacks
):
    settings.ALERTS_REQUESTS_PER_IP = 2
    answers = [
        request_follow(
            client, django_capture_on_commit_callbacks, "issue=fishing", email=f"r{n}@example.org"
        ).status_code
        for n in range(4)
    ]
    assert answers == [302, 302, 429, 429]
    assert len(mail.outbox) == 2
    other = request_follow(
        client,
        django_capture_on_commit_callbacks,
        "issue=fishing",
        email="x@example.org",
        REMOTE_ADDR="192.0.2.9",
    )
    assert other.status_code == 302


def test_the_answer_is_the_same_for_new_waiting_and_following_addresses(
    client, issue, django_capture_on_commit_callbacks
):
    follow(client, django_capture_on_commit_callbacks, "issue=fishing", email="old@example.org")
    request_follow(
        client, django_capture_on_commit_callbacks, "issue=fishing", email="w@example.org"
    )
    pages = []
    for address in ("old@example.org", "w@example.org", "new@example.org"):
        response = request_follow(
            client, django_capture_on_commit_callbacks, "issue=fishing", email=address
        )
        pages.append((response.status_code, response["Location"]))
        pages[-1] += (client.get(response["Location"]).content,)
    assert pages[0] == pages[1] == pages[2]


def test_an_address_already_following_is_told_so_by_mail_only(
    client, issue, django_capture_on_commit_callbacks
):
    follow(client, django_capture_on_commit_callbacks, "issue=fishing")
    request_follow(client, django_capture_on_commit_callbacks, "issue=fishing")
    [message] = mail.outbox
    assert "already follow" in message.subject
    assert "/alerts/manage/" in message.body


def test_a_stranger_cannot_change_a_followers_settings_by_asking_again(
    client, issue, django_capture_on_commit_callbacks
):
    follow(client, django_capture_on_commit_callbacks, "issue=fishing", frequency="weekly")
    request_follow(
        client, django_capture_on_commit_callbacks, "issue=fishing", frequency="immediate"
    )
    assert Subscriber.objects.get().frequency == "weekly"


def test_the_address_is_never_logged(client, issue, django_capture_on_commit_callbacks, caplog):
    caplog.set_level(logging.DEBUG)
    follow(client, django_capture_on_commit_callbacks, "issue=fishing", email="secret@example.org")
    assert "secret@example.org" not in caplog.text
    assert "secret@example.org" not in str(Subscriber.objects.get())


def test_unsubscribing_deletes_the_address_and_its_follows(client):
    subscriber = FollowFactory().subscriber
    from alerts.tokens import manage_token

    client.post(f"/alerts/unsubscribe/{manage_token(subscriber)}/")
    assert not Subscriber.objects.filter(email=subscriber.email).exists()


@pytest.mark.parametrize("rows", [5, 50])
def test_the_manage_page_queries_are_pinned(client, django_assert_num_queries, rows):
    from alerts.tokens import manage_token

    subscriber = SubscriberFactory()
    for n in range(rows):
        FollowFactory(subscriber=subscriber, kind="issue", issue=IssueFactory(title=f"I{n}"))
    url = f"/alerts/manage/{manage_token(subscriber)}/"
    with django_assert_num_queries(2):
        response = client.get(url)
    assert response.content.decode().count("Stop following") == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_the_follow_page_queries_are_pinned(client, django_assert_num_queries, rows):
    IssueFactory.create_batch(rows)
    IssueFactory(slug="fishing")
    assert_page_queries(client, "/alerts/follow/?issue=fishing", django_assert_num_queries, 1)
    assert_page_queries(client, "/alerts/follow/?search=country%3DKR", django_assert_num_queries, 0)
