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

from core.api.viewsets import FORMAT_PARAMETER, PAGE_SIZE_PARAMETER, include_parameter

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
    parameters = [PAGE_SIZE_PARAMETER, CURSOR_PARAMETER, format_parameter(formats)]
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
        parameters=[format_parameter(formats)],
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
