"""The receiver in docs/api.md verifies a real delivery, and refuses a tampered one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import WebhookEndpointFactory
from webhooks import services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loopback")]


def documented_verify():
    text = (Path(settings.BASE_DIR) / "docs" / "api.md").read_text()
    section = text.split("### Signatures (Standard Webhooks)", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 (our own documentation)
    return namespace["verify"]


def test_the_documented_receiver_verifies_a_delivery(receiver):
    verify = documented_verify()
    endpoint = WebhookEndpointFactory(url=receiver.url)
    old = endpoint.secret
    services.endpoint_rotate_secret(endpoint=endpoint)
    services.endpoint_ping(endpoint=endpoint)
    request = receiver.received[0]

    assert verify(endpoint.secret, request.headers, request.body)
    assert verify(old, request.headers, request.body)  # during the rotation
    assert not verify(endpoint.secret, request.headers, request.body + b"x")
    stale = {**request.headers, "webhook-timestamp": "1000000000"}
    assert not verify(endpoint.secret, stale, request.body)
