"""Pagination, formats and content negotiation for the partner API, set once in settings.

Kept apart from the views module: DRF reads these classes from settings while its views are being
imported, so this module must not import rest_framework.views (directly or through viewsets).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import CursorPagination
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50


# --- Pagination ---------------------------------------------------------------------------------


class PublicCursorPagination(CursorPagination):
    """Cursor pagination (stable while rows are added); `page_size` 1–200, a 400 otherwise."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
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
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }


# --- Formats ------------------------------------------------------------------------------------


def _flatten(value: Any, prefix: str, row: dict[str, str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else key, row)
    elif isinstance(value, list):
        # One row per object: a list becomes one cell, its items named by slug, name or id.
        row[prefix] = "; ".join(_label(item) for item in value)
    elif value is None:
        row[prefix] = ""
    elif isinstance(value, bool):
        row[prefix] = "true" if value else "false"
    else:
        row[prefix] = str(value)


def _label(item: Any) -> str:
    if isinstance(item, dict):
        for key in ("slug", "name", "display_name"):
            if item.get(key) not in (None, ""):
                return str(item[key])
        # A participation or citation is named by the person or source it points to.
        for nested in item.values():
            if isinstance(nested, dict):
                return _label(nested)
        for key in ("title", "id"):
            if item.get(key) not in (None, ""):
                return str(item[key])
        return ""
    return "" if item is None else str(item)


class CSVRenderer(BaseRenderer):
    """Flat CSV, one row per object, nested objects as dotted columns; UTF-8, native scripts kept."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if data is None:
            return b""
        if isinstance(data, dict) and "results" in data:
            objects = data["results"]
        elif isinstance(data, dict):
            objects = [data]
        else:
            objects = list(data)
        rows: list[dict[str, str]] = []
        for obj in objects:
            row: dict[str, str] = {}
            _flatten(obj, "", row)
            rows.append(row)
        columns = list(dict.fromkeys(key for row in rows for key in row))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")


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
