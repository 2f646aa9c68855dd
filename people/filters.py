"""FilterSets for people and organizations, shared by the public pages and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import (
    CountryFilter,
    FuzzyDateFilter,
    PublicFilterSet,
    UTCIsoDateTimeFilter,
    published_queryset,
)
from people.models import Organization, OrganizationKind, Person, Position


class PersonFilter(PublicFilterSet):
    """Filters for people: country, organization, title held (now or `as_of`), names, changes."""

    country = CountryFilter(field_name="country", label=_("Country"))
    organization = django_filters.ModelChoiceFilter(
        queryset=published_queryset(Organization),
        to_field_name="slug",
        method="filter_organization",
        label=_("Organization"),
        help_text=_("Slug of an organization the person held a position in (on `as_of` if given)."),
    )
    title = django_filters.CharFilter(
        method="filter_title",
        label=_("Title"),
        help_text=_(
            "Words in the title held today, or on `as_of` if given, e.g. 'Foreign Minister'."
        ),
    )
    as_of = FuzzyDateFilter(
        method="filter_as_of",
        label=_("As of"),
        help_text=_("Date (first day of the period) at which `title` and `organization` apply."),
    )
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        help_text=_("Any name form in any script, ignoring case, spaces and hyphens."),
    )
    updated_since = UTCIsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text=_("ISO 8601 date-time.")
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def _as_of_day(self) -> Any:
        as_of = self.form.cleaned_data.get("as_of")
        return as_of.first if as_of else None

    def filter_organization(self, queryset: Any, name: str, value: Organization) -> Any:
        positions = Position.objects.filter(organization=value)
        if day := self._as_of_day():
            positions = positions.held_on(day)
        return queryset.filter(pk__in=positions.values("person_id"))

    def filter_title(self, queryset: Any, name: str, value: str) -> Any:
        day = self._as_of_day() or timezone.localdate()
        held = Position.objects.published().held_on(day).filter(title__icontains=value)
        return queryset.filter(pk__in=held.values("person_id"))

    def filter_as_of(self, queryset: Any, name: str, value: Any) -> Any:
        # Only qualifies `title` and `organization`; it filters nothing by itself.
        return queryset

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.search(value)


class OrganizationFilter(PublicFilterSet):
    """Filters for organizations: country, kind, changes."""

    country = CountryFilter(field_name="country")
    kind = django_filters.MultipleChoiceFilter(
        choices=OrganizationKind.choices, help_text=_("Repeat to match any of several.")
    )
    updated_since = UTCIsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text=_("ISO 8601 date-time.")
    )

    class Meta:
        model = Organization
        fields: list[str] = []
