"""FilterSets for issues, shared by the public pages and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import PublicFilterSet, UTCIsoDateTimeFilter
from issues.models import Issue, IssueCategory, IssueStatus


class IssueFilter(PublicFilterSet):
    """Filters for issues: status, category, text, changes."""

    status = django_filters.MultipleChoiceFilter(
        choices=IssueStatus.choices, help_text=_("Repeat to match any of several.")
    )
    category = django_filters.MultipleChoiceFilter(
        choices=IssueCategory.choices, help_text=_("Repeat to match any of several.")
    )
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        help_text=_("Words in the title, summary or background."),
    )
    updated_since = UTCIsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text=_("ISO 8601 date-time.")
    )

    class Meta:
        model = Issue
        fields: list[str] = []

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.search(value)
