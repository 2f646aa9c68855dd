"""Admin for issues (stances and developments inline) and their citations."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.admin import (
    EDITORIAL_FIELDSET,
    ChildRowDeleteMixin,
    CitationAdmin,
    CitationInline,
    FastInlineMixin,
    PublishableAdmin,
    editorial_badge,
)
from core.fuzzy_forms import FuzzyDateAdminMixin
from core.versions_admin import VersionedAdminMixin
from issues.models import Development, DevelopmentCitation, Issue, Stance, StanceCitation


class StanceInline(FastInlineMixin, admin.StackedInline):
    model = Stance
    extra = 0
    fields = [("country", "organization"), ("as_of_date", "as_of_precision"), "position"]
    autocomplete_fields = ["organization"]
    related_preload = ("issue",)
    show_change_link = True


class DevelopmentInline(FastInlineMixin, admin.StackedInline):
    model = Development
    extra = 0
    fields = [("happened_date", "happened_precision", "status_after"), "event", "summary"]
    autocomplete_fields = ["event"]
    related_preload = ("issue",)
    show_change_link = True


@admin.register(Issue)
class IssueAdmin(PublishableAdmin):
    list_display = [
        "title",
        "category",
        "status",
        "stance_count",
        "development_count",
        editorial_badge,
        "updated_at",
    ]
    list_filter = ["editorial_status", "status", "category"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related_issues", "events"]
    inlines = [StanceInline, DevelopmentInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "status"]}),
        (_("Since"), {"fields": [("started_date", "started_precision")]}),
        (_("Content"), {"fields": ["summary", "background", "keywords"]}),
        (_("Related"), {"fields": ["events", "related_issues"]}),
        EDITORIAL_FIELDSET,
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(
                stance_total=Count("stances", distinct=True),
                development_total=Count("developments", distinct=True),
            )
        )

    @admin.display(description=_("stances"), ordering="stance_total")
    def stance_count(self, obj: Issue) -> int:
        return obj.stance_total

    @admin.display(description=_("developments"), ordering="development_total")
    def development_count(self, obj: Issue) -> int:
        return obj.development_total


class StanceCitationInline(CitationInline):
    model = StanceCitation
    related_preload = ("source__outlet", "stance__issue", "stance__organization")


class DevelopmentCitationInline(CitationInline):
    model = DevelopmentCitation
    related_preload = ("source__outlet", "development__issue")


@admin.register(Stance)
class StanceAdmin(FuzzyDateAdminMixin, ChildRowDeleteMixin, VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["issue", "party", "as_of_date"]
    list_filter = ["country", "issue"]
    list_select_related = ["issue", "organization"]
    search_fields = ["position", "issue__title", "organization__name"]
    autocomplete_fields = ["issue", "organization"]
    inlines = [StanceCitationInline]
    date_hierarchy = "as_of_date"

    @admin.display(description=_("party"))
    def party(self, obj: Stance) -> str:
        return obj.party_name


@admin.register(Development)
class DevelopmentAdmin(
    FuzzyDateAdminMixin, ChildRowDeleteMixin, VersionedAdminMixin, admin.ModelAdmin
):
    list_display = ["issue", "happened_date", "happened_precision", "status_after", "event"]
    list_filter = ["status_after", "issue"]
    list_select_related = ["issue", "event"]
    search_fields = ["summary", "issue__title"]
    autocomplete_fields = ["issue", "event"]
    inlines = [DevelopmentCitationInline]
    date_hierarchy = "happened_date"


admin.site.register([StanceCitation, DevelopmentCitation], CitationAdmin)
