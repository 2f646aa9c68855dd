"""Optional TOTP two-factor for staff (django-otp), on with STAFF_TWO_FACTOR."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct-horse-battery"


@pytest.fixture
def device(staff):
    return TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)


@pytest.fixture
def two_factor_on(settings):
    settings.STAFF_TWO_FACTOR = True


def current_token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(client, **extra: str):
    return client.post(
        reverse("admin:login"),
        {"username": "alice", "password": PASSWORD, "next": reverse("admin:index"), **extra},
        REMOTE_ADDR="203.0.113.7",
    )


def test_off_by_default_password_alone_signs_in(client, staff, device) -> None:
    response = sign_in(client)

    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_off_by_default_login_page_asks_no_code(client, db) -> None:
    assert "otp_token" not in client.get(reverse("admin:login")).content.decode()


@pytest.mark.usefixtures("two_factor_on")
def test_on_login_page_asks_for_a_code(client, db) -> None:
    assert 'name="otp_token"' in client.get(reverse("admin:login")).content.decode()


@pytest.mark.usefixtures("two_factor_on")
def test_on_password_alone_is_refused(client, staff, device) -> None:
    response = sign_in(client)

    assert response.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.usefixtures("two_factor_on")
def test_on_wrong_code_is_refused(client, staff, device) -> None:
    wrong = f"{(int(current_token(device)) + 1) % 1_000_000:06d}"

    sign_in(client, otp_device=device.persistent_id, otp_token=wrong)

    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.usefixtures("two_factor_on")
def test_on_password_and_current_code_sign_in(client, staff, device) -> None:
    response = sign_in(client, otp_device=device.persistent_id, otp_token=current_token(device))

    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.usefixtures("two_factor_on")
def test_on_a_session_without_a_verified_device_is_not_admitted(client, staff) -> None:
    client.force_login(staff)

    assert client.get(reverse("admin:index")).status_code == 302
