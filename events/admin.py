"""Admin for events (with participants, statements and citations inline), series and sources."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin import (
    EDITORIAL_FIELDSET,
    ChildRowDeleteMixin,
    CitationAdmin,
    CitationInline,
    EditorialAdminForm,
    FastInlineMixin,
    LinkTableAdmin,
    PreloadedInlineFormSet,
    PublishableAdmin,
    editorial_badge,
)
from core.duplicates_admin import DuplicateWarningAdminMixin, inline_values
from core.fuzzy_forms import FuzzyDateAdminMixin, as_fuzzy
from core.link_fields import (
    PreloadedAutocompleteSelectMultiple,
    ShownLinksField,
    link_changes,
    show_links,
)
from core.versions_admin import VersionedAdminMixin, VersionedModelForm
from events.models import (
    Event,
    EventCitation,
    EventParticipation,
    EventSeries,
    Source,
    Statement,
    StatementCitation,
)
from events.services import (
    TitleChange,
    event_rederive_titles,
    events_like,
    sources_like,
    statement_sources_change,
)
from issues.models import Issue
from issues.services import event_issues_change


class ParticipationForm(VersionedModelForm):
    """A participation form that remembers whether the title was typed or derived."""

    def _post_clean(self) -> None:
        super()._post_clean()  # the model's clean() derives a blank title (marked derived)
        if "title" in self.changed_data and self.cleaned_data.get("title"):
            self.instance.title_derived = False  # typed by the editor: theirs, kept as is


class ParticipationFormSet(PreloadedInlineFormSet):
    choice_prefetch = {"person": ("positions",)}  # a blank title is derived from them

    def save_new(self, form: Any, commit: bool = True) -> Any:
        # On the add page the event had no pk during validation; fill now that it has one.
        setattr(form.instance, self.fk.name, self.instance)
        form.instance.fill_from_positions()
        return super().save_new(form, commit)


class ParticipationInline(FastInlineMixin, admin.TabularInline):
    model = EventParticipation
    form = ParticipationForm
    formset = ParticipationFormSet
    extra = 3
    fields = ["person", "side", "role", "title", "order"]
    autocomplete_fields = ["person"]
    verbose_name_plural = _("participants (title left blank is filled from the person's position)")
    related_preload = ("event",)


class EventCitationInline(CitationInline):
    model = EventCitation
    related_preload = ("source__outlet", "event")


class StatementForm(VersionedModelForm):
    """A statement row that cites its sources: picked here, saved as its citation rows."""

    cited_sources = forms.ModelMultipleChoiceField(
        label=_("sources"),
        queryset=Source.objects.select_related("outlet"),
        required=False,
        widget=PreloadedAutocompleteSelectMultiple(
            Statement._meta.get_field("sources"), admin.site
        ),
        help_text=_("The reports this quote is cited from (each becomes a citation)."),
    )
    cited_sources_shown = ShownLinksField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # Prefetched with their sources by StatementInline.get_queryset: no query per row.
            show_links(self, "cited_sources", [c.source for c in self.instance.citations.all()])
            return
        # A statement added in an open revision, shown again with the sources it cites there
        # (review.admin.OverlayFormSetMixin): none are cited yet, so all are the editor's.
        pending = self.initial.get("review_rows", {}).get(StatementCitation._meta.label_lower)
        if pending:
            self.initial["cited_sources"] = [row["source"] for row in pending]

    def _save_m2m(self) -> None:
        super()._save_m2m()
        changes = link_changes(
            self,
            "cited_sources",
            self.instance.citations.values_list("source_id", flat=True),
        )
        if changes:
            added, removed = changes
            statement_sources_change(
                statement=self.instance, add=added, remove=removed, user=self.save_user
            )

    save_user: Any = None  # set per request by StatementInline.get_formset


class StatementInline(FastInlineMixin, admin.StackedInline):
    model = Statement
    form = StatementForm
    extra = 0
    fields = [
        ("speaker", "speaker_label"),
        ("said_date", "said_precision", "language"),
        "text",
        "cited_sources",
        "cited_sources_shown",
    ]
    autocomplete_fields = ["speaker"]
    related_preload = ("event",)
    show_change_link = True
    # Rows of each statement edited on this form (a revision carries them; review.admin).
    review_rows = ((StatementCitation, "statement"),)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        citations = StatementCitation.objects.select_related("source__outlet").order_by("id")
        return super().get_queryset(request).prefetch_related(Prefetch("citations", citations))

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(formset.form.__name__, (formset.form,), {"save_user": request.user})
        return formset


class EventForm(EditorialAdminForm):
    """The event form with the issues it concerns, picked here and saved as the issues' links."""

    issues = forms.ModelMultipleChoiceField(
        label=_("issues"),
        queryset=Issue.objects.all(),
        required=False,
        # Searched as issues are everywhere in the admin (IssueAdmin.search_fields): Django's
        # autocomplete view takes a forward relation to issues, and the event's is a reverse one.
        widget=PreloadedAutocompleteSelectMultiple(
            Issue._meta.get_field("related_issues"), admin.site
        ),
        help_text=_("The issues this event concerns (listed on each issue's page)."),
    )
    issues_shown = ShownLinksField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            show_links(self, "issues", Issue.objects.filter(events=self.instance))

    def _save_m2m(self) -> None:
        super()._save_m2m()
        changes = link_changes(
            self, "issues", Issue.objects.filter(events=self.instance).values_list("pk", flat=True)
        )
        if changes:
            added, removed = changes
            event_issues_change(event=self.instance, add=added, remove=removed, user=self.save_user)

    save_user: Any = None  # set per request by EventAdmin.get_form


