"""A Korean reader arrives at /, lands on /ko/, reads an issue and switches to Chinese on the
same page; the /ko/ and /zh-hans/ pages pass axe-core.

SCREENSHOTS=1 also saves the Korean and Chinese home and issue pages to docs/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.test_reader_journey import SERIOUS, SUMMIT, describe, expect, save_screenshot

pytestmark = pytest.mark.browser

ISSUE = "hallyu-ban"
PAGES = {
    "home": "/",
    "issues": "/issues/",
    "issue": f"/issues/{ISSUE}/",
    "events": "/events/",
    "event": f"/events/{SUMMIT}/",
    "person": "/people/lee-jae-myung/",
    "search": "/search/?q=Lee",
}


@pytest.fixture
def korean_page(browser: Any, live_server: Any, demo: None) -> Iterator[Any]:
    """A Korean browser: its Accept-Language asks for Korean first."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="ko-KR",
        extra_http_headers={"Accept-Language": "ko-KR,ko;q=0.9,en;q=0.5"},
        viewport={"width": 1280, "height": 900},
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_korean_reader_lands_on_ko_reads_an_issue_and_switches_to_chinese(korean_page):
    page = korean_page
    # Given a Korean browser arriving at the site's address
    page.goto("/")

    # Then it lands on the Korean home page
    expect(page).to_have_url(re.compile(r"/ko/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("navigation", name="주 메뉴")).to_contain_text("타임라인")

    # When the reader opens an issue from the Korean issue list
    page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="현안").click()
    page.locator("main").locator(f'a[href="/ko/issues/{ISSUE}/"]').first.click()

    # Then the issue is shown with a Korean interface
    expect(page).to_have_url(re.compile(f"/ko/issues/{ISSUE}/$"))
    expect(page.locator("main")).to_contain_text("양측의 입장")
    save_screenshot(page, "issue-ko")

    # When they choose 简体中文 in the language switcher
    switcher = page.get_by_role("navigation", name="언어")
    expect(switcher.get_by_role("link", name="한국어")).to_have_attribute("aria-current", "true")
    switcher.get_by_role("link", name="简体中文").click()

    # Then they are on the same issue, in Chinese
    expect(page).to_have_url(re.compile(f"/zh-hans/issues/{ISSUE}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("main")).to_contain_text("双方立场")
    save_screenshot(page, "issue-zh-hans")


@pytest.mark.parametrize("language", ["ko", "zh-hans"])
def test_korean_and_chinese_pages_have_no_serious_accessibility_violation(
    page, axe_source, language
):
    problems = []
    for name, path in PAGES.items():
        response = page.goto(f"/{language}{path}")
        assert response.status == 200, path

        page.add_script_tag(content=axe_source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")

        if name == "home":
            save_screenshot(page, f"home-{language}")
        serious = [v for v in result["violations"] if v["impact"] in SERIOUS]
        if serious:
            problems.append(f"/{language}{path}\n{describe(serious)}")
    assert not problems, "\n".join(problems)
