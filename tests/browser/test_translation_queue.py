"""A translator works through the Korean queue in real Chromium (issue 10, editors)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_merge_screen import restore_role_groups, sign_in
from tests.factories import EventFactory, editor_user

pytestmark = pytest.mark.browser


def serious(page: Any, selector: str) -> list[str]:
    result = page.evaluate(f"async () => await axe.run({selector!r})")
    return [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_translator_opens_the_korean_queue_and_finds_the_korean_fields(page: Any, axe_source: str):
    from playwright.sync_api import expect

    # Given the demo data (translated) with an event not yet in Korean, and an editor signed in
    restore_role_groups()
    EventFactory(title="Vice-ministerial talks", slug="untranslated-talks")
    editor_user(username="kim")
    sign_in(page, "kim")

    # When they follow the Korean queue from the admin home
    page.goto("/admin/")
    page.get_by_role("link", name="Needs translation: Korean").click()

    # Then the queue lists items missing a Korean translation, and is accessible
    queue = page.locator("#translation-queue")
    expect(queue).to_contain_text("missing")
    page.add_script_tag(content=axe_source)
    assert serious(page, "#translation-queue") == []

    # When they open the first item
    queue.locator("tbody th a").first.click()

    # Then its Korean fields are on the form, marked as Korean, beside the English
    korean = page.locator("fieldset.translation-ko")
    expect(korean).to_be_visible()
    expect(korean.locator("h2")).to_have_text("한국어")
    expect(korean.locator('[lang="ko"]').first).to_be_visible()
    page.add_script_tag(content=axe_source)
    assert serious(page, "fieldset.translation-ko") == []
