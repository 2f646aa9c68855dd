"""Two publishers edit one event at once in real Chromium; the second resolves it on the merge screen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from events.models import Event
from tests.factories import EventFactory, StatementFactory, publisher_user

pytestmark = pytest.mark.browser


def restore_role_groups() -> None:
    """The groups come from a data migration, which a transactional test's flush removes."""
    from django.contrib.auth.models import Group, Permission

    from core.roles import EDITOR, PUBLISHER, role_permissions

    for role in (EDITOR, PUBLISHER):
        group, _created = Group.objects.get_or_create(name=role)
        codenames = role_permissions(role)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label__in={app for app, _c in codenames},
                codename__in={codename for _a, codename in codenames},
            )
        )


def sign_in(page: Any, username: str) -> None:
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")


@pytest.fixture
def second_page(browser: Any, live_server: Any, demo: None) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_a_conflict_is_resolved_on_the_merge_screen(page: Any, second_page: Any) -> None:
    from playwright.sync_api import expect

    # Given an event with a statement, open in two publishers' browsers
    restore_role_groups()
    event = EventFactory(editorial_status="draft", title="Summit", city="Seoul", venue="")
    statement = StatementFactory(event=event, text="Original quote")
    publisher_user(username="kim")
    publisher_user(username="lee")
    url = f"/admin/events/event/{event.pk}/change/"
    kim, lee = second_page, page
    sign_in(kim, "kim")
    sign_in(lee, "lee")
    kim.goto(url)
    lee.goto(url)

    # When Kim saves a new city and quote first
    kim.fill("#id_city", "Busan")
    kim.fill("#id_statements-0-text", "Kim's quote")
    kim.locator('input[name="_save"]').last.click()
    expect(kim.locator(".messagelist")).to_contain_text("was changed successfully")

    # And Lee, whose page was opened before, changes the venue and the same quote
    lee.fill("#id_venue", "Blue House")
    lee.fill("#id_statements-0-text", "Lee's quote")
    lee.locator('input[name="_save"]').last.click()

    # Then Lee sees the merge screen: theirs and mine for the event and for the statement row
    merge = lee.locator("#merge-screen")
    expect(merge).to_be_visible()
    expect(merge).to_contain_text("Busan")
    expect(merge).to_contain_text("Seoul")
    expect(merge).to_contain_text("Kim's quote")
    expect(merge).to_contain_text("Lee's quote")
    expect(merge).to_contain_text("saved by kim")
    # Kim's city is preselected (Lee had not touched it); Lee keeps the venue, takes Kim's quote
    expect(lee.locator('input[name="_merge-city"][value="theirs"]')).to_be_checked()
    lee.locator('input[name="_merge-statements-0-text"][value="theirs"]').check()
    lee.locator('input[name="_save"]').last.click()

    # Then the save succeeds with both editors' changes
    expect(lee.locator(".messagelist")).to_contain_text("was changed successfully")
    event.refresh_from_db()
    statement.refresh_from_db()
    assert (event.city, event.venue, statement.text) == ("Busan", "Blue House", "Kim's quote")
    assert Event.objects.get(pk=event.pk).version == 3
