"""Pagination, formats and content negotiation for the partner API, set once in settings.

Kept apart from the views module: DRF reads these classes from settings while its views are being
imported, so this module must not import rest_framework.views (directly or through viewsets).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

import orjson
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import CursorPagination
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from core.pagination import API_DEFAULT_PAGE_SIZE, API_MAX_PAGE_SIZE

# --- Pagination ---------------------------------------------------------------------------------


class PublicCursorPagination(CursorPagination):
    """Cursor pagination (stable while rows are added); `page_size` 1–200, a 400 otherwise."""

    page_size = API_DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = API_MAX_PAGE_SIZE
    ordering = ("-updated_at", "-pk")
    invalid_cursor_message = "Invalid cursor: use the `next` or `previous` link as given."

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return self.page_size
        message = f"Enter a whole number from 1 to {self.max_page_size}."
        try:
            size = int(raw)
        except (TypeError, ValueError):
            raise ValidationError({self.page_size_query_param: [message]}) from None
        if not 1 <= size <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [message]})
        return size

    def get_ordering(self, request: Request, queryset: QuerySet, view: Any) -> tuple[str, ...]:
        self._model = queryset.model
        ordering = getattr(view, "get_pagination_ordering", None)
        return tuple(ordering(request)) if ordering else tuple(self.ordering)

    def decode_cursor(self, request: Request) -> Any:
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise ValidationError(
                {self.cursor_query_param: [self.invalid_cursor_message]}
            ) from None
        if cursor is not None and cursor.position is not None:
            # A forged position must not reach the database (type errors, NUL bytes).
            field = self._model._meta.get_field(self.ordering[0].lstrip("-"))
            try:
                if "\x00" in str(cursor.position):
                    raise DjangoValidationError("NUL")
                field.to_python(cursor.position)
            except (DjangoValidationError, TypeError, ValueError):
                raise ValidationError(
                    {self.cursor_query_param: [self.invalid_cursor_message]}
                ) from None
        return cursor

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        links = [(self.get_next_link(), "next"), (self.get_previous_link(), "prev")]
        header = ", ".join(f'<{url}>; rel="{rel}"' for url, rel in links if url)
        if header:
            response["Link"] = header  # CSV and iCalendar readers page with it too
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {"type": ["string", "null"], "format": "uri"},
                "previous": {"type": ["string", "null"], "format": "uri"},
                "results": schema,
            },
        }


# --- Formats ------------------------------------------------------------------------------------

UTF8_BOM = "\ufeff"
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM_VALUES = {"true": True, "1": True, "false": False, "0": False, "": False}


def parse_bom(raw: str | None) -> bool:
    """`?bom=true|1|false|0`: prefix the CSV with a UTF-8 byte order mark (for Excel)."""
    value = BOM_VALUES.get((raw or "").strip().lower())
    if value is None:
        raise ValidationError({"bom": ["Enter true or false."]})
    return value


def _annotation(field: Any) -> Any:
    """What a field says it holds in the schema (drf-spectacular's extend_schema_field)."""
    if isinstance(field, serializers.SerializerMethodField) and field.parent is not None:
        method = getattr(field.parent, field.method_name, None)
        return getattr(method, "_spectacular_annotation", {}).get("field")
    return getattr(type(field), "_spectacular_annotation", {}).get("field")


def _field_columns(field: Any, name: str) -> list[str]:
    if isinstance(field, serializers.ListSerializer | serializers.ListField):
        return [name]  # one cell: the items' slugs or ids
    if isinstance(field, serializers.Serializer):
        return [
            column
            for child_name, child in field.fields.items()
            for column in _field_columns(child, f"{name}.{child_name}")
        ]
    annotation = _annotation(field)
    if isinstance(annotation, serializers.BaseSerializer):
        return _field_columns(annotation, name)
    if isinstance(annotation, dict) and annotation.get("type") == "object":
        return [f"{name}.{key}" for key in annotation.get("properties", {})]
    return [name]


def serializer_columns(serializer: serializers.Serializer) -> list[str]:
    """The CSV header of a serializer's rows: the same whatever the rows hold (or if none)."""
    return [
        column
        for name, field in serializer.fields.items()
        for column in _field_columns(field, name)
    ]


def _cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _flatten(value: Any, prefix: str, row: dict[str, str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else key, row)
    elif isinstance(value, list):
        # One row per object: a list becomes one cell, its items named by slug or id.
        row[prefix] = _cell("; ".join(_label(item) for item in value))
    elif value is None:
        row[prefix] = ""
    elif isinstance(value, bool):
        row[prefix] = "true" if value else "false"
    elif isinstance(value, str):
        row[prefix] = _cell(value)
    else:
        row[prefix] = str(value)


def _label(item: Any) -> str:
    """What identifies a list item: its own slug or id; else the object it points to.

    A citation is named by its source's id, a participation by its person's slug, a position
    by its organization's, a stance by its party, an identifier as `scheme:value`.
    """
    if not isinstance(item, dict):
        return "" if item is None else str(item)
    for key in ("slug", "id", "name", "display_name", "party"):
        if item.get(key) not in (None, ""):
            return str(item[key])
    if item.get("scheme") and item.get("value"):
        return f"{item['scheme']}:{item['value']}"
    for nested in item.values():
        if isinstance(nested, dict):
            return _label(nested)
    return str(item.get("title") or "")


def flatten_row(obj: dict[str, Any]) -> dict[str, str]:
    row: dict[str, str] = {}
    _flatten(obj, "", row)
    return row


def csv_lines(objects: Iterable[dict[str, Any]], columns: list[str]) -> Iterator[str]:
    """The header, then one line per object; cells not in `columns` are left out."""
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=columns, restval="", extrasaction="ignore", lineterminator="\r\n"
    )
    writer.writeheader()
    yield buffer.getvalue()
    for obj in objects:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(flatten_row(obj))
        yield buffer.getvalue()


def write_csv(
    objects: Iterable[dict[str, Any]], columns: list[str] | None = None, *, bom: bool = False
) -> bytes:
    """A whole CSV document; without `columns`, the keys the objects happen to have."""
    objects = list(objects)
    if columns is None:
        columns = list(dict.fromkeys(key for obj in objects for key in flatten_row(obj)))
    text = "".join(csv_lines(objects, columns))
    return ((UTF8_BOM if bom else "") + text).encode("utf-8")


class FastJSONRenderer(JSONRenderer):
    """DRF's JSON renderer, written by orjson: the same bytes, in a tenth of the time.

    Same output as DRF's settings here (compact, UTF-8, U+2028/U+2029 escaped): dates and times
    go through DRF's own encoder (orjson's format differs), as does anything orjson does not
    know; what orjson refuses (a non-string key, an integer past 64 bits, a lone surrogate)
    and indented output (`Accept: application/json; indent=4`) are left to DRF's renderer.
    No answer of this API holds a float (orjson would write NaN as null where DRF refuses it).
    tests/core/test_api_json_renderer.py compares the two byte for byte.
    """

    options = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict[str, Any] | None = None,
    ) -> bytes:
        if (
            data is None
            or self.ensure_ascii
            or not self.compact
            or self.get_indent(accepted_media_type, renderer_context or {}) is not None
        ):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            body = orjson.dumps(data, default=self.encoder_class().default, option=self.options)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        # As DRF: a strict JavaScript subset.
        return body.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")


