"""Partner API for events, statements and sources: serializers and read-only viewsets."""

from __future__ import annotations

import functools
import re
from typing import Any

from django.conf import settings
from django.db.models import FilteredRelation, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.formats import ICSRenderer
from core.api.refs import (
    CitationSerializer,
    EventRefSerializer,
    IssueRefSerializer,
    PersonRefSerializer,
    SourceListSerializer,
)
from core.api.schema import list_schema, retrieve_schema
from core.api.viewsets import (
    APIURLField,
    FuzzyDateField,
    IncludableSerializer,
    PublicReadOnlyViewSet,
    PublicURLField,
    api_detail_url_parts,
    fuzzy_date_dict_of,
    in_active_language,
    iso_datetime,
    slug_page_url_parts,
    translations_field,
)
from core.dates import FuzzyDate, Precision, display_range
from core.editorial import published_q
from core.text import sanitize_html
from core.translation_fields import (
    active_language_reader,
    active_language_value_reader,
    translated_columns,
)
from events.filters import EventFilter, SourceFilter, StatementFilter
from events.models import (
    SHOWN_SERIES,
    Event,
    EventCitation,
    EventParticipation,
    EventSeries,
    Source,
    Statement,
    StatementCitation,
)
from issues.models import Issue
from people.models import Person

TRANSLATED_TEXT = serializers.CharField(
    allow_null=True,
    help_text="Our translation of the quote into the answer's language (not the speaker's "
    "words); null when there is none.",
)

# --- Sources ------------------------------------------------------------------------------------


class SourceDetailSerializer(SourceListSerializer):
    byline = serializers.CharField()
    authors = PersonRefSerializer(many=True)
    summary = serializers.CharField()
    translations = translations_field("translated_title")


def published_sources(queryset: QuerySet) -> QuerySet:
    return queryset.published().with_outlet()


@extend_schema_view(
    list=list_schema("sources", SourceListSerializer, ()),
    retrieve=retrieve_schema("source", SourceDetailSerializer),
)
class SourceViewSet(PublicReadOnlyViewSet):
    """Published sources: reports, readouts, transcripts that facts cite."""

    list_serializer_class = SourceListSerializer
    detail_serializer_class = SourceDetailSerializer
    filterset_class = SourceFilter
    lookup_field = "pk"
    lookup_value_pattern = re.compile(r"[0-9]{1,18}")
    ordering = ("-pk",)

    def base_queryset(self) -> QuerySet:
        queryset = published_sources(Source.objects)
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("authors", queryset=Person.objects.published())
            )
        return queryset


# --- Events -------------------------------------------------------------------------------------


class ParticipantSerializer(serializers.Serializer):
    person = PersonRefSerializer()
    side = serializers.CharField()
    role = serializers.CharField()
    title = serializers.CharField(help_text="The title the person held at the time.")


class StatementRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    speaker = PersonRefSerializer()
    speaker_label = serializers.CharField()
    said = FuzzyDateField()
    text = serializers.CharField(help_text="The quote as spoken, in `language`.")
    language = serializers.CharField()
    translated_text = serializers.SerializerMethodField()
    is_paraphrase = serializers.BooleanField()
    url = PublicURLField()
    api_url = APIURLField("statement", lookup="pk")

    @extend_schema_field(TRANSLATED_TEXT)
    def get_translated_text(self, obj: Statement) -> str | None:
        return in_active_language(obj, "translated_text")


class SeriesSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


