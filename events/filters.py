"""FilterSets for events, statements and sources, shared by the public pages and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import (
    CountryFilter,
    FuzzyDateFilter,
    PublicFilterSet,
    UTCIsoDateTimeFilter,
    published_queryset,
)
from events.models import Event, EventKind, EventSeries, EventStatus, Source, SourceKind, Statement
from issues.models import Issue
from people.models import Organization, Person

EVENT_ORDERING_FIELDS = ("start_date", "updated_at", "title")


def _published_issues(request: Any) -> Any:
    return Issue.objects.published()


def _published_series(request: Any) -> Any:
    # A hidden series' slug is as unknown as a mistyped one: a field error, never a result.
    return EventSeries.objects.published()


class EventFilter(PublicFilterSet):
    """Filters for event lists: period overlap at any precision, kind, status, links, text."""

    date_from = FuzzyDateFilter(
        method="filter_date_from",
        bound="first",
        label=_("From"),
        help_text=_(
            "Events still running on or after this date (YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY)."
        ),
    )
    date_to = FuzzyDateFilter(
        method="filter_date_to",
        bound="last",
        label=_("To"),
        help_text=_("Events starting on or before this date; '2026-Q1' means up to 31 March 2026."),
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=EventKind.choices, label=_("Kind"), help_text=_("Repeat to match any of several.")
    )
    status = django_filters.MultipleChoiceFilter(
        choices=EventStatus.choices,
        label=_("Status"),
        help_text=_("Repeat to match any of several."),
    )
    issue = django_filters.ModelChoiceFilter(
        field_name="issues",
        to_field_name="slug",
        queryset=_published_issues,
        label=_("Issue"),
        help_text=_("Slug of an issue discussed at the event."),
    )
    person = django_filters.ModelChoiceFilter(
        field_name="participants",
        to_field_name="slug",
        queryset=published_queryset(Person),
        label=_("Person"),
        help_text=_("Slug of a person who took part."),
    )
    country = CountryFilter(field_name="country", label=_("Country"))
    series = django_filters.ModelChoiceFilter(
        field_name="series",
        to_field_name="slug",
        queryset=_published_series,
        label=_("Series"),
        help_text=_("Slug of an event series."),
    )
    parent = django_filters.ModelChoiceFilter(
        field_name="parent",
        to_field_name="slug",
        queryset=published_queryset(Event),
        label=_("Part of"),
        help_text=_("Slug of the event this one was part of."),
    )
    q = django_filters.CharFilter(
        method="filter_q", label=_("Search"), help_text=_("Words in the title, summary or place.")
    )
    updated_since = UTCIsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label=_("Updated since"),
        help_text=_("ISO 8601 date-time; events changed at or after it."),
    )
    ordering = django_filters.OrderingFilter(
        fields=EVENT_ORDERING_FIELDS,
        label=_("Order by"),
        help_text=_("start_date, updated_at or title; prefix with '-' for descending."),
    )

    class Meta:
        model = Event
        fields: list[str] = []

    def filter_date_from(self, queryset: Any, name: str, value: Any) -> Any:
        # The period's first day: "2026-Q1" keeps events still running on 1 January 2026.
        return queryset.overlapping(start=value.first)

    def filter_date_to(self, queryset: Any, name: str, value: Any) -> Any:
        # The period's last day: "2026-Q1" keeps events starting up to 31 March 2026.
        return queryset.overlapping(end=value.last)

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        # Chain onto the filtered queryset so Event.objects.search can evolve (ranking, etc.).
        return queryset.search(value)


class StatementFilter(PublicFilterSet):
    """Filters for statements: who said it, at which event, on which issue, and when."""

    speaker = django_filters.ModelChoiceFilter(
        field_name="speaker",
        to_field_name="slug",
        queryset=published_queryset(Person),
        help_text=_("Slug of the speaker."),
    )
    event = django_filters.ModelChoiceFilter(
        field_name="event",
        to_field_name="slug",
        queryset=published_queryset(Event),
        help_text=_("Slug of the event where it was said."),
    )
    issue = django_filters.ModelChoiceFilter(
        field_name="event__issues",
        to_field_name="slug",
        queryset=_published_issues,
        help_text=_("Slug of an issue discussed at the statement's event."),
    )
    date_from = FuzzyDateFilter(
        field_name="said_date", lookup_expr="gte", bound="first", help_text=_("Said on or after.")
    )
    date_to = FuzzyDateFilter(
        field_name="said_date", lookup_expr="lte", bound="last", help_text=_("Said on or before.")
    )

    class Meta:
        model = Statement
        fields: list[str] = []


class SourceFilter(PublicFilterSet):
    """Filters for sources: outlet, kind and publication date."""

    outlet = django_filters.ModelChoiceFilter(
        field_name="outlet",
        to_field_name="slug",
        queryset=published_queryset(Organization),
        help_text=_("Slug of the outlet (an organization)."),
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=SourceKind.choices, help_text=_("Repeat to match any of several.")
    )
    date_from = FuzzyDateFilter(
        field_name="published_on_date",
        lookup_expr="gte",
        bound="first",
        help_text=_("Published on or after."),
    )

    class Meta:
        model = Source
        fields: list[str] = []
