"""A reader follows an issue by e-mail in real Chromium with JavaScript off, and confirms it
through the link in the mail (Django's outbox: the live server runs in this process)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from alerts.models import Follow
from tests.alerts.helpers import links, path_of
from tests.factories import IssueFactory

pytestmark = pytest.mark.browser


def test_a_reader_follows_an_issue_without_javascript(
    browser: Any, live_server: Any, transactional_db: None
) -> None:
    from playwright.sync_api import expect

    IssueFactory(title="Fishing rights", slug="fishing")
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:  # expect() waits for the page the click loads (is_visible() would not)
        page.goto("/issues/fishing/")
        page.get_by_role("link", name="Follow this issue by e-mail").click()
        page.get_by_label("Your e-mail address").fill("reader@example.org")
        page.get_by_label("Daily digest").check()
        page.get_by_role("button", name="Follow").click()
        expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
        [message] = mail.outbox
        assert message.to == ["reader@example.org"]
        confirm = next(u for u in links(message) if "/alerts/confirm/" in u)
        page.goto(path_of(confirm))
        assert not Follow.objects.active().exists()  # opening the link is not confirming
        page.get_by_role("button", name="Confirm").click()
        expect(page.get_by_role("heading", name="You are following")).to_be_visible()
        follow = Follow.objects.active().select_related("subscriber").get()
        assert follow.issue.slug == "fishing"
        assert follow.subscriber.frequency == "daily"
        page.get_by_role("link", name="Manage my alerts").click()
        expect(page.get_by_text("the issue “Fishing rights”")).to_be_visible()
    finally:
        context.close()
