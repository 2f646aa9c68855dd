"""Webhook URLs cannot reach the server's own network: checked at save and again at delivery."""

from __future__ import annotations

import socket

import pytest

from tests.factories import WebhookEndpointFactory
from webhooks import services, ssrf
from webhooks.models import Delivery, DeliveryStatus
from webhooks.ssrf import UnsafeURL, check_url

REFUSED = [
    ("127.0.0.1", "loopback"),
    ("127.8.9.10", "loopback"),
    ("::1", "loopback"),
    ("10.1.2.3", "private"),
    ("172.16.5.4", "private"),
    ("192.168.0.10", "private"),
    ("fc00::1", "private"),
    ("169.254.10.10", "link-local"),
    ("fe80::1", "link-local"),
    ("224.0.0.251", "multicast"),
    ("ff02::1", "multicast"),
    ("240.0.0.1", "reserved"),
    ("0.0.0.0", "unspecified"),
    ("100.64.0.1", "not a public"),
    ("169.254.169.254", "metadata"),
    ("fd00:ec2::254", "metadata"),
    ("::ffff:127.0.0.1", "loopback"),
    ("::ffff:10.0.0.1", "private"),
]


def fake_dns(monkeypatch, *addresses: str) -> None:
    def getaddrinfo(host, port, *args, **kwargs):
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in addresses
        ]

    monkeypatch.setattr(ssrf.socket, "getaddrinfo", getaddrinfo)


@pytest.mark.parametrize(("address", "reason"), REFUSED)
def test_an_address_literal_of_each_refused_class_is_refused(address, reason):
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(UnsafeURL, match=reason):
        check_url(f"https://{host}/hook")


@pytest.mark.parametrize(("address", "reason"), REFUSED)
def test_a_name_resolving_to_a_refused_address_is_refused(monkeypatch, address, reason):
    fake_dns(monkeypatch, address)
    with pytest.raises(UnsafeURL, match=reason):
        check_url("https://hooks.partner.example/hook")


def test_one_private_answer_among_public_ones_is_enough_to_refuse(monkeypatch):
    fake_dns(monkeypatch, "93.184.215.14", "10.0.0.7")
    with pytest.raises(UnsafeURL, match="private"):
        check_url("https://hooks.partner.example/hook")


def test_a_public_address_is_allowed(monkeypatch):
    fake_dns(monkeypatch, "93.184.215.14")
    assert check_url("https://hooks.partner.example/hook") == (
        "https",
        "hooks.partner.example",
        443,
        "93.184.215.14",
    )


def test_http_is_refused_in_production(settings, monkeypatch):
    fake_dns(monkeypatch, "93.184.215.14")
    settings.WEBHOOKS_ALLOW_HTTP = False
    with pytest.raises(UnsafeURL, match="https"):
        check_url("http://hooks.partner.example/hook")
    settings.WEBHOOKS_ALLOW_HTTP = True
    check_url("http://hooks.partner.example/hook")


@pytest.mark.parametrize(
    "url",
    ["ftp://hooks.partner.example/", "https://user:pw@hooks.partner.example/", "https:///x"],
)
def test_other_schemes_credentials_and_missing_hosts_are_refused(url):
    with pytest.raises(UnsafeURL):
        check_url(url)


def test_loopback_is_allowed_only_by_the_test_setting(settings):
    with pytest.raises(UnsafeURL):
        check_url("https://127.0.0.1:8231/")
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    check_url("https://127.0.0.1:8231/")
    with pytest.raises(UnsafeURL, match="private"):  # the setting opens loopback, nothing else
        check_url("https://10.0.0.1/")
    with pytest.raises(UnsafeURL, match="metadata"):
        check_url("https://169.254.169.254/")


@pytest.mark.django_db
def test_dns_rebinding_is_caught_at_delivery_time(monkeypatch, receiver, settings):
    # Saved while the name pointed at a public address; now it answers with the receiver's.
    endpoint = WebhookEndpointFactory(url=f"http://rebind.partner.example:{receiver.port}/hooks")
    settings.WEBHOOKS_ALLOW_HTTP = True
    fake_dns(monkeypatch, "127.0.0.1")

    services.endpoint_ping(endpoint=endpoint)

    delivery = Delivery.objects.get()
    assert receiver.received == []  # never connected
    assert delivery.response_code is None
    assert "loopback" in delivery.error
    assert delivery.status == DeliveryStatus.PENDING  # retried later, checked again


@pytest.mark.django_db
def test_the_api_refuses_a_private_url_with_a_field_error(key_client, monkeypatch):
    fake_dns(monkeypatch, "192.168.1.20")
    response = key_client.post(
        "/api/v1/webhooks/",
        {"url": "https://intranet.partner.example/hook", "event_types": ["*"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "private" in response.json()["url"][0]
