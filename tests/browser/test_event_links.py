"""Issue 9 in real Chromium: from the event's page an Editor links an issue and cites a source
for a statement in one save; on a live event it waits for a Publisher, then readers see both."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_merge_screen import restore_role_groups, sign_in
from tests.browser.test_review_loop import publisher_page  # noqa: F401 (a fixture)
from tests.factories import (
    EventFactory,
    IssueFactory,
    SourceFactory,
    StatementFactory,
    editor_user,
    publisher_user,
)

pytestmark = pytest.mark.browser


def pick(page: Any, select_id: str, text: str) -> None:
    """Pick an option in an autocomplete multi-select (select2), as an editor does."""
    select = page.locator(f"#{select_id}")
    select.locator("xpath=following-sibling::span[1]//ul").click()
    page.keyboard.type(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_editor_links_an_issue_and_cites_a_source_from_the_event_page_in_one_save(
    page: Any,
    publisher_page: Any,  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    # Given a live event with a quote, a known issue and a published report
    restore_role_groups()
    event = EventFactory(title="Links summit", city="Seoul")
    StatementFactory(event=event, text="We will keep talking.")
    IssueFactory(title="Zebra fisheries dispute")
    SourceFactory(title="Quokka wire readout")
    editor_user(username="ed")
    publisher_user(username="pub")
    sign_in(page, "ed")
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)

    # When the Editor picks the issue and the quote's source on the event page and saves once
    page.goto(f"/admin/events/event/{event.pk}/change/")
    pick(page, "id_issues", "Zebra fisheries")
    pick(page, "id_statements-0-cited_sources", "Quokka wire")
    page.locator('input[name="_save"]').last.click()

    # Then it is one submission, held for review
    expect(page.locator(".messagelist")).to_contain_text("saved for review")
    assert len(posts) == 1
    page.goto(event.get_absolute_url())
    expect(page.locator("main")).not_to_contain_text("Zebra fisheries dispute")

    # When the Publisher approves it from the review page, the diff naming both
    sign_in(publisher_page, "pub")
    publisher_page.goto("/admin/")
    publisher_page.locator("#awaiting-review a", has_text="Links summit").click()
    diff = publisher_page.locator(".review-page")
    expect(diff).to_contain_text("Zebra fisheries dispute")
    expect(diff).to_contain_text("Quokka wire readout")
    publisher_page.locator('input[name="_approve"]').click()

    # Then readers see the issue and the quote's source on the event's page
    page.goto(event.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Zebra fisheries dispute")
    expect(page.locator("main")).to_contain_text("Quokka wire readout")