class CSVRenderer(BaseRenderer):
    """Flat CSV, one row per object, nested objects as dotted columns; UTF-8, native scripts kept.

    The columns come from the view's serializer, never from the rows, so every page, filter and
    empty result of a resource has the same header.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if data is None:
            return b""
        context = renderer_context or {}
        view = context.get("view")
        response = context.get("response")
        if isinstance(data, dict) and "results" in data:
            objects = data["results"]
        elif isinstance(data, dict):
            objects = [data]
        else:
            objects = list(data)
        columns = None
        if response is not None and response.status_code < 400:
            csv_columns = getattr(view, "csv_columns", None)
            columns = csv_columns() if csv_columns else None
            filename = getattr(view, "download_name", None)
            if filename:
                response["Content-Disposition"] = f'attachment; filename="{filename()}.csv"'
        return write_csv(objects, columns, bom=getattr(view, "csv_bom", False))


class ICSRenderer(BaseRenderer):
    """iCalendar; the view hands over the finished bytes (see events.calendar)."""

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if isinstance(data, bytes):
            return data
        return b""


class PublicContentNegotiation(DefaultContentNegotiation):
    """An unknown `?format=` is a 400 on `format` (DRF's default is a 404)."""

    def filter_renderers(self, renderers: list[BaseRenderer], format: str) -> list[BaseRenderer]:
        matching = [renderer for renderer in renderers if renderer.format == format]
        if not matching:
            choices = ", ".join(renderer.format for renderer in renderers)
            raise ValidationError(
                {"format": [f"Unknown format {format!r}. Choose from: {choices}."]}
            )
        return matching
