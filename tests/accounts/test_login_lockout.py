"""Staff sign-in: repeated failures lock the account and the address (django-axes, database)."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


def sign_in(client: Client, username: str, password: str, ip: str = "203.0.113.7", **meta: str):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
        **meta,
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_right_password_after_many_wrong_ones_is_refused(client, staff) -> None:
    for _ in range(20):
        sign_in(client, "alice", "wrong")
    for _ in range(50):
        sign_in(client, "alice", "still-wrong")

    response = sign_in(client, "alice", PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)


def test_lockout_says_why_and_who_can_unlock(client, staff, settings) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "alice", "wrong")

    response = sign_in(client, "alice", PASSWORD)

    body = response.content.decode()
    assert "Too many failed sign-in attempts" in body
    assert "administrator can unlock" in body


def test_fewer_failures_than_the_limit_still_sign_in(client, staff, settings) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "alice", "wrong")

    response = sign_in(client, "alice", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_account_locks_whatever_address_the_attempts_come_from(client, staff, settings) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "alice", "wrong", ip=f"198.51.100.{n + 1}")

    response = sign_in(client, "alice", PASSWORD, ip="192.0.2.99")

    assert response.status_code == 429
    assert not signed_in(client)


def test_address_locks_whatever_accounts_it_tries(client, staff, settings) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess{n}", "wrong", ip="198.51.100.1")

    response = sign_in(client, "alice", PASSWORD, ip="198.51.100.1")

    assert response.status_code == 429
    assert not signed_in(client)


def test_other_accounts_from_other_addresses_are_not_locked(client, staff, settings) -> None:
    UserFactory(username="bob")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "alice", "wrong", ip="198.51.100.1")

    response = sign_in(client, "bob", PASSWORD, ip="192.0.2.2")

    assert response.status_code == 302
    assert signed_in(client)


def test_lockouts_are_kept_in_the_database_for_every_worker(client, staff, settings) -> None:
    """Another process (a fresh client, no shared memory) sees the same lockout."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "alice", "wrong")

    from axes.models import AccessAttempt

    assert AccessAttempt.objects.filter(username="alice").exists()
    assert sign_in(Client(), "alice", PASSWORD).status_code == 429


def test_admin_unlocks_an_account_with_the_command(client, staff, settings) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "alice", "wrong")

    call_command("axes_reset_username", "alice", stdout=StringIO())
    call_command("axes_reset_ip", "203.0.113.7", stdout=StringIO())

    assert sign_in(client, "alice", PASSWORD).status_code == 302
    assert signed_in(client)


def test_forwarded_address_is_ignored_without_a_trusted_proxy(client, staff, settings) -> None:
    """A client cannot dodge the address lockout by inventing an X-Forwarded-For."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess{n}", "wrong", ip="198.51.100.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")

    response = sign_in(
        client, "alice", PASSWORD, ip="198.51.100.1", HTTP_X_FORWARDED_FOR="10.9.9.9"
    )

    assert response.status_code == 429


def test_forwarded_address_is_the_client_behind_one_proxy(client, staff, settings) -> None:
    settings.NUM_PROXIES = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess{n}", "wrong", ip="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")

    other_reader = sign_in(
        client, "alice", PASSWORD, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.5"
    )

    assert other_reader.status_code == 302


def test_test_client_login_still_works(client, staff) -> None:
    assert client.login(username="alice", password=PASSWORD)


def test_force_login_still_works(client, staff) -> None:
    client.force_login(staff)

    assert client.get(reverse("admin:index")).status_code == 200
