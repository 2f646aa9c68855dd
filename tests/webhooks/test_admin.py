"""Administrators manage partner endpoints and read the delivery log in the admin."""

from __future__ import annotations

import pytest

from tests.admin_utils import admin_form_data, change_url
from tests.factories import (
    PartnerAPIKeyFactory,
    UserFactory,
    WebhookDeliveryFactory,
    WebhookEndpointFactory,
)
from tests.webhooks.test_ssrf import fake_dns
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_superuser=True))
    return client


def test_changelists_and_pages_render(admin_client):
    delivery = WebhookDeliveryFactory()
    for url in [
        "/admin/webhooks/endpoint/",
        "/admin/webhooks/endpoint/add/",
        change_url(delivery.endpoint),
        "/admin/webhooks/delivery/",
        change_url(delivery),
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_an_admin_adds_an_endpoint_through_the_same_checks_as_the_api(admin_client, monkeypatch):
    key = PartnerAPIKeyFactory()
    fake_dns(monkeypatch, "10.0.0.5")
    data = {"api_key": key.pk, "url": "https://intranet.partner.example/", "event_types": ["*"]}
    response = admin_client.post("/admin/webhooks/endpoint/add/", data)
    assert response.status_code == 200
    assert "private address" in response.content.decode()
    assert not Endpoint.objects.exists()

    fake_dns(monkeypatch, "93.184.215.14")
    response = admin_client.post(
        "/admin/webhooks/endpoint/add/", {**data, "url": "https://hooks.partner.example/"}
    )
    assert response.status_code == 302
    assert Endpoint.objects.get().secret.startswith("whsec_")


def test_an_admin_edits_an_endpoint(admin_client, monkeypatch):
    fake_dns(monkeypatch, "93.184.215.14")
    endpoint = WebhookEndpointFactory()
    page = admin_client.get(change_url(endpoint))
    response = admin_client.post(
        change_url(endpoint), admin_form_data(page, description="Newsroom")
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.description == "Newsroom"


def test_ping_and_redeliver_actions_queue_deliveries(admin_client, monkeypatch):
    sent = []
    monkeypatch.setattr("webhooks.tasks.deliver", lambda delivery_id: sent.append(delivery_id))
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )
    endpoint = WebhookEndpointFactory()
    admin_client.post(
        "/admin/webhooks/endpoint/",
        {"action": "send_ping", "_selected_action": [endpoint.pk]},
    )
    delivery = Delivery.objects.get()
    admin_client.post(
        "/admin/webhooks/delivery/",
        {"action": "redeliver", "_selected_action": [delivery.pk]},
    )
    assert Delivery.objects.count() == 2
    assert len(sent) == 2


def test_editors_cannot_manage_endpoints(editor_client):
    assert editor_client.get("/admin/webhooks/endpoint/").status_code == 403
