"""Partner API keys: hashed storage, authentication, revocation, expiry, quotas, admin, no writes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.utils import timezone

from partners.models import PartnerAPIKey
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/events/"


def auth(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Api-Key {key}"}


def test_raw_key_is_not_stored(db):
    api_key, key = PartnerAPIKey.objects.create_key(name="Newsroom")
    stored = PartnerAPIKey.objects.filter(pk=api_key.pk).values().get()
    assert all(key not in str(value) for value in stored.values())
    assert key.startswith(api_key.prefix + ".")


def test_valid_key_reads_the_api(client):
    EventFactory()
    _, key = PartnerAPIKey.objects.create_key(name="Newsroom")
    assert client.get(EVENTS, **auth(key)).status_code == 200


@pytest.mark.parametrize("header", ["Api-Key wrong.key", "Api-Key ", "api-key nothing"])
def test_wrong_key_is_401_with_challenge(client, header):
    response = client.get(EVENTS, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"


def test_tampered_secret_with_real_prefix_is_401(client):
    api_key, key = PartnerAPIKey.objects.create_key(name="Newsroom")
    assert client.get(EVENTS, **auth(f"{api_key.prefix}.not-the-secret")).status_code == 401


def test_revoked_key_is_refused(client):
    api_key, key = PartnerAPIKey.objects.create_key(name="Newsroom")
    api_key.revoked = True
    api_key.save()
    assert client.get(EVENTS, **auth(key)).status_code == 401


def test_revocation_cannot_be_undone(db):
    api_key, _ = PartnerAPIKey.objects.create_key(name="Newsroom", revoked=True)
    api_key.revoked = False
    with pytest.raises(ValidationError):
        api_key.save()


def test_expired_key_is_refused(client):
    _, key = PartnerAPIKey.objects.create_key(
        name="Newsroom", expiry_date=timezone.now() - dt.timedelta(minutes=1)
    )
    assert client.get(EVENTS, **auth(key)).status_code == 401


def test_key_quota_is_enforced_with_retry_after(client):
    _, key = PartnerAPIKey.objects.create_key(name="Small partner", rate="2/minute")
    assert client.get(EVENTS, **auth(key)).status_code == 200
    assert client.get(EVENTS, **auth(key)).status_code == 200
    response = client.get(EVENTS, **auth(key))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60


def test_each_key_has_its_own_quota(client):
    _, small = PartnerAPIKey.objects.create_key(name="Small", rate="1/minute")
    _, other = PartnerAPIKey.objects.create_key(name="Other", rate="1/minute")
    assert client.get(EVENTS, **auth(small)).status_code == 200
    assert client.get(EVENTS, **auth(small)).status_code == 429
    assert client.get(EVENTS, **auth(other)).status_code == 200


def test_anonymous_rate_is_enforced_with_retry_after(client, settings, monkeypatch):
    from partners.auth import AnonymousRateThrottle

    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    assert client.get(EVENTS).status_code == 200
    assert client.get(EVENTS).status_code == 200
    response = client.get(EVENTS)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_a_key_lifts_the_anonymous_limit(client, monkeypatch):
    from partners.auth import AnonymousRateThrottle

    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    _, key = PartnerAPIKey.objects.create_key(name="Newsroom", rate="100/minute")
    assert client.get(EVENTS).status_code == 200
    assert client.get(EVENTS).status_code == 429
    assert client.get(EVENTS, **auth(key)).status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_key_never_grants_writes(client, method):
    event = EventFactory(slug="e")
    _, key = PartnerAPIKey.objects.create_key(name="Newsroom")
    for url in [EVENTS, f"{EVENTS}e/"]:
        response = getattr(client, method)(
            url, data={}, content_type="application/json", **auth(key)
        )
        assert response.status_code == 405
    event.refresh_from_db()
    assert event.slug == "e"


@pytest.mark.parametrize("rate", ["lots", "5000/fortnight", "0/hour", "-1/day"])
def test_malformed_quota_is_a_form_error(db, rate):
    api_key = PartnerAPIKey(name="Newsroom", rate=rate)
    with pytest.raises(ValidationError) as excinfo:
        api_key.full_clean(exclude=["id", "prefix", "hashed_key"])
    assert "rate" in excinfo.value.message_dict


def test_admin_creates_a_key_and_shows_it_once(client):
    admin = UserFactory(username="root", is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/admin/partners/partnerapikey/add/",
        {"name": "Newsroom", "contact": "data@example.org", "rate": "5000/hour", "notes": ""},
    )
    assert response.status_code == 302
    api_key = PartnerAPIKey.objects.get(name="Newsroom")
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    (message,) = [m for m in messages if "The API key for" in m]
    key = message.split("The API key for Newsroom is: ")[1].split(". ")[0]
    assert PartnerAPIKey.objects.get_from_key(key) == api_key
    assert api_key.rate == "5000/hour"
    change_url = f"/admin/partners/partnerapikey/{api_key.pk}/change/"
    client.get(change_url)  # the page after the add shows (and consumes) the one-time message
    assert key not in client.get(change_url).content.decode()


def test_admin_changelist_lists_keys_without_secrets(client):
    api_key, key = PartnerAPIKey.objects.create_key(name="Newsroom", rate="10/second")
    client.force_login(UserFactory(username="root", is_superuser=True))
    body = client.get("/admin/partners/partnerapikey/").content.decode()
    assert "Newsroom" in body
    assert api_key.prefix in body
    assert key not in body


def test_editors_cannot_manage_keys(editor_client):
    assert editor_client.get("/admin/partners/partnerapikey/").status_code == 403


def test_forged_forwarded_for_does_not_dodge_the_anonymous_rate(client, monkeypatch):
    from partners.auth import AnonymousRateThrottle

    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    assert client.get(EVENTS, HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 200
    assert client.get(EVENTS, HTTP_X_FORWARDED_FOR="10.0.0.2").status_code == 429
