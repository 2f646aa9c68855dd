"""Partner API: the OpenAPI document is valid and describes filters, formats and errors."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def parameters(schema: dict, path: str) -> set[str]:
    return {p["name"] for p in schema["paths"][path]["get"]["parameters"]}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/api/v1/events/",
            {
                "date_from",
                "date_to",
                "kind",
                "status",
                "issue",
                "person",
                "country",
                "series",
                "parent",
                "q",
                "updated_since",
                "ordering",
                "include",
                "format",
                "page_size",
                "cursor",
            },
        ),
        ("/api/v1/people/", {"country", "organization", "title", "as_of", "q", "updated_since"}),
        ("/api/v1/issues/", {"status", "category", "q", "updated_since", "include"}),
        ("/api/v1/statements/", {"speaker", "event", "issue", "date_from", "date_to"}),
        ("/api/v1/sources/", {"outlet", "kind", "date_from"}),
    ],
)
def test_schema_documents_every_filter(schema, path, expected):
    assert expected <= parameters(schema, path)


@pytest.mark.parametrize("path", ["/api/v1/events/", "/api/v1/events/{slug}/"])
def test_schema_documents_errors_and_formats(schema, path):
    responses = schema["paths"][path]["get"]["responses"]
    assert {"200", "400", "429"} <= set(responses)
    assert {"application/json", "text/csv", "text/calendar"} <= set(responses["200"]["content"])


def test_schema_documents_api_key_scheme(schema):
    assert schema["components"]["securitySchemes"]["ApiKey"]["in"] == "header"


def test_interactive_docs_are_served_offline(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert b"swagger-ui" in response.content
    assert b"cdn.jsdelivr" not in response.content


@pytest.mark.parametrize(
    ("component", "field"),
    [
        ("EventList", "participants"),
        ("PersonList", "positions"),
        ("IssueList", "stances"),
        ("StatementList", "sources"),
    ],
)
def test_include_fields_are_documented_but_optional(schema, component, field):
    # A list row without `include=` lacks them: marking them required would break clients.
    definition = schema["components"]["schemas"][component]
    assert field in definition["properties"]
    assert field not in definition.get("required", [])
