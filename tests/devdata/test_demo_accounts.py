"""`manage.py demo_accounts`: demo logins for the editor and publisher roles."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from core.roles import EDITOR, PUBLISHER


def run_demo_accounts(*args: str) -> str:
    out = StringIO()
    call_command("demo_accounts", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


@pytest.mark.django_db
@pytest.mark.usefixtures("debug_on")
@pytest.mark.parametrize(("username", "group"), [("editor", EDITOR), ("publisher", PUBLISHER)])
def test_creates_staff_user_in_role_group(username: str, group: str) -> None:
    run_demo_accounts()

    user = get_user_model().objects.get(username=username)
    assert user.is_staff
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [group]


@pytest.mark.django_db
@pytest.mark.usefixtures("debug_on")
@pytest.mark.parametrize(
    ("username", "password"),
    [("editor", "editor-demo-2026"), ("publisher", "publisher-demo-2026")],
)
def test_default_passwords_log_in(client, username: str, password: str) -> None:
    run_demo_accounts()

    assert client.login(username=username, password=password)


@pytest.mark.django_db
@pytest.mark.usefixtures("debug_on")
def test_passwords_come_from_environment(client, monkeypatch) -> None:
    monkeypatch.setenv("DEMO_EDITOR_PASSWORD", "from-the-env-1")

    output = run_demo_accounts()

    assert client.login(username="editor", password="from-the-env-1")
    assert "password: from-the-env-1" in output


@pytest.mark.django_db
@pytest.mark.usefixtures("debug_on")
def test_prints_login_lines() -> None:
    output = run_demo_accounts()

    assert (
        "Editor login:    http://127.0.0.1:8000/admin/  user: editor  password: editor-demo-2026"
        in output
    )
    assert "Publisher login: http://127.0.0.1:8000/admin/  user: publisher" in output


@pytest.mark.django_db
@pytest.mark.usefixtures("debug_on")
def test_second_run_resets_without_duplicates(client) -> None:
    run_demo_accounts()
    editor = get_user_model().objects.get(username="editor")
    editor.set_password("changed-by-someone")
    editor.is_staff = False
    editor.save()

    run_demo_accounts()

    assert get_user_model().objects.filter(username__in=["editor", "publisher"]).count() == 2
    assert get_user_model().objects.get(username="editor").is_staff
    assert client.login(username="editor", password="editor-demo-2026")


@pytest.mark.django_db
def test_refuses_when_debug_is_off(settings) -> None:
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        run_demo_accounts()

    assert not get_user_model().objects.filter(username="editor").exists()


@pytest.mark.django_db
def test_force_runs_when_debug_is_off(settings) -> None:
    settings.DEBUG = False

    run_demo_accounts("--force")

    assert get_user_model().objects.filter(username="publisher", is_staff=True).exists()
