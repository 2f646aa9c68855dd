"""Hardening headers and methods on public pages: what a security scanner checks."""

from __future__ import annotations

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def csp_directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    pairs = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {pair[0]: pair[1] if len(pair) > 1 else "" for pair in pairs}


def test_permissions_policy_turns_off_powerful_features(client):
    response = client.get("/")

    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "browsing-topics=()"):
        assert feature in policy


def test_csp_closes_base_form_and_plugin_holes(client):
    directives = csp_directives(client.get("/"))

    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert directives["object-src"] == "'none'"


def test_referrer_policy_is_the_configured_one(client):
    assert client.get("/")["Referrer-Policy"] == "strict-origin-when-cross-origin"


@override_settings(LANGUAGE_COOKIE_SECURE=True)
def test_language_cookie_is_lax_and_http_only(client):
    from django.conf import settings

    response = client.post("/i18n/setlang/", {"language": "ko", "next": "/"})

    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ko"
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]
    assert cookie["secure"]


def test_production_language_cookie_is_secure():
    from django.conf import settings

    assert settings.LANGUAGE_COOKIE_SAMESITE == "Lax"
    # Secure follows the session cookie: on whenever DEBUG is off.
    assert settings.LANGUAGE_COOKIE_SECURE == settings.SESSION_COOKIE_SECURE


def test_cross_site_post_cannot_switch_the_language(client):
    response = client.post(
        "/i18n/setlang/",
        {"language": "ko", "next": "/"},
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )

    assert response.status_code == 403
    assert "django_language" not in response.cookies


def test_same_origin_post_switches_the_language(client):
    response = client.post(
        "/i18n/setlang/",
        {"language": "ko", "next": "/"},
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "ko"


@pytest.mark.parametrize("path", ["/", "/events/", "/api/v1/events/", "/feeds/latest.rss"])
def test_trace_is_refused(client, path):
    response = client.generic("TRACE", path)

    assert response.status_code == 405
