"""Staff sign in through the admin form in a real Chromium, and a locked account says so."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def submit_login(page: Any, username: str, password: str) -> None:
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():  # the next assertions read the page the form loads
        page.click("input[type=submit]")


def test_staff_signs_in_through_the_form(page: Any) -> None:
    UserFactory(username="alice")

    submit_login(page, "alice", "correct-horse-battery")

    assert page.url.endswith("/admin/")
    assert page.locator("#user-tools").is_visible()


def test_locked_account_sees_why(page: Any) -> None:
    UserFactory(username="alice")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        submit_login(page, "alice", "wrong")

    submit_login(page, "alice", "correct-horse-battery")

    assert page.get_by_text("Too many failed sign-in attempts").is_visible()
    assert "/admin/login/" in page.url
