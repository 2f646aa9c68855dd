"""https deliveries: the certificate is verified for the URL's host name while the connection goes
to the address the SSRF check approved."""

from __future__ import annotations

import ssl
import subprocess

import pytest

from tests.factories import WebhookEndpointFactory
from tests.webhooks.receiver import Receiver
from tests.webhooks.test_ssrf import fake_dns
from webhooks import services
from webhooks.models import Delivery, DeliveryStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loopback")]


@pytest.fixture
def tls_receiver(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=hooks.partner.test", "-addext", "subjectAltName=DNS:hooks.partner.test",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    receiver = Receiver()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    receiver.server.socket = context.wrap_socket(receiver.server.socket, server_side=True)
    receiver.cert = cert
    with receiver:
        yield receiver


def test_https_delivery_verifies_the_certificate_of_the_url_host(
    tls_receiver, settings, monkeypatch
):
    fake_dns(monkeypatch, "127.0.0.1")
    endpoint = WebhookEndpointFactory(url=f"https://hooks.partner.test:{tls_receiver.port}/hooks")

    services.endpoint_ping(endpoint=endpoint)  # the system CAs do not know this certificate
    delivery = Delivery.objects.get()
    assert delivery.response_code is None
    assert "CERTIFICATE_VERIFY_FAILED" in delivery.error or "certificate" in delivery.error
    assert tls_receiver.received == []

    settings.WEBHOOKS_CA_BUNDLE = str(tls_receiver.cert)
    services.delivery_redeliver(delivery=delivery)
    again = Delivery.objects.latest("id")
    assert again.status == DeliveryStatus.SUCCEEDED, again.error
    assert tls_receiver.received[0].headers["host"] == f"hooks.partner.test:{tls_receiver.port}"
