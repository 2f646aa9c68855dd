"""Keyset ("seek") pages for long public lists: deep pages cost what the first one does.

The first NUMBERED_PAGES pages keep their `?page=N` links (OFFSET is cheap that close to the top);
past them, and for every "Older"/"Newer" link beyond, the page starts after (or before) a cursor:
the last (or first) row's sort key, so the database seeks with an index instead of counting its
way through every row before it. A garbled or forged cursor is a message, never a 500.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from core.pagination import WEB_PAGE_SIZE

# Pages reached by number from the top; deeper ones only through cursors.
NUMBERED_PAGES = 10


class BadCursor(ValueError):
    pass


def encode_cursor(values: list[Any]) -> str:
    plain = [value.isoformat() if isinstance(value, date) else value for value in values]
    text = json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(raw: str, kinds: tuple[type, ...]) -> list[Any]:
    """The cursor's values, typed as `kinds` (date, str, int); BadCursor when anything is off."""
    try:
        text = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
        values = json.loads(text)
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise BadCursor(raw) from error
    if not isinstance(values, list) or len(values) != len(kinds):
        raise BadCursor(raw)
    typed = []
    for value, kind in zip(values, kinds, strict=True):
        if kind is date:
            if not isinstance(value, str):
                raise BadCursor(raw)
            try:
                typed.append(date.fromisoformat(value))
            except ValueError as error:
                raise BadCursor(raw) from error
        elif not isinstance(value, kind) or isinstance(value, bool) or "\x00" in str(value):
            raise BadCursor(raw)
        else:
            typed.append(value)
    return typed


@dataclass(frozen=True)
class SortKey:
    """One column of the order: its field, direction and Python type (for the cursor)."""

    field: str
    descending: bool
    kind: type


def _after(keys: tuple[SortKey, ...], values: list[Any], reverse: bool) -> Q:
    """Rows strictly after `values` in the order of `keys` (before them when `reverse`)."""
    condition, equal = Q(), Q()
    for key, value in zip(keys, values, strict=True):
        later = key.descending != reverse
        condition |= equal & Q(**{f"{key.field}__{'lt' if later else 'gt'}": value})
        equal &= Q(**{key.field: value})
    # Implied by the above, but a plain range on the first column lets the database seek to
    # the cursor in its index instead of walking every row before it.
    first = keys[0]
    bound = "lte" if first.descending != reverse else "gte"
    return Q(**{f"{first.field}__{bound}": values[0]}) & condition


def _order(keys: tuple[SortKey, ...], reverse: bool) -> list[str]:
    return [("-" if key.descending != reverse else "") + key.field for key in keys]


@dataclass
class KeysetPage:
    object_list: list[Any]
    count: int
    number: int | None  # None on a cursor page (its position is not counted)
    num_pages: int
    newer: dict[str, Any] = field(default_factory=dict)  # query parameters of the links
    older: dict[str, Any] = field(default_factory=dict)
    error: str = ""

    @property
    def has_newer(self) -> bool:
        return bool(self.newer)

    @property
    def has_older(self) -> bool:
        return bool(self.older)


NO_CURSOR = {"page": None, "after": None, "before": None}


def keyset_page(
    request: HttpRequest,
    queryset: QuerySet,
    keys: tuple[SortKey, ...],
    count: int,
    per_page: int = WEB_PAGE_SIZE,
) -> KeysetPage:
    """The page `?page=N` (N ≤ NUMBERED_PAGES), `?after=cursor` or `?before=cursor` asks for."""
    num_pages = max(1, -(-count // per_page))
    kinds = tuple(key.kind for key in keys)
    for name, reverse in (("after", False), ("before", True)):
        raw = request.GET.get(name)
        if raw is None:
            continue
        try:
            values = decode_cursor(raw.strip(), kinds)
        except BadCursor:
            page = _numbered(request, queryset, keys, count, per_page, num_pages, first=True)
            page.error = _(
                "That page link is broken or out of date, so the newest events are shown."
            )
            return page
        rows = list(
            queryset.filter(_after(keys, values, reverse)).order_by(*_order(keys, reverse))[
                : per_page + 1
            ]
        )
        more = len(rows) > per_page
        rows = rows[:per_page]
        if reverse:
            rows.reverse()
        page = KeysetPage(rows, count, None, num_pages)
        if rows:
            first, last = _cursor(rows[0], keys), _cursor(rows[-1], keys)
            if more or not reverse:
                page.newer = {**NO_CURSOR, "before": first}
            if more or reverse:
                page.older = {**NO_CURSOR, "after": last}
        if reverse and not more:
            # Back at the top: the numbered first page, with its own links.
            return _numbered(request, queryset, keys, count, per_page, num_pages, first=True)
        return page
    return _numbered(request, queryset, keys, count, per_page, num_pages)


def _cursor(row: Model, keys: tuple[SortKey, ...]) -> str:
    return encode_cursor([getattr(row, key.field) for key in keys])


def _numbered(
    request: HttpRequest,
    queryset: QuerySet,
    keys: tuple[SortKey, ...],
    count: int,
    per_page: int,
    num_pages: int,
    first: bool = False,
) -> KeysetPage:
    paginator = Paginator(queryset.order_by(*_order(keys, False)), per_page)
    paginator.count = count  # counted once per content version by the caller
    # Deep numbers are not served by OFFSET: the last numbered page, then cursors.
    raw = "1" if first else request.GET.get("page")
    django_page = paginator.get_page(raw)
    number = min(django_page.number, NUMBERED_PAGES)
    if number != django_page.number:
        django_page = paginator.page(number)
    rows = list(django_page.object_list)
    page = KeysetPage(rows, count, number, num_pages)
    if number > 1:
        page.newer = {**NO_CURSOR, "page": number - 1}
    if django_page.has_next() and rows:
        page.older = (
            {**NO_CURSOR, "page": number + 1}
            if number < NUMBERED_PAGES
            else {**NO_CURSOR, "after": _cursor(rows[-1], keys)}
        )
    return page
