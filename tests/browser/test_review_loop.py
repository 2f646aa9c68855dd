"""The review loop in real Chromium: an Editor's change to a live event waits for a Publisher.

Editor edits a live event (adds a participant, rewords a statement) → the public page is
unchanged → the Publisher sees the diff with the child rows → returns it with a comment → the
Editor sees the comment, fixes, resubmits → the Publisher approves → the public page changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.test_merge_screen import restore_role_groups, sign_in
from tests.factories import (
    EventFactory,
    EventParticipationFactory,
    PersonFactory,
    StatementFactory,
    editor_user,
    publisher_user,
)

pytestmark = pytest.mark.browser


def new_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def publisher_page(browser: Any, live_server: Any, demo: None) -> Iterator[Any]:
    page = new_page(browser, live_server)
    yield page
    page.context.close()


@pytest.fixture
def reader_page(browser: Any, live_server: Any, demo: None) -> Iterator[Any]:
    page = new_page(browser, live_server)
    yield page
    page.context.close()


def choose_person(page: Any, row: int, name: str) -> None:
    """Pick a person in an inline row's autocomplete (select2), as an editor does."""
    select = page.locator(f"#id_participations-{row}-person")
    select.locator("xpath=following-sibling::span[1]//span[@role='combobox']").click()
    # The open dropdown's search box: the form's multi-selects (issues, sources) have their own.
    page.locator(".select2-container--open .select2-search--dropdown .select2-search__field").fill(
        name
    )
    page.locator(".select2-results__option", has_text=name).first.click()


def test_editor_change_to_a_live_event_is_reviewed_returned_fixed_and_approved(
    page: Any, publisher_page: Any, reader_page: Any
) -> None:
    from playwright.sync_api import expect

    # Given a live event with one participant and one statement
    restore_role_groups()
    event = EventFactory(title="Review loop summit", city="Seoul")
    host = PersonFactory(display_name="Host Person")
    EventParticipationFactory(event=event, person=host)
    StatementFactory(event=event, speaker=host, text="The original quote.")
    PersonFactory(display_name="Visiting Minister")
    editor_user(username="ed")
    publisher_user(username="pub")
    editor, publisher = page, publisher_page
    url = f"/admin/events/event/{event.pk}/change/"
    public_url = event.get_absolute_url()

    # When the Editor adds a participant and rewords the statement
    sign_in(editor, "ed")
    editor.goto(url)
    choose_person(editor, 1, "Visiting Minister")
    editor.fill("#id_statements-0-text", "A reworded quote, first try.")
    editor.locator('input[name="_save"]').last.click()
    expect(editor.locator(".messagelist")).to_contain_text("saved for review")
    expect(editor.locator("#review-banner")).to_contain_text("Changes awaiting review")

    # Then readers still see the live event
    reader_page.goto(public_url)
    expect(reader_page.locator("main")).to_contain_text("The original quote.")
    expect(reader_page.locator("main")).not_to_contain_text("Visiting Minister")

    # When the Publisher opens it from the dashboard, the diff shows the child rows
    sign_in(publisher, "pub")
    publisher.goto("/admin/")
    publisher.locator("#awaiting-review a", has_text="Review loop summit").click()
    diff = publisher.locator(".review-page")
    expect(diff).to_contain_text("Added")
    expect(diff).to_contain_text("Visiting Minister")
    expect(diff).to_contain_text("The original quote.")
    expect(diff).to_contain_text("A reworded quote, first try.")

    # And returns it with a comment
    publisher.fill("#id_comment", "Quote the readout exactly, please.")
    publisher.locator('input[name="_return"]').click()
    expect(publisher.locator(".messagelist")).to_contain_text("returned")

    # Then the Editor sees the comment on the dashboard and on the item, fixes and resubmits
    editor.goto("/admin/")
    returned = editor.locator("#returned-to-me")
    expect(returned).to_contain_text("Quote the readout exactly, please.")
    returned.locator("a", has_text="Review loop summit").click()
    expect(editor.locator("#review-comment")).to_contain_text("Quote the readout exactly")
    expect(editor.locator("#id_statements-0-text")).to_have_value("A reworded quote, first try.")
    editor.fill("#id_statements-0-text", "The readout's exact words.")
    editor.locator('input[name="_save"]').last.click()
    expect(editor.locator(".messagelist")).to_contain_text("saved for review")
    reader_page.goto(public_url)
    expect(reader_page.locator("main")).to_contain_text("The original quote.")

    # When the Publisher approves the resubmitted changes
    publisher.goto("/admin/")
    publisher.locator("#awaiting-review a", has_text="Review loop summit").click()
    expect(publisher.locator(".review-page")).to_contain_text("The readout's exact words.")
    publisher.locator('input[name="_approve"]').click()
    expect(publisher.locator(".messagelist")).to_contain_text("are live")

    # Then the public page shows them
    reader_page.goto(public_url)
    expect(reader_page.locator("main")).to_contain_text("The readout's exact words.")
    expect(reader_page.locator("main")).to_contain_text("Visiting Minister")
    expect(reader_page.locator("main")).not_to_contain_text("The original quote.")
