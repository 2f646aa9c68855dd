"""Helpers shared by the public page views of every app."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.editorial import EditorialStatus
from core.pagination import DETAIL_LIST_ROWS, WEB_PAGE_SIZE

# As django.utils.html.json_script does: nothing in the text can end the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def parse_as_of(request: HttpRequest) -> tuple[date | None, str]:
    """`?as_of=YYYY-MM-DD` as a date, or (None, a message for the reader) when it is malformed."""
    raw = request.GET.get("as_of", "").strip()
    if not raw:
        return None, ""
    try:
        return date.fromisoformat(raw), ""
    except ValueError:
        return None, _("“%(value)s” is not a date. Use the form YYYY-MM-DD, e.g. 2025-12-31.") % {
            "value": raw[:40]
        }


def preview_state(obj: Model) -> str:
    """The editorial state to announce in the preview banner, or "" when the object is public."""
    if getattr(obj, "is_public", True):
        return ""
    status = obj.get_editorial_status_display()  # type: ignore[attr-defined]
    if obj.editorial_status == EditorialStatus.PUBLISHED:  # type: ignore[attr-defined]
        return _("scheduled for %(when)s") % {"when": obj.publish_at}  # type: ignore[attr-defined]
    return str(status)


def paginate(request: HttpRequest, items: Any, per_page: int = WEB_PAGE_SIZE) -> Page:
    """The requested page; a bad or out-of-range `?page=` gives the nearest valid page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


@dataclass
class Summary:
    """The first `limit` rows of a long list on a detail page, and whether there are more."""

    rows: list[Any]
    more: bool
    limit: int

    def __iter__(self) -> Any:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


def summarise(queryset: QuerySet, limit: int = DETAIL_LIST_ROWS) -> Summary:
    """At most `limit` rows (one query): a detail page stays bounded however long the list."""
    rows = list(queryset[: limit + 1])
    return Summary(rows[:limit], len(rows) > limit, limit)


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def json_ld(data: dict[str, Any]) -> SafeString:
    """A schema.org JSON-LD <script> block, escaped so text cannot close the element."""
    text = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@dataclass
class FilteredList:
    """A public list narrowed by its FilterSet, with what the page needs to show the form."""

    queryset: QuerySet
    # The non-blank parameters the reader sent (without `page`), to refill the form.
    params: dict[str, str]
    # One message per value that was ignored, and the names of the fields that held them.
    errors: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)


# Query parameters that choose a page of a list, not which rows are in it.
NOT_FILTERS = frozenset({"page", "after", "before"})


def filter_list(
    request: HttpRequest,
    filterset_class: type,
    queryset: QuerySet,
    data: QueryDict | None = None,
    **choices: Any,
) -> FilteredList:
    """`queryset` narrowed by the page's FilterSet (the one the API uses for the same list).

    Blank values (a form's "Any …" option) and `page` are dropped first. A bad value is ignored
    with a message naming it; the good ones still apply, so a page never answers 400 or 500.
    `choices` narrows a field to what the page offers, e.g. `country=[("KR", "South Korea")]`
    (a list of choices) or `organization=<QuerySet>` (a model choice field's queryset).
    `data` replaces the query string (a page that resolved some values first).
    """
    query = request.GET if data is None else data
    params = {k: v for k, v in query.items() if k not in NOT_FILTERS and v.strip()}
    if not params:
        return FilteredList(queryset, params)
    data = QueryDict(mutable=True)
    for key, values in query.lists():
        kept = [value for value in values if value.strip()]
        if key not in NOT_FILTERS and kept:
            data.setlist(key, kept)
    filterset = filterset_class(data, queryset=queryset, request=request)
    for name, narrowed in choices.items():
        form_field = filterset.form.fields[name]
        if isinstance(narrowed, QuerySet):
            form_field.queryset = narrowed
        else:
            form_field.choices = narrowed
    if filterset.is_valid():
        return FilteredList(filterset.qs, params)
    return FilteredList(filterset.qs, params, filter_errors(filterset), list(filterset.form.errors))


def filter_errors(filterset: Any) -> list[str]:
    """A reader's message for each value the FilterSet could not use."""
    messages = []
    for name, errors in filterset.form.errors.items():
        form_field = filterset.form.fields.get(name)
        label = form_field.label if form_field is not None and form_field.label else name
        value = str(filterset.data.get(name, ""))[:40]
        for error in errors:
            messages.append(
                _("%(label)s “%(value)s” was ignored: %(error)s")
                % {"label": label, "value": value, "error": error}
            )
    return messages
