"""/api/v1/webhooks/: a partner manages its own endpoints with its key, and only its own."""

from __future__ import annotations

import pytest

from core.editorial import EditorialStatus
from tests.factories import (
    IssueFactory,
    PartnerAPIKeyFactory,
    PersonFactory,
    WebhookDeliveryFactory,
    WebhookEndpointFactory,
)
from tests.webhooks.test_ssrf import fake_dns
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db

URL = "/api/v1/webhooks/"


@pytest.fixture(autouse=True)
def public_dns(monkeypatch):
    fake_dns(monkeypatch, "93.184.215.14")


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_a_partner_registers_an_endpoint_and_sees_its_secret_once(key_client, api_key):
    response = post(
        key_client,
        URL,
        {
            "url": "https://hooks.partner.example/rt",
            "event_types": ["event.published", "event.updated"],
            "description": "Newsroom mirror",
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["secret"].startswith("whsec_")
    assert body["enabled"] is True
    endpoint = Endpoint.objects.get()
    assert endpoint.api_key == api_key
    detail = key_client.get(f"{URL}{body['id']}/").json()
    assert "secret" not in detail
    assert detail["event_types"] == ["event.published", "event.updated"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"url": "not a url", "event_types": ["*"]}, "url"),
        ({"url": "ftp://hooks.partner.example/", "event_types": ["*"]}, "url"),
        (
            {"url": "https://hooks.partner.example/", "event_types": ["event.exploded"]},
            "event_types",
        ),
        ({"url": "https://hooks.partner.example/", "event_types": []}, "event_types"),
        ({"url": "https://hooks.partner.example/", "event_types": ["*"], "issue": "nope"}, "issue"),
        (
            {"url": "https://hooks.partner.example/", "event_types": ["*"], "person": "nope"},
            "person",
        ),
        (
            {"url": "https://hooks.partner.example/", "event_types": ["*"], "country": "XX"},
            "country",
        ),
        (
            {"url": "https://hooks.partner.example/", "event_types": ["*"], "contact": "x"},
            "contact",
        ),
    ],
)
def test_bad_input_is_a_field_level_400(key_client, data, field):
    response = post(key_client, URL, data)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_a_hidden_issue_is_refused_like_an_unknown_one(key_client):
    IssueFactory(slug="secret-talks", editorial_status=EditorialStatus.DRAFT)
    hidden = post(
        key_client,
        URL,
        {"url": "https://hooks.partner.example/", "event_types": ["*"], "issue": "secret-talks"},
    ).json()
    unknown = post(
        key_client,
        URL,
        {"url": "https://hooks.partner.example/", "event_types": ["*"], "issue": "no-such-one"},
    ).json()
    assert hidden["issue"][0].replace("secret-talks", "?") == unknown["issue"][0].replace(
        "no-such-one", "?"
    )


def test_filters_on_published_objects_are_accepted(key_client):
    IssueFactory(slug="thaad")
    PersonFactory(slug="wang-yi")
    response = post(
        key_client,
        URL,
        {
            "url": "https://hooks.partner.example/",
            "event_types": ["*"],
            "issue": "thaad",
            "person": "wang-yi",
            "country": "kr",
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["country"] == "KR"


def test_another_keys_endpoint_is_a_404(key_client):
    theirs = WebhookEndpointFactory()
    delivery = WebhookDeliveryFactory(endpoint=theirs)
    for method, url in [
        ("get", f"{URL}{theirs.pk}/"),
        ("get", f"{URL}{theirs.pk}/deliveries/"),
        ("delete", f"{URL}{theirs.pk}/"),
        ("post", f"{URL}{theirs.pk}/ping/"),
        ("post", f"{URL}{theirs.pk}/rotate-secret/"),
        ("post", f"{URL}deliveries/{delivery.pk}/redeliver/"),
    ]:
        assert getattr(key_client, method)(url).status_code == 404, url
    assert key_client.get(URL).json()["results"] == []
    assert Endpoint.objects.filter(pk=theirs.pk).exists()


def test_without_a_key_everything_is_a_401(client):
    endpoint = WebhookEndpointFactory()
    assert client.get(URL).status_code == 401
    assert client.get(f"{URL}{endpoint.pk}/").status_code == 401
    assert post(client, URL, {"url": "https://x.example/", "event_types": ["*"]}).status_code == 401


def test_update_delete_and_re_enable(key_client, api_key):
    endpoint = WebhookEndpointFactory(
        api_key=api_key, enabled=False, disabled_reason="failing", consecutive_failures=5
    )
    response = key_client.patch(
        f"{URL}{endpoint.pk}/", {"enabled": True}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["disabled_reason"] == ""
    assert response.json()["consecutive_failures"] == 0
    response = key_client.put(
        f"{URL}{endpoint.pk}/",
        {"url": "https://other.partner.example/", "event_types": ["person.updated"]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["url"] == "https://other.partner.example/"
    assert key_client.delete(f"{URL}{endpoint.pk}/").status_code == 204
    assert not Endpoint.objects.exists()


def test_ping_rotate_deliveries_and_redeliver(key_client, api_key, monkeypatch):
    sent = []
    monkeypatch.setattr("webhooks.tasks.deliver", lambda delivery_id: sent.append(delivery_id))
    endpoint = WebhookEndpointFactory(api_key=api_key)
    old_secret = endpoint.secret

    ping = key_client.post(f"{URL}{endpoint.pk}/ping/")
    assert ping.status_code == 202
    assert ping.json()["event_type"] == "webhook.ping"
    assert ping.json()["status"] == "pending"

    rotated = key_client.post(f"{URL}{endpoint.pk}/rotate-secret/").json()
    assert rotated["secret"].startswith("whsec_")
    assert rotated["secret"] != old_secret
    endpoint.refresh_from_db()
    assert endpoint.signing_secrets() == [rotated["secret"], old_secret]

    log = key_client.get(f"{URL}{endpoint.pk}/deliveries/").json()["results"]
    assert [d["id"] for d in log] == [ping.json()["id"]]

    again = key_client.post(f"{URL}deliveries/{log[0]['id']}/redeliver/")
    assert again.status_code == 202
    assert again.json()["redelivery_of"] == log[0]["id"]
    assert again.json()["message_id"] == log[0]["message_id"]
    assert sent == [ping.json()["id"], again.json()["id"]]
    assert Delivery.objects.count() == 2


@pytest.mark.parametrize("rows", [5, 50])
def test_list_query_count_does_not_grow(key_client, api_key, django_assert_num_queries, rows):
    WebhookEndpointFactory.create_batch(rows, api_key=api_key)
    WebhookEndpointFactory(api_key=PartnerAPIKeyFactory())  # another key's, not listed
    with django_assert_num_queries(2):  # the key, the page
        response = key_client.get(URL, {"page_size": 100})
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_delivery_log_query_count_does_not_grow(
    key_client, api_key, django_assert_num_queries, rows
):
    endpoint = WebhookEndpointFactory(api_key=api_key)
    WebhookDeliveryFactory.create_batch(rows, endpoint=endpoint)
    with django_assert_num_queries(3):  # the key, the endpoint, the page with its messages
        response = key_client.get(f"{URL}{endpoint.pk}/deliveries/", {"page_size": 100})
    assert len(response.json()["results"]) == rows