def prefetch_participants(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(
        Prefetch(
            "participations",
            queryset=EventParticipation.objects.published().select_related("person"),
        )
    )


def prefetch_sources(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(
        Prefetch("citations", queryset=EventCitation.objects.published())
    )


def prefetch_issues(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(Prefetch("issues", queryset=Issue.objects.published()))


def prefetch_statements(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(
        Prefetch(
            "statements",
            queryset=Statement.objects.published()
            .select_related("speaker")
            .order_by("said_date", "id"),
        )
    )


def prefetch_children(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(Prefetch("children", queryset=Event.objects.published()))


# Event columns the list row never reads: every language of the body, and bookkeeping.
LIST_DEFERRED = (
    *(f.attname for f in Event._meta.concrete_fields if f.name.split("_")[0] == "body"),
    "version",
    "created_at",
    "last_date",
)


SHOWN_PARENT = "shown_parent"


@functools.cache
def list_value_columns() -> tuple[str, ...]:
    """What the list row reads, as `.values()` keys: the event's columns (every language of the
    translated ones), its series and its parent joined only when published."""
    return (
        "slug",
        *translated_columns(Event, "title"),
        "kind",
        "status",
        "start_date",
        "start_precision",
        "end_date",
        "end_precision",
        "city",
        "venue",
        "country",
        "round_number",
        *translated_columns(Event, "summary"),
        "updated_at",
        f"{SHOWN_SERIES}__slug",
        *(f"{SHOWN_SERIES}__{name}" for name in translated_columns(EventSeries, "name")),
        f"{SHOWN_PARENT}__slug",
    )


def published_event_values(queryset: QuerySet) -> QuerySet:
    """`queryset` as dicts of `list_value_columns()`, in one query: no model instances.

    The series and the parent are LEFT JOINs on their published rows, so a hidden one reads as
    None, as `with_series()`/`with_parent()` give it on instances.
    """
    return queryset.annotate(
        **{
            SHOWN_SERIES: FilteredRelation("series", condition=published_q("series__")),
            SHOWN_PARENT: FilteredRelation("parent", condition=published_q("parent__")),
        }
    ).raw_values(*list_value_columns())  # the named columns, without modeltranslation's rewrite


class EventListSerializer(IncludableSerializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    start = FuzzyDateField()
    end = FuzzyDateField(allow_null=True)
    date_display = serializers.CharField()
    city = serializers.CharField()
    venue = serializers.CharField()
    country = serializers.CharField()
    series = SeriesSerializer(allow_null=True)
    round_number = serializers.IntegerField(allow_null=True)
    parent = serializers.SerializerMethodField()
    summary = serializers.CharField()
    updated_at = serializers.DateTimeField()
    url = PublicURLField()
    api_url = APIURLField("event")
    participants = ParticipantSerializer(many=True, source="participations", required=False)
    sources = CitationSerializer(many=True, source="citations", required=False)
    issues = IssueRefSerializer(many=True, required=False)
    statements = StatementRefSerializer(many=True, required=False)

    class Meta:
        include_fields = ("participants", "sources", "issues", "statements")

    def to_representation(self, obj: Event) -> dict[str, Any]:
        """Written out by hand: the busiest endpoint, ~3× faster than DRF's field-by-field walk.

        What does not change from row to row (the language and its fallback order for the
        translated fields, the time zone, the URLs around the slug) is worked out once per
        request. tests/events/test_api_fast_path.py pins it to the declared fields (same keys,
        same values).
        """
        if type(self) is not EventListSerializer:
            return super().to_representation(obj)
        fields = self.fields
        fast = self.__dict__.get("_fast")
        if fast is None:
            fast = self.__dict__["_fast"] = self._per_request()
        title, summary, series_name, language, zone, page_url, api_url = fast
        start = fuzzy_date_dict_of(obj.start_date, obj.start_precision or Precision.DAY, language)
        end_date = obj.end_date
        series = obj.series if obj.series_id else None  # None while hidden (with_series)
        slug = obj.slug
        row = {
            "slug": slug,
            "title": title(obj),
            "kind": obj.kind,
            "status": obj.status,
            "start": start,
            "end": (
                fuzzy_date_dict_of(end_date, obj.end_precision or Precision.DAY, language)
                if end_date is not None
                else None
            ),
            "date_display": start["display"] if end_date is None else obj.date_display,
            "city": obj.city,
            "venue": obj.venue,
            "country": str(obj.country),
            "series": {"slug": series.slug, "name": series_name(series)} if series else None,
            "round_number": obj.round_number,
            "parent": self.get_parent(obj),
            "summary": summary(obj),
            "updated_at": iso_datetime(obj.updated_at, zone),
            "url": f"{page_url[0]}{slug}{page_url[1]}",
            "api_url": f"{api_url[0]}{slug}{api_url[1]}",
        }
        for name in self.Meta.include_fields:
            field = fields.get(name)
            if field is not None:
                row[name] = field.to_representation(field.get_attribute(obj))
        return row

    def represent_values(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The same rows as `to_representation`, from `published_event_values()` dicts.

        The JSON and CSV list without `?include=`: no model instance is built (their creation
        was half the endpoint's time). tests/events/test_api_fast_path.py pins it to the
        declared fields too.
        """
        title = active_language_value_reader(Event, "title")
        summary = active_language_value_reader(Event, "summary")
        series_name = active_language_value_reader(EventSeries, "name", f"{SHOWN_SERIES}__")
        language, zone, page_url, api_url = self._row_constants()
        day = Precision.DAY
        page_before, page_after = page_url
        api_before, api_after = api_url
        series_slug_key = f"{SHOWN_SERIES}__slug"
        parent_slug_key = f"{SHOWN_PARENT}__slug"
        results = []
        for row in rows:
            start_precision = row["start_precision"] or day
            start = fuzzy_date_dict_of(row["start_date"], start_precision, language)
            end_date = row["end_date"]
            if end_date is None:
                end = None
                date_display = start["display"]
            else:
                end_precision = row["end_precision"] or day
                end = fuzzy_date_dict_of(end_date, end_precision, language)
                date_display = display_range(
                    FuzzyDate(row["start_date"], start_precision),
                    FuzzyDate(end_date, end_precision),
                )
            series_slug = row[series_slug_key]
            slug = row["slug"]
            results.append(
                {
                    "slug": slug,
                    "title": title(row),
                    "kind": row["kind"],
                    "status": row["status"],
                    "start": start,
                    "end": end,
                    "date_display": date_display,
                    "city": row["city"],
                    "venue": row["venue"],
                    "country": str(row["country"]),
                    "series": (
                        {"slug": series_slug, "name": series_name(row)} if series_slug else None
                    ),
                    "round_number": row["round_number"],
                    "parent": row[parent_slug_key],
                    "summary": summary(row),
                    "updated_at": iso_datetime(row["updated_at"], zone),
                    "url": f"{page_before}{slug}{page_after}",
                    "api_url": f"{api_before}{slug}{api_after}",
                }
            )
        return results

    def _per_request(self) -> tuple[Any, ...]:
        return (
            active_language_reader(Event, "title"),
            active_language_reader(Event, "summary"),
            active_language_reader(EventSeries, "name"),
            *self._row_constants(),
        )

    def _row_constants(self) -> tuple[Any, ...]:
        """The language, time zone and URLs around the slug: the same for every row."""
        return (
            get_language(),
            # DRF's DateTimeField writes times in this zone (its default_timezone(), without
            # building the serializer's fields for it)
            timezone.get_current_timezone() if settings.USE_TZ else None,
            slug_page_url_parts(self.context, "events:event_detail"),
            api_detail_url_parts(self.context, "event", "slug"),
        )

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="Slug of the parent."))
    def get_parent(self, obj: Event) -> str | None:
        parent = obj.parent  # None while hidden (EventQuerySet.with_parent)
        return parent.slug if parent else None


class EventDetailSerializer(EventListSerializer):
    body = serializers.SerializerMethodField()
    translations = translations_field("title", "summary", "body", html=("body",))
    parent = serializers.SerializerMethodField()
    children = EventRefSerializer(many=True)

    def get_body(self, obj: Event) -> str:
        return sanitize_html(obj.body)

    @extend_schema_field(EventRefSerializer(allow_null=True))
    def get_parent(self, obj: Event) -> dict[str, Any] | None:
        parent = obj.parent  # None while hidden (EventQuerySet.with_parent)
        return EventRefSerializer(parent, context=self.context).data if parent else None


@extend_schema_view(
    list=list_schema(
        "events",
        EventListSerializer,
        EventListSerializer.Meta.include_fields,
        formats=("json", "csv", "ics"),
    ),
    retrieve=retrieve_schema("event", EventDetailSerializer, formats=("json", "csv", "ics")),
)
class EventViewSet(PublicReadOnlyViewSet):
    """Published events: meetings, visits, calls and statements, with who took part."""

    list_serializer_class = EventListSerializer
    detail_serializer_class = EventDetailSerializer
    filterset_class = EventFilter
    ordering = ("-start_date", "-pk")
    include_prefetches = {
        "participants": prefetch_participants,
        "sources": prefetch_sources,
        "issues": prefetch_issues,
        "statements": prefetch_statements,
    }

    def get_renderers(self) -> list[Any]:
        return [*super().get_renderers(), ICSRenderer()]

    def base_queryset(self) -> QuerySet:
        if self.reads_values():
            return published_event_values(Event.objects.published())
        queryset = Event.objects.published().with_series().with_parent()
        if self.action == "retrieve":
            queryset = prefetch_children(queryset)
        elif self.action == "list" and self.row_format() in ("json", "csv"):
            # The list row reads none of these (the detail, the calendar and the download do):
            # fewer columns to fetch, convert and set on instances.
            queryset = queryset.defer(*LIST_DEFERRED)
        return queryset

    def reads_values(self) -> bool:
        """The JSON or CSV page without `?include=`: rows as dicts, not model instances.

        The cursor reads its position from the row, so ordering by title (a column per
        language) keeps the instances.
        """
        return (
            self.action == "list"
            and self.row_format() in ("json", "csv")
            and not self.get_includes()
            and self.get_pagination_ordering(self.request)[0].lstrip("-")
            in ("start_date", "updated_at")
        )

    def row_format(self) -> str | None:
        renderer = getattr(self.request, "accepted_renderer", None)
        return getattr(renderer, "format", None)

    def render_page(self, request: Request, page: list[Any]) -> Response:
        if request.accepted_renderer.format == "ics":
            from events.calendar import build_calendar

            response = self.get_paginated_response([])
            return Response(
                build_calendar(page, name=_("Relations Tracker events")),
                headers={"Link": response["Link"]} if response.has_header("Link") else None,
            )
        if page and isinstance(page[0], dict):
            serializer = self.get_serializer()
            return self.get_paginated_response(serializer.represent_values(page))
        return super().render_page(request, page)

    def render_object(self, request: Request, instance: Any) -> Response:
        if request.accepted_renderer.format == "ics":
            from events.calendar import build_calendar

            return Response(build_calendar([instance], name=instance.title))
        return super().render_object(request, instance)


# --- Statements ---------------------------------------------------------------------------------


class StatementListSerializer(IncludableSerializer):
    id = serializers.IntegerField()
    speaker = PersonRefSerializer()
    speaker_label = serializers.CharField()
    event = serializers.SerializerMethodField()
    said = FuzzyDateField()
    text = serializers.CharField(help_text="The quote as spoken, in `language`.")
    language = serializers.CharField()
    translated_text = serializers.SerializerMethodField()
    is_paraphrase = serializers.BooleanField()
    updated_at = serializers.DateTimeField()
    url = PublicURLField()
    api_url = APIURLField("statement", lookup="pk")
    sources = CitationSerializer(many=True, source="citations", required=False)

    class Meta:
        include_fields = ("sources",)

    @extend_schema_field(TRANSLATED_TEXT)
    def get_translated_text(self, obj: Statement) -> str | None:
        return in_active_language(obj, "translated_text")

    @extend_schema_field(EventRefSerializer(allow_null=True))
    def get_event(self, obj: Statement) -> dict[str, Any] | None:
        # Statement.objects.published() already excludes unpublished events.
        if not obj.event_id:
            return None
        return EventRefSerializer(obj.event, context=self.context).data


class StatementDetailSerializer(StatementListSerializer):
    translations = translations_field("translated_text")


@extend_schema_view(
    list=list_schema("statements", StatementListSerializer, ("sources",)),
    retrieve=retrieve_schema("statement", StatementDetailSerializer),
)
class StatementViewSet(PublicReadOnlyViewSet):
    """Published statements: who said what, when, where, with sources."""

    list_serializer_class = StatementListSerializer
    detail_serializer_class = StatementDetailSerializer
    filterset_class = StatementFilter
    lookup_field = "pk"
    lookup_value_pattern = re.compile(r"[0-9]{1,18}")
    ordering = ("-said_date", "-pk")
    include_prefetches = {
        "sources": lambda queryset: queryset.prefetch_related(
            Prefetch("citations", queryset=StatementCitation.objects.published())
        )
    }

    def base_queryset(self) -> QuerySet:
        return Statement.objects.published().select_related("speaker", "event")
