"""The OpenAPI document as tools read it: typed filters, documented headers, a generated client."""

from __future__ import annotations

import importlib
import inspect
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from openapi_spec_validator import validate

from tests.factories import (
    EventFactory,
    IssueFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db
GENERATOR = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent))
FUZZY_DATE_PARAMETERS = {
    "/api/v1/events/": ["date_from", "date_to"],
    "/api/v1/statements/": ["date_from", "date_to"],
    "/api/v1/sources/": ["date_from"],
    "/api/v1/people/": ["as_of"],
}


def test_every_fuzzy_date_filter_is_a_patterned_string(schema):
    for path, names in FUZZY_DATE_PARAMETERS.items():
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        for name in names:
            declared = parameters[name]["schema"]
            assert declared["type"] == "string", (path, name)
            assert "format" not in declared, (path, name)
            assert declared["pattern"], (path, name)


def test_validators_paging_and_limits_are_documented(schema):
    validate(schema)
    for path, item in schema["paths"].items():
        operation = item.get("get")
        if operation is None:  # a keyed POST of the webhooks API (tests/webhooks/test_api.py)
            continue
        responses = operation["responses"]
        ok = responses["200"]
        assert {"ETag", "Last-Modified"} <= set(ok.get("headers", {})), path
        assert "304" in responses, path
        if "cursor" in {p["name"] for p in operation.get("parameters", [])}:
            assert "Link" in ok["headers"], path
        if "429" in responses:
            assert "Retry-After" in responses["429"]["headers"], path


@pytest.fixture
def generated_client(schema, tmp_path):
    """A client generated from the live schema by openapi-python-client, not edited by hand."""
    if GENERATOR is None:
        pytest.skip("openapi-python-client is not installed")
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    config = Path(settings.BASE_DIR) / "tests" / "api" / "openapi-python-client.yaml"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(
        [
            GENERATOR,
            "generate",
            "--path",
            str(tmp_path / "schema.json"),
            "--output-path",
            str(tmp_path / "rt_client"),
            "--meta",
            "none",
            "--config",
            str(config),
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    sys.path.insert(0, str(tmp_path))
    try:
        package = importlib.import_module("rt_client")
        yield package
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name.split(".")[0] == "rt_client"]:
            del sys.modules[name]


@pytest.fixture
def wsgi_app():
    """The project's WSGI application, called in-process inside the test's transaction.

    A real WSGI handler closes "old" database connections when a request starts and finishes;
    inside a test transaction (autocommit off) PostgreSQL's connection counts as unusable and is
    closed, and the next request fails with "the connection is closed" (which ops answers as a
    503). Django's own test client disconnects the same handler for the same reason.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_generated_client_runs_every_operation(generated_client, wsgi_app, settings, tmp_path):
    event = EventFactory(slug="summit")
    statement = StatementFactory(event=event)
    keys = {
        "events": event.slug,
        "people": PersonFactory(slug="lee").slug,
        "organizations": OrganizationFactory(slug="mofa").slug,
        "issues": IssueFactory(slug="hallyu").slug,
        "statements": statement.pk,
        "sources": SourceFactory().pk,
    }
    settings.EXPORT_DIR = tmp_path / "exports"
    call_command("export_data", stdout=io.StringIO())  # the bulk export, as the worker builds it
    transport = httpx.WSGITransport(app=wsgi_app)
    client = generated_client.client.Client(
        base_url="http://testserver", raise_on_unexpected_status=True
    ).set_httpx_client(
        httpx.Client(transport=transport, base_url="http://testserver", follow_redirects=True)
    )
    api = Path(generated_client.__file__).parent / "api"
    called = []
    for module_path in sorted(api.glob("*/*.py")):
        if module_path.name == "__init__.py":
            continue
        tag, name = module_path.parent.name, module_path.stem
        if tag == "webhooks":  # a partner's own endpoints, with its key: tests/webhooks/
            continue
        module = importlib.import_module(f"rt_client.api.{tag}.{name}")
        parameters = inspect.signature(module.sync_detailed).parameters
        kwargs = {"client": client}
        for key in ("slug", "id"):
            if key in parameters:
                kwargs[key] = keys[tag]
        for fuzzy in ("date_from", "date_to", "as_of"):
            if fuzzy in parameters:
                kwargs[fuzzy] = "2026-Q1"

        response = module.sync_detailed(**kwargs)

        assert response.status_code == 200, (name, response.content[:300])
        assert response.parsed is not None, name
        called.append(name)
    assert len(called) >= 14