@admin.register(Event)
class EventAdmin(DuplicateWarningAdminMixin, PublishableAdmin):
    form = EventForm
    list_display = [
        "title",
        "date_display",
        "kind",
        "status",
        "city",
        "participant_count",
        "source_count",
        editorial_badge,
        "updated_at",
    ]
    list_filter = ["editorial_status", "status", "kind", "country", "series", "start_precision"]
    list_select_related = ["series", "parent"]
    search_fields = ["title", "summary", "city", "venue", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent", "series"]
    date_hierarchy = "start_date"
    inlines = [ParticipationInline, StatementInline, EventCitationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status"]}),
        (
            _("When (a date with its precision: day, month, quarter or year)"),
            {"fields": [("start_date", "start_precision"), ("end_date", "end_precision")]},
        ),
        (_("Where"), {"fields": [("city", "venue", "country")]}),
        (
            _("Context"),
            {"fields": ["parent", ("series", "round_number"), "issues", "issues_shown"]},
        ),
        (_("Content"), {"fields": ["summary", "body"]}),
        EDITORIAL_FIELDSET,
    ]
    # The issues' links to the event, edited on its form: a revision carries them (review.admin).
    review_links = ("issues",)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"save_user": request.user})

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(
                participant_total=Count("participations", distinct=True),
                source_total=Count("citations", distinct=True),
            )
        )

    def save_model(self, request: HttpRequest, obj: Event, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if getattr(form, "reverting", False):  # a revert saves no inline rows: follow it now
            self.rederive_titles(request, obj)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # After the rows are saved, so a row edited in the same save is not overwritten.
        if change and {"start_date", "start_precision"} & set(form.changed_data):
            self.rederive_titles(request, form.instance)

    def rederive_titles(self, request: HttpRequest, event: Event) -> None:
        changes = event_rederive_titles(event=event, user=request.user)
        if changes:
            self.message_user(request, titles_changed_message(changes), messages.WARNING)

    def find_duplicates(self, form: Any, cleaned: dict[str, Any]) -> list:
        if not cleaned.get("start_date"):
            return []
        start = as_fuzzy(cleaned["start_date"])
        people = [v for v in inline_values(form.data, "participations", "person") if v.isdigit()]
        return [
            (event, _("same date, also with %(names)s") % {"names": ", ".join(names)})
            for event, names in events_like(start, people)
        ]

    @admin.display(description=_("date"), ordering="start_date")
    def date_display(self, obj: Event) -> str:
        return obj.date_display

    @admin.display(description=_("participants"), ordering="participant_total")
    def participant_count(self, obj: Event) -> int:
        return obj.participant_total

    @admin.display(description=_("sources"), ordering="source_total")
    def source_count(self, obj: Event) -> int:
        return obj.source_total


def titles_changed_message(changes: list[TitleChange]) -> str:
    listed = "; ".join(
        f"{change.participation.person.display_name}: {change.old or '—'} → {change.new or '—'}"
        for change in changes
    )
    return gettext(
        "The date changed, so titles taken from positions now follow it: %(changes)s. "
        "Titles typed by an editor were left as they were."
    ) % {"changes": listed}


@admin.register(EventSeries)
class EventSeriesAdmin(PublishableAdmin):
    list_display = ["name", "round_count", editorial_badge, "updated_at"]
    list_filter = ["editorial_status"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [(None, {"fields": ["name", "slug", "description"]}), EDITORIAL_FIELDSET]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(round_total=Count("events"))

    @admin.display(description=_("rounds"), ordering="round_total")
    def round_count(self, obj: EventSeries) -> int:
        return obj.round_total


@admin.register(Source)
class SourceAdmin(DuplicateWarningAdminMixin, PublishableAdmin):
    list_display = [
        "title",
        "outlet",
        "published_display",
        "kind",
        "language",
        "url",
        editorial_badge,
    ]
    list_filter = ["editorial_status", "kind", "language", "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["title", "byline", "url", "outlet__name", "authors__display_name"]
    autocomplete_fields = ["outlet", "authors"]
    date_hierarchy = "published_on_date"
    fieldsets = [
        (None, {"fields": ["title", "kind", "url", "language"]}),
        (
            _("Who and when"),
            {
                "fields": [
                    "outlet",
                    "outlet_note",
                    "authors",
                    "byline",
                    ("published_on_date", "published_on_precision"),
                ]
            },
        ),
        (_("Content"), {"fields": ["summary"]}),
        EDITORIAL_FIELDSET,
    ]

    def find_duplicates(self, form: Any, cleaned: dict[str, Any]) -> list:
        published = None
        if cleaned.get("published_on_date"):
            published = as_fuzzy(cleaned["published_on_date"])
        reasons = {"url": _("the same page address"), "headline": _("the same headline and date")}
        return [
            (source, reasons[why])
            for source, why in sources_like(
                url=cleaned.get("url") or "", title=cleaned.get("title", ""), published=published
            )
        ]

    @admin.display(description=_("published"), ordering="published_on_date")
    def published_display(self, obj: Source) -> str:
        return obj.published_on.display() if obj.published_on else "—"


class StatementCitationInline(CitationInline):
    model = StatementCitation
    related_preload = ("source__outlet", "statement__speaker")


@admin.register(Statement)
class StatementAdmin(
    FuzzyDateAdminMixin, ChildRowDeleteMixin, VersionedAdminMixin, admin.ModelAdmin
):
    list_display = ["__str__", "speaker", "event", "said_date", "language"]
    list_filter = ["language", "said_precision"]
    list_select_related = ["speaker", "event"]
    search_fields = ["text", "speaker__display_name", "speaker__native_name", "speaker_label"]
    autocomplete_fields = ["speaker", "event"]
    date_hierarchy = "said_date"
    inlines = [StatementCitationInline]


@admin.register(EventParticipation)
class EventParticipationAdmin(LinkTableAdmin):
    form = ParticipationForm
    list_display = ["person", "event", "side", "role", "title"]
    list_filter = ["role", "side"]
    list_select_related = ["person", "event"]
    search_fields = ["person__display_name", "event__title", "title"]
    autocomplete_fields = ["person", "event"]

    def save_model(
        self, request: HttpRequest, obj: EventParticipation, form: Any, change: bool
    ) -> None:
        obj.fill_from_positions()
        super().save_model(request, obj, form, change)


admin.site.register([EventCitation, StatementCitation], CitationAdmin)
