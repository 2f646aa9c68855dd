"""A reader clicks through the site in a real Chromium; axe-core checks every public page.

Run: .venv/bin/pytest -m browser  (needs /usr/bin/chromium and `npm install`).
SCREENSHOTS=1 also saves a screenshot of each page to docs/screenshots/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

SUMMIT = "lee-xi-summit-beijing-2026-01-05"
PAGES = {
    "home": "/",
    "events": "/events/",
    "event": f"/events/{SUMMIT}/",
    "people": "/people/",
    "person": "/people/lee-jae-myung/",
    "issues": "/issues/",
    "issue": "/issues/hallyu-ban/",
    "organization": "/organizations/kr-ministry-of-foreign-affairs/",
    "sources": "/sources/",
    "search": "/search/?q=Lee",
}
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"


def save_screenshot(page: Any, name: str) -> None:
    """With SCREENSHOTS=1, save the full page to docs/screenshots/<name>.png (256 colours, small)."""
    if os.environ.get("SCREENSHOTS") != "1":
        return
    from PIL import Image

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=256).save(path, optimize=True)


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def test_reader_goes_from_home_to_issue_event_person_and_search(page):
    # Given the home page
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    # When the reader opens an issue from the home page
    page.locator("main").get_by_role("link", name=re.compile("Hallyu ban")).first.click()
    # Then they see where it stands and both sides' stances
    expect(page).to_have_url(re.compile(r"/issues/hallyu-ban/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hallyu ban")
    expect(page.locator("main")).to_contain_text("Denies that any restrictions")

    # When they open the summit where it was discussed
    page.locator("main").get_by_role("link", name=re.compile("Second Lee–Xi summit")).first.click()
    # Then the event page gives its date, place and participants
    expect(page).to_have_url(re.compile(f"/events/{SUMMIT}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Second Lee–Xi summit")
    expect(page.locator("main")).to_contain_text("5 January 2026")
    expect(page.locator("main")).to_contain_text("Great Hall of the People")

    # When they open a participant
    page.locator("main").get_by_role("link", name=re.compile("Xi Jinping")).first.click()
    # Then the person page shows the native-script name and title
    expect(page).to_have_url(re.compile(r"/people/xi-jinping/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xi Jinping")
    expect(page.locator("main")).to_contain_text("习近平")

    # When they search for a name in Hangul
    page.get_by_role("searchbox", name=re.compile("Search", re.I)).fill("이재명")
    page.get_by_role("searchbox", name=re.compile("Search", re.I)).press("Enter")
    # Then Lee Jae Myung is found and one click away
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    page.locator("main").get_by_role("link", name=re.compile("Lee Jae Myung")).first.click()
    expect(page).to_have_url(re.compile(r"/people/lee-jae-myung/$"))
    expect(page.locator("main")).to_contain_text("이재명")


def test_timeline_filter_is_reflected_in_the_url(page):
    page.goto("/events/?status=expected")

    expect(page.locator("main")).to_contain_text("January–March 2026")
    expect(page.locator("main")).not_to_contain_text("Second Lee–Xi summit")


SERIOUS = {"serious", "critical"}


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['impact']}: {violation['id']} — {violation['help']} {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_serious_accessibility_violation(page, axe_source, name):
    response = page.goto(PAGES[name])
    assert response.status == 200

    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")

    save_screenshot(page, name)
    serious = [v for v in result["violations"] if v["impact"] in SERIOUS]
    assert not serious, f"{PAGES[name]}\n{describe(serious)}"


def test_axe_check_catches_a_serious_violation(browser, axe_source):
    # Guards the check above: an image without alt text must be reported as critical.
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"></main></html>')

    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()

    assert "image-alt" in {v["id"] for v in result["violations"] if v["impact"] in SERIOUS}


def test_korean_reader_on_a_phone_switches_language_and_sees_dates_in_korean(page, axe_source):
    # Given a phone-sized window on the home page in English
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")

    # When the reader picks 한국어 in the language switcher
    page.get_by_role("navigation", name="Language").get_by_role("link", name="한국어").click()

    # Then the page is in Korean, with Korean dates, and still accessible
    expect(page).to_have_url(re.compile(r"/ko/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("navigation").first).to_contain_text("타임라인")
    page.goto(f"/ko/events/{SUMMIT}/")
    expect(page.locator("main")).to_contain_text("2026년 1월 5일")
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    save_screenshot(page, "event-ko-phone")
    serious = [v for v in result["violations"] if v["impact"] in SERIOUS]
    assert not serious, describe(serious)
