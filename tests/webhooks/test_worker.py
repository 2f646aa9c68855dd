"""A real `manage.py run_huey` worker reads the journal and delivers a signed webhook."""

from __future__ import annotations

import json
import subprocess
import sys

from standardwebhooks.webhooks import Webhook

from tests.ops.test_worker import wait_for, worker_env
from tests.processes import BASE_DIR, manage

SEED = """
from tests.factories import EventFactory, PartnerAPIKeyFactory, WebhookEndpointFactory
key = PartnerAPIKeyFactory(contact="ops@partner.example")
endpoint = WebhookEndpointFactory(api_key=key, url="{url}", event_types=["event.published"])
EventFactory(title="Worker webhook summit", slug="worker-webhook-summit")
print(endpoint.secret)
"""


def test_a_real_worker_delivers_a_signed_webhook(server_env, tmp_path, receiver):
    env = {**worker_env(server_env, tmp_path), "WEBHOOKS_ALLOW_LOOPBACK": "true"}
    manage(env, "migrate", "--noinput")
    secret = manage(env, "shell", "-c", SEED.format(url=receiver.url)).strip().splitlines()[-1]
    assert receiver.received == []  # queued by the save, not sent by it

    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers=1"], cwd=BASE_DIR, env=env
    )
    try:
        assert wait_for(lambda: len(receiver.received) >= 1)
    finally:
        process.terminate()
        process.wait(timeout=30)

    request = receiver.received[0]
    message = Webhook(secret).verify(request.body, request.headers)
    assert message["type"] == "event.published"
    assert message["data"]["title"] == "Worker webhook summit"
    assert json.loads(request.body)["object"]["slug"] == "worker-webhook-summit"
