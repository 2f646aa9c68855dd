"""OpenAPI documentation shared by every API list and detail: parameters, formats and errors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers

from core.api.viewsets import (
    FORMAT_PARAMETER,
    LANG_PARAMETERS,
    PAGE_SIZE_PARAMETER,
    include_parameter,
)

FIELD_ERRORS = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description="A bad parameter (unknown choice or slug, malformed date, page size out of range, "
    "NUL byte, forged cursor): an object mapping each parameter to its messages.",
    examples=[
        OpenApiExample(
            "Unknown kind and malformed date",
            value={
                "kind": ["Select a valid choice. picnic is not one of the available choices."],
                "date_from": ["Enter a date as YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY."],
            },
        )
    ],
)
DETAIL_ERROR = inline_serializer("ErrorDetail", fields={"detail": serializers.CharField()})
NOT_FOUND = OpenApiResponse(DETAIL_ERROR, description="No published object with this key.")
UNAUTHORIZED = OpenApiResponse(
    DETAIL_ERROR, description="The API key is wrong, revoked or expired."
)
THROTTLED = OpenApiResponse(
    DETAIL_ERROR,
    description="Rate limit reached (anonymous, or the key's quota). `Retry-After` gives seconds.",
)
CURSOR_PARAMETER = OpenApiParameter(
    "cursor", OpenApiTypes.STR, description="Opaque position; follow the `next`/`previous` links."
)


def list_schema(
    plural: str,
    serializer: Any,
    includes: Iterable[str],
    *,
    formats: Iterable[str] = ("json", "csv"),
) -> Any:
    """extend_schema for a list: paging, include=, formats and the error responses."""
    parameters = [
        PAGE_SIZE_PARAMETER,
        CURSOR_PARAMETER,
        format_parameter(formats),
        *LANG_PARAMETERS,
    ]
    includes = tuple(includes)
    if includes:
        parameters.append(include_parameter(includes))
    return extend_schema(
        summary=f"List published {plural}",
        description=f"Published {plural} only, cursor-paginated (stable while data changes). "
        "Filters are ANDed; a bad value is a 400 naming the parameter. Revalidate with "
        "If-None-Match: an unchanged page answers 304.",
        parameters=parameters,
        responses={200: serializer, 400: FIELD_ERRORS, 401: UNAUTHORIZED, 429: THROTTLED},
    )


def retrieve_schema(
    singular: str, serializer: Any, *, formats: Iterable[str] = ("json", "csv")
) -> Any:
    """extend_schema for a detail: formats and the error responses."""
    return extend_schema(
        summary=f"One published {singular}, with everything attached",
        parameters=[format_parameter(formats), *LANG_PARAMETERS],
        responses={
            200: serializer,
            400: FIELD_ERRORS,
            401: UNAUTHORIZED,
            404: NOT_FOUND,
            429: THROTTLED,
        },
    )


def format_parameter(formats: Iterable[str]) -> OpenApiParameter:
    formats = list(formats)
    if formats == ["json", "csv"]:
        return FORMAT_PARAMETER
    return OpenApiParameter(
        "format",
        OpenApiTypes.STR,
        enum=formats,
        description="Response format: json (default), csv (one row per object, UTF-8)"
        + (", ics (iCalendar)" if "ics" in formats else "")
        + ".",
    )


# --- Response headers, added to every operation once the document is built -------------------

VALIDATOR_HEADERS = {
    "ETag": {
        "schema": {"type": "string"},
        "description": "Validator of this exact response; send it back as If-None-Match.",
    },
    "Last-Modified": {
        "schema": {"type": "string"},
        "description": "When published content last changed (HTTP date); for If-Modified-Since.",
    },
}
CONTENT_LANGUAGE_HEADER = {
    "schema": {"type": "string", "enum": ["en", "ko", "zh-hans"]},
    "description": "The language of the translatable fields (from `lang`, else Accept-Language, "
    "else en). Responses vary on Accept-Language.",
}
LINK_HEADER = {
    "schema": {"type": "string"},
    "description": 'The next and previous pages: <url>; rel="next", <url>; rel="prev".',
}
RETRY_AFTER_HEADER = {
    "schema": {"type": "integer"},
    "description": "Seconds to wait before the next request.",
}
RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": {
        "schema": {"type": "integer"},
        "description": "Requests allowed per window (anonymous per address, or the key's quota).",
    },
    "RateLimit-Remaining": {
        "schema": {"type": "integer"},
        "description": "Requests left in the current window.",
    },
    "RateLimit-Reset": {
        "schema": {"type": "integer"},
        "description": "Seconds until a request is free again.",
    },
    "RateLimit-Policy": {
        "schema": {"type": "string", "example": "120;w=60"},
        "description": "The quota as `<limit>;w=<window seconds>`.",
    },
}
NOT_MODIFIED = {
    "description": "Not Modified: the copy named by If-None-Match or If-Modified-Since is "
    "current. No body.",
    "headers": {"ETag": VALIDATOR_HEADERS["ETag"]},
}
CONDITIONAL_PARAMETERS = [
    {
        "in": "header",
        "name": "If-None-Match",
        "schema": {"type": "string"},
        "description": "An ETag from an earlier response: 304 if it is still current.",
    },
    {
        "in": "header",
        "name": "If-Modified-Since",
        "schema": {"type": "string"},
        "description": "An HTTP date: 304 if nothing changed since (If-None-Match wins).",
    },
]


def document_http_headers(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: validators, 304, Link, Retry-After and rate-limit
    headers everywhere."""
    for item in result.get("paths", {}).values():
        operation = item.get("get")
        if operation is None:
            continue
        responses = operation.setdefault("responses", {})
        if "200" in responses:
            headers = responses["200"].setdefault("headers", {})
            headers.update(VALIDATOR_HEADERS)
            headers.update(RATE_LIMIT_HEADERS)
            names = {parameter["name"] for parameter in operation.get("parameters", [])}
            if "cursor" in names:
                headers["Link"] = LINK_HEADER
            if "lang" in names:
                headers["Content-Language"] = CONTENT_LANGUAGE_HEADER
        responses.setdefault("304", NOT_MODIFIED)
        if "429" in responses:
            throttled = responses["429"].setdefault("headers", {})
            throttled["Retry-After"] = RETRY_AFTER_HEADER
            throttled.update(RATE_LIMIT_HEADERS)
        parameters = operation.setdefault("parameters", [])
        known = {(parameter["in"], parameter["name"]) for parameter in parameters}
        parameters.extend(
            parameter
            for parameter in CONDITIONAL_PARAMETERS
            if (parameter["in"], parameter["name"]) not in known
        )
    return result
