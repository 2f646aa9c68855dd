"""Admin for people, their names, identifiers and positions, and organizations."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.admin import (
    EDITORIAL_FIELDSET,
    ChildRowDeleteMixin,
    FastInlineMixin,
    LinkTableAdmin,
    PublishableAdmin,
    editorial_badge,
)
from core.duplicates_admin import DuplicateWarningAdminMixin, inline_values
from core.versions_admin import VersionedAdminMixin, VersionedInlineMixin
from people.models import Organization, Person, PersonIdentifier, PersonName, Position, Title
from people.services import glossary_title_apply, people_named


class PersonNameInline(ChildRowDeleteMixin, VersionedInlineMixin, admin.TabularInline):
    model = PersonName
    extra = 1
    fields = ["name", "kind", "language", "script"]


class PersonIdentifierInline(ChildRowDeleteMixin, VersionedInlineMixin, admin.TabularInline):
    model = PersonIdentifier
    extra = 0
    fields = ["scheme", "value"]


class PositionInline(FastInlineMixin, admin.TabularInline):
    model = Position
    extra = 1
    fields = [
        "glossary_title",
        "title",
        "organization",
        "start_date",
        "start_precision",
        "end_date",
        "end_precision",
        "is_primary",
    ]
    autocomplete_fields = ["glossary_title", "organization"]


@admin.register(Person)
class PersonAdmin(DuplicateWarningAdminMixin, PublishableAdmin):
    list_display = [
        "display_name",
        "native_name",
        "country",
        "current_title",
        "event_count",
        editorial_badge,
        "updated_at",
    ]
    list_filter = ["editorial_status", "country", "positions__organization"]
    search_fields = ["display_name", "native_name", "sort_name", "other_names__name", "slug"]
    prepopulated_fields = {"slug": ["display_name"]}
    inlines = [PersonNameInline, PositionInline, PersonIdentifierInline]
    fieldsets = [
        (None, {"fields": ["display_name", "native_name", "sort_name", "slug", "country"]}),
        (_("About"), {"fields": ["bio", "portrait", "portrait_credit", "wikidata_id"]}),
        EDITORIAL_FIELDSET,
    ]
    date_hierarchy = "updated_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(event_total=Count("participations", distinct=True))
            .prefetch_related(
                Prefetch("positions", queryset=Position.objects.order_by("-start_date"))
            )
        )

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        # Also match any romanization or script ignoring spaces and hyphens ("Lee Jae-myung").
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            results = results | queryset.filter(
                pk__in=Person.objects.search(search_term).values("pk")
            )
        return results, True

    def find_duplicates(self, form, cleaned):
        names = [cleaned.get(n, "") for n in ("display_name", "native_name", "sort_name")]
        names += inline_values(form.data, "other_names", "name")
        return [
            (person, _("also known as “%(name)s”") % {"name": name})
            for person, name in people_named([n for n in names if n])
        ]

    @admin.display(description=_("current title"))
    def current_title(self, obj: Person) -> str:
        return obj.title_on()

    @admin.display(description=_("events"), ordering="event_total")
    def event_count(self, obj: Person) -> int:
        return obj.event_total


@admin.register(Organization)
class OrganizationAdmin(PublishableAdmin):
    list_display = [
        "name",
        "abbreviation",
        "kind",
        "country",
        "parent",
        "people_count",
        editorial_badge,
        "updated_at",
    ]
    list_filter = ["editorial_status", "kind", "country"]
    list_select_related = ["parent"]
    search_fields = ["name", "native_name", "abbreviation", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["name", "native_name", "abbreviation", "slug", "kind", "country"]}),
        (_("Details"), {"fields": ["parent", "website", "description"]}),
        EDITORIAL_FIELDSET,
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super().get_queryset(request).annotate(people_total=Count("positions", distinct=True))
        )

    @admin.display(description=_("positions"), ordering="people_total")
    def people_count(self, obj: Organization) -> int:
        return obj.people_total


@admin.register(Title)
class TitleAdmin(VersionedAdminMixin, admin.ModelAdmin):
    """The shared job-title glossary: each title once, in English, Korean and Chinese."""

    list_display = ["name_en", "name_ko", "name_zh_hans"]
    search_fields = ["name_en", "name_ko", "name_zh_hans"]
    fields = ["name_en", "name_ko", "name_zh_hans"]

    def save_model(self, request: HttpRequest, obj: Title, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change:
            glossary_title_apply(title=obj)


@admin.register(Position)
class PositionAdmin(LinkTableAdmin):
    list_display = ["person", "title", "organization", "start_date", "end_date", "is_primary"]
    list_filter = ["organization__country", "is_primary"]
    list_select_related = ["person", "organization"]
    search_fields = ["title", "person__display_name", "person__native_name", "organization__name"]
    autocomplete_fields = ["person", "glossary_title", "organization"]
    date_hierarchy = "start_date"


@admin.register(PersonName)
class PersonNameAdmin(LinkTableAdmin):
    list_display = ["name", "person", "kind", "language", "script"]
    list_filter = ["kind", "script"]
    list_select_related = ["person"]
    search_fields = ["name", "person__display_name"]
    autocomplete_fields = ["person"]


@admin.register(PersonIdentifier)
class PersonIdentifierAdmin(LinkTableAdmin):
    list_display = ["person", "scheme", "value"]
    list_filter = ["scheme"]
    list_select_related = ["person"]
    search_fields = ["value", "person__display_name"]
    autocomplete_fields = ["person"]
