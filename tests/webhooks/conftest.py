"""Fixtures for the webhook tests: a local receiver, loopback allowed, a partner key."""

from __future__ import annotations

import pytest

from tests.factories import PartnerAPIKeyFactory
from tests.webhooks.receiver import Receiver


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def loopback(settings):
    """Deliveries to 127.0.0.1 over http, as a test receiver needs (never in production)."""
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    settings.WEBHOOKS_ALLOW_HTTP = True


@pytest.fixture
def api_key(db):
    return PartnerAPIKeyFactory(contact="ops@partner.example")


@pytest.fixture
def key_client(client, api_key):
    client.defaults["HTTP_AUTHORIZATION"] = f"Api-Key {api_key.plain_key}"
    return client


@pytest.fixture(autouse=True)
def commit_at_once(monkeypatch):
    """Work queued "after the commit" runs at once: the test's transaction never commits.

    (tests/webhooks/test_request_path.py overrides this to see what a request queues.)"""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    """A worker closes its database connection around each task (djhuey's db_task); here the
    "worker" shares the test's connection, inside the test's transaction: keep it open (on
    PostgreSQL closing it would end the test's transaction)."""
    import huey.contrib.djhuey as djhuey

    monkeypatch.setattr(djhuey, "close_old_connections", lambda: None)
