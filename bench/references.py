"""Two reference implementations of `GET /api/v1/events/?page_size=50`, byte for byte the same.

- `handwritten_events`: one hand-written SQL query, plain dicts, orjson. The floor: what the
  endpoint would cost with no framework between the database and the bytes. Dates are formatted
  with the domain's own `FuzzyDate.as_dict()`; the "memo" variant also uses the API's per-language
  date cache (`core.api.viewsets.fuzzy_date_dict`), to show what the framework layers alone cost.
- `naive_events`: DRF's default `ModelSerializer` with a nested serializer and no
  `select_related`/`prefetch_related` — what a first draft of the endpoint usually looks like.

Both are mounted next to the real API by `urlpatterns` below (bench/api.py makes this module the
URLconf), so all three pass through the same middleware.
"""

from __future__ import annotations

from base64 import b64encode
from datetime import UTC, datetime
from importlib import import_module
from typing import Any
from urllib.parse import urlencode

import orjson
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from rest_framework import generics, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.urls import replace_query_param

from core.api.formats import PublicCursorPagination
from core.api.viewsets import fuzzy_date_dict
from core.dates import FuzzyDate, display_range
from core.editorial import EditorialStatus
from events.models import Event, EventSeries

ORDERING = ("-start_date", "-pk")

SQL = """
SELECT e.slug, e.title, e.kind, e.status, e.start_date, e.start_precision, e.end_date,
       e.end_precision, e.city, e.venue, e.country, e.round_number, e.summary, e.updated_at,
       s.slug, s.name, p.slug, p.editorial_status, p.publish_at
FROM events_event e
LEFT JOIN events_eventseries s ON s.id = e.series_id
LEFT JOIN events_event p ON p.id = e.parent_id
WHERE e.editorial_status = %s AND (e.publish_at IS NULL OR e.publish_at <= %s)
ORDER BY e.start_date DESC, e.id DESC
LIMIT {limit:d}
"""


def _aware(value: datetime | str | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite hands back text for some column types
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _drf_datetime(value: datetime) -> str:
    text = timezone.localtime(value).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def handwritten_events(request: HttpRequest, memoize_dates: bool = False) -> HttpResponse:
    """The first page of published events, by hand (optionally with the API's date cache)."""
    as_dict = fuzzy_date_dict if memoize_dates else FuzzyDate.as_dict
    page_size = int(request.GET.get("page_size", 50))
    now = timezone.now()
    with connection.cursor() as cursor:
        # LIMIT written into the SQL as Django writes it: on SQLite a bound LIMIT gets another
        # query plan, and the comparison is about everything *but* the plan.
        cursor.execute(SQL.format(limit=page_size + 1), [EditorialStatus.PUBLISHED.value, now])
        rows = cursor.fetchall()
    site = request.build_absolute_uri("/")[:-1]
    page_prefix = site + reverse("events:event_detail", kwargs={"slug": "x"})[:-2]
    api_prefix = site + reverse("api:event-detail", kwargs={"slug": "x"})[:-2]
    results = []
    for row in rows[:page_size]:
        (
            slug,
            title,
            kind,
            status,
            start_date,
            start_precision,
            end_date,
            end_precision,
            city,
            venue,
            country,
            round_number,
            summary,
            updated_at,
            series_slug,
            series_name,
            parent_slug,
            parent_status,
            parent_publish_at,
        ) = row
        start = FuzzyDate(start_date, start_precision)
        end = FuzzyDate(end_date, end_precision) if end_date else None
        parent_at = _aware(parent_publish_at)
        parent_public = parent_status == EditorialStatus.PUBLISHED and (
            parent_at is None or parent_at <= now
        )
        results.append(
            {
                "slug": slug,
                "title": title,
                "kind": kind,
                "status": status,
                "start": as_dict(start),
                "end": as_dict(end) if end else None,
                "date_display": display_range(start, end),
                "city": city,
                "venue": venue,
                "country": country,
                "series": {"slug": series_slug, "name": series_name} if series_slug else None,
                "round_number": round_number,
                "parent": parent_slug if parent_public else None,
                "summary": summary,
                "updated_at": _drf_datetime(_aware(updated_at)),
                "url": f"{page_prefix}{slug}/",
                "api_url": f"{api_prefix}{slug}/",
            }
        )
    body = {"next": _next_link(request, rows, page_size), "previous": None, "results": results}
    return HttpResponse(orjson.dumps(body), content_type="application/json")


def _next_link(request: HttpRequest, rows: list[tuple], page_size: int) -> str | None:
    """DRF's cursor for the page after the first (same position/offset rule)."""
    if len(rows) <= page_size:
        return None
    compare, offset, position = str(rows[page_size][4]), 0, None
    for row in reversed(rows[:page_size]):
        position = str(row[4])
        if position != compare:
            break
        compare = position
        offset += 1
    else:
        offset, position = page_size, None
    tokens = {"o": str(offset)} if offset else {}
    if position is not None:
        tokens["p"] = position
    encoded = b64encode(urlencode(tokens).encode("ascii")).decode("ascii")
    return replace_query_param(request.build_absolute_uri(), "cursor", encoded)


class NaiveSeriesSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventSeries
        fields = ["slug", "name"]


class NaiveEventSerializer(serializers.ModelSerializer):
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    date_display = serializers.ReadOnlyField()
    country = serializers.CharField()
    series = NaiveSeriesSerializer(allow_null=True)
    parent = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "kind",
            "status",
            "start",
            "end",
            "date_display",
            "city",
            "venue",
            "country",
            "series",
            "round_number",
            "parent",
            "summary",
            "updated_at",
            "url",
            "api_url",
        ]

    def get_start(self, obj: Event) -> dict[str, str]:
        return obj.start.as_dict()

    def get_end(self, obj: Event) -> dict[str, str] | None:
        return obj.end.as_dict() if obj.end else None

    def get_parent(self, obj: Event) -> str | None:
        return obj.parent.slug if obj.parent_id and obj.parent.is_public else None

    def get_url(self, obj: Event) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def get_api_url(self, obj: Event) -> str:
        path = reverse("api:event-detail", kwargs={"slug": obj.slug})
        return self.context["request"].build_absolute_uri(path)


class NaiveEventList(generics.ListAPIView):
    """DRF defaults: a ModelSerializer over the published queryset, nothing prefetched."""

    serializer_class = NaiveEventSerializer
    pagination_class = PublicCursorPagination
    renderer_classes = [JSONRenderer]
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return Event.objects.published()

    def get_pagination_ordering(self, request: Any) -> tuple[str, ...]:
        return ORDERING


urlpatterns = [
    path("bench/handwritten/events/", handwritten_events),
    path("bench/handwritten-memo/events/", handwritten_events, {"memoize_dates": True}),
    path("bench/naive/events/", NaiveEventList.as_view()),
    # The site's own patterns, spread in: i18n_patterns cannot sit in an include().
    *import_module("config.urls").urlpatterns,
]
