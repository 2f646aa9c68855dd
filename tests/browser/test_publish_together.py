"""A publisher publishes an event citing a draft source in real Chromium (issue 8, finding 6)."""

from __future__ import annotations

from typing import Any

import pytest

from events.models import Event, Source
from tests.browser.test_merge_screen import restore_role_groups, sign_in
from tests.factories import EventCitationFactory, EventFactory, SourceFactory, publisher_user

pytestmark = pytest.mark.browser


def test_publisher_is_offered_the_draft_source_and_publishes_both(page: Any, axe_source: str):
    from playwright.sync_api import expect

    # Given a draft event citing only a draft source
    restore_role_groups()
    event = EventFactory(editorial_status="draft", title="Unannounced talks", slug="talks")
    source = SourceFactory(editorial_status="draft", title="Readout of the talks")
    EventCitationFactory(event=event, source=source)
    publisher_user(username="kim")
    sign_in(page, "kim")

    # When the publisher publishes the event
    page.goto(f"/admin/events/event/{event.pk}/change/")
    page.select_option("#id_editorial_status", "published")
    page.locator('input[name="_save"]').last.click()

    # Then nothing is published yet, and the draft source is offered, ticked
    panel = page.locator("#publish-dependencies")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("Readout of the talks")
    expect(panel.locator('input[name="_publish_with"]')).to_be_checked()
    assert Event.objects.get(pk=event.pk).editorial_status == "draft"
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run('#publish-dependencies')")
    serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []

    # When they save again with the source ticked
    page.locator('input[name="_save"]').last.click()

    # Then both are public, and the event page cites the source
    expect(page.locator(".messagelist")).to_contain_text("Published together with it")
    assert Event.objects.published().filter(pk=event.pk).exists()
    assert Source.objects.published().filter(pk=source.pk).exists()
    page.context.clear_cookies()
    page.goto("/events/talks/")
    expect(page.locator("main")).to_contain_text("Readout of the talks")
