"""Admin building blocks shared by every app: the editorial workflow, edit conflicts, history.

`PublishableAdmin` gives each publishable model: a status field an Editor can only set to draft or
in review (publishing, archiving and deleting need the Publisher role), bulk actions that respect
those permissions, revision history with compare and revert (django-simple-history), and refusal of
a stale save (another editor saved first) with the merge screen of `core.versions_admin`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.child_rows import user_may_delete_row
from core.editorial import EDITOR_STATUSES, EditorialStatus, user_can_publish
from core.fuzzy_forms import FuzzyDateAdminMixin, FuzzyDateInlineMixin
from core.link_fields import PreloadedOptionsMixin
from core.pagination import ADMIN_PAGE_SIZE
from core.publishing import describe
from core.publishing_admin import DependencyCheckAdminMixin
from core.services import editorial_transition, needs_publisher
from core.versions import StaleVersion
from core.versions_admin import (
    VersionedAdminMixin,
    VersionedInlineFormSet,
    VersionedInlineMixin,
    VersionedModelForm,
)

EDITORIAL_FIELDSET = (
    gettext_lazy("Editorial"),
    {"fields": ("editorial_status", "publish_at", "version_token")},
)


class EditorialAdminForm(VersionedModelForm):
    """Checks the publish permission; refuses stale saves (`VersionedModelForm`)."""

    can_publish = False  # set per request by PublishableAdmin.get_form

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status = self.fields.get("editorial_status")
        if status is not None and not self.can_publish:
            allowed = set(EDITOR_STATUSES) | {self._stored_status()}
            status.choices = [c for c in status.choices if c[0] in allowed]
            status.help_text = _("Publishing and archiving are done by a publisher.")
        publish_at = self.fields.get("publish_at")
        if publish_at is not None and not self.can_publish:
            # Scheduling decides when the public sees an item: a publisher's act. A disabled
            # field keeps the stored value whatever a direct POST sends.
            publish_at.disabled = True
            publish_at.help_text = _("Scheduling is done by a publisher.")

    def _stored_status(self) -> str:
        if not self.instance.pk:
            return EditorialStatus.DRAFT
        return (
            type(self.instance)
            ._default_manager.filter(pk=self.instance.pk)
            .values_list("editorial_status", flat=True)
            .first()
            or EditorialStatus.DRAFT
        )

    def clean_editorial_status(self) -> str:
        value = self.cleaned_data["editorial_status"]
        stored = self._stored_status()
        # The same rule editorial_transition enforces on save; checked here to answer with a
        # form error instead of a refusal.
        if value != stored and needs_publisher(stored, value) and not self.can_publish:
            raise ValidationError(
                _("You can save as draft or submit for review; a publisher publishes.")
            )
        return value

    def clean_publish_at(self) -> Any:
        if not self.can_publish:
            return self.instance.publish_at  # exactly as stored (the widget drops microseconds)
        return self.cleaned_data["publish_at"]


class PublishableAdmin(
    FuzzyDateAdminMixin, DependencyCheckAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin
):
    """ModelAdmin for publishable models: editorial workflow, conflicts, history, bulk actions."""

    form = EditorialAdminForm
    actions = ["submit_for_review", "publish", "archive", "return_to_draft"]
    history_list_display = ["editorial_status"]
    save_on_top = True
    list_per_page = ADMIN_PAGE_SIZE

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"can_publish": self.has_publish_permission(request)})

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list:
        fieldsets = list(super().get_fieldsets(request, obj))
        if not any("version_token" in options.get("fields", ()) for _n, options in fieldsets):
            fieldsets.append(EDITORIAL_FIELDSET)
        return fieldsets

    def save_model(self, request: HttpRequest, obj: Any, form: forms.Form, change: bool) -> None:
        to_status = obj.editorial_status
        stored = form._stored_status()
        if to_status != stored:
            # A status change goes through the one transition service, as the bulk actions do;
            # the form's other edits are saved with it.
            obj.editorial_status = stored
            editorial_transition(
                obj=obj,
                to_status=to_status,
                user=request.user,
                publish_with=self.publish_with(request),
            )
            self.warn_left_showing(request, [obj])
            return
        super().save_model(request, obj, form, change)

    def warn_left_showing(self, request: HttpRequest, objs: list[Any]) -> None:
        """Unpublished or archived: name the live items that showed it (readers no longer see it
        there — a live event's page then says no published source is cited)."""
        for obj in objs:
            left = getattr(obj, "left_showing", [])
            if left:
                self.message_user(
                    request,
                    _("“%(obj)s” is no longer public; these live items showed it: %(listed)s.")
                    % {"obj": obj, "listed": "; ".join(describe(item) for item in left)},
                    messages.WARNING,
                )

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return user_can_publish(request.user, self.model)

    def response_action(self, request: HttpRequest, queryset: QuerySet) -> Any:
        # An action the user may not run is missing from their choices, and Django would answer
        # "No action selected."; say what was refused instead.
        action = request.POST.get("action", "")
        if action in self.actions and action not in self.get_actions(request):
            self.message_user(
                request,
                _("Only publishers can publish, archive or unpublish; nothing was changed."),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)

    def _transition(
        self, request: HttpRequest, queryset: QuerySet, to_status: str, publish_with: Any = ()
    ) -> None:
        changed = 0
        together: list[Any] = []
        for obj in queryset:
            try:
                before = obj.editorial_status
                editorial_transition(
                    obj=obj, to_status=to_status, user=request.user, publish_with=publish_with
                )
                changed += before != to_status
                together += getattr(obj, "published_with", [])
                self.warn_left_showing(request, [obj])
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{obj}: {error}", messages.ERROR)
            except StaleVersion:
                self.message_user(
                    request,
                    _("%(obj)s: someone saved it meanwhile; it was left as it is.") % {"obj": obj},
                    messages.ERROR,
                )
        label = EditorialStatus(to_status).label
        self.message_user(
            request,
            ngettext(
                "%(count)d item set to “%(status)s”.",
                "%(count)d items set to “%(status)s”.",
                changed,
            )
            % {"count": changed, "status": label},
            messages.SUCCESS,
        )
        if together:
            self.message_user(
                request,
                _("Published together with them: %(listed)s.")
                % {"listed": "; ".join(str(dep) for dep in together)},
                messages.SUCCESS,
            )

    @admin.action(description=gettext_lazy("Submit selected for review"), permissions=["change"])
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._transition(request, queryset, EditorialStatus.REVIEW)

    @admin.action(description=gettext_lazy("Publish selected"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> Any:
        # A confirmation page first when what they show is not public (core.publishing_admin).
        return self.publish_selected(request, queryset)

    @admin.action(description=gettext_lazy("Archive selected"), permissions=["publish"])
    def archive(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._transition(request, queryset, EditorialStatus.ARCHIVED)

    @admin.action(
        description=gettext_lazy("Unpublish selected (back to draft)"), permissions=["publish"]
    )
    def return_to_draft(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._transition(request, queryset, EditorialStatus.DRAFT)


class ChildRowDeleteMixin:
    """Admin or inline of child rows: Editors delete the rows of a record that is not live.

    Editors hold the delete permission of child rows (core.roles); a live record's rows are
    deleted by a Publisher. `obj` is the row on its own page, the parent record on an inline.
    """

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_delete_permission(request, obj)  # type: ignore[misc]
        return allowed and (obj is None or user_may_delete_row(request.user, obj))


class LinkTableAdmin(
    FuzzyDateAdminMixin, ChildRowDeleteMixin, VersionedAdminMixin, admin.ModelAdmin
):
    """A table edited as an inline of its parent: its own pages stay, the admin index omits it."""

    def get_model_perms(self, request: HttpRequest) -> dict[str, bool]:
        return {}


@admin.display(description=gettext_lazy("editorial"), ordering="editorial_status")
def editorial_badge(obj: Any) -> str:
    if obj.editorial_status == EditorialStatus.PUBLISHED and not obj.is_public:
        return _("Scheduled")
    return obj.get_editorial_status_display()


class PreloadedAutocompleteSelect(PreloadedOptionsMixin, AutocompleteSelect):
    """Autocomplete that labels the selected option from an already-loaded object.

    The inline formset hands each widget the object it already loaded with select_related, so the
    page costs the same whatever the row count (core.link_fields.PreloadedOptionsMixin).
    """

    def optgroups(self, name: str, value: list[Any], attr: Any = None) -> list:
        empty = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        options = self.preloaded_options(name, value, first_index=len(empty))
        if options is None:
            return super().optgroups(name, value, attr)
        return [(None, [*empty, *options], 0)]


class PreloadedModelChoiceField(forms.ModelChoiceField):
    """A row's choice of a related object, found among those its formset loaded in one query.

    Django looks each submitted choice up with its own query (and validates the row's foreign key
    with another): with fifty participants a POST cost 200 queries. The formset loads every
    row's choices at once (`PreloadedInlineFormSet.preloaded_choices`); a value not among them
    (a choice outside the field's queryset) is looked up, and refused, as Django does.
    """

    preloaded: dict[str, Model] | None = None

    def to_python(self, value: Any) -> Any:
        if self.preloaded is not None and value not in self.empty_values:
            found = self.preloaded.get(str(getattr(value, "pk", value)))
            if found is not None:
                return found
        return super().to_python(value)


class PreloadedChoicesForm(forms.ModelForm):
    """Form mixin: a foreign key chosen among preloaded objects is not looked up again when the
    model validates its fields (the form field found it in the field's queryset: it exists).

    Only for that check: uniqueness and constraints (a person listed twice) still see the field.
    """

    _skip_exists_check = False

    def _post_clean(self) -> None:
        self._skip_exists_check = True  # read by the first exclusions Django asks for: full_clean
        try:
            super()._post_clean()
        finally:
            self._skip_exists_check = False

    def _get_validation_exclusions(self) -> Any:
        exclusions = super()._get_validation_exclusions()
        if not self._skip_exists_check:
            return exclusions
        self._skip_exists_check = False
        for name, field in self.fields.items():
            if isinstance(field, PreloadedModelChoiceField) and field.preloaded is not None:
                if self.cleaned_data.get(name) is not None:
                    exclusions.add(name)
        return exclusions


class PreloadedInlineFormSet(VersionedInlineFormSet):
    """Gives each row's autocomplete widgets the related objects the row already holds; on a
    POST, every row's chosen objects (and the rows themselves) come from one query per field."""

    # Foreign key name -> lookups to prefetch with the chosen objects (what the row's clean()
    # reads: a participant's positions, for the title held then).
    choice_prefetch: dict[str, tuple[str, ...]] = {}

    def preloaded_choices(self, name: str, field: forms.ModelChoiceField) -> dict[str, Model]:
        """Every row's submitted choice for `name`, loaded at once: {str(pk): object}."""
        cache = self.__dict__.setdefault("_preloaded_choices", {})
        if name not in cache:
            raw = {
                self.data.get(f"{self.add_prefix(i)}-{name}")
                for i in range(self.total_form_count())
            }
            values = [value for value in raw if value not in field.empty_values]
            queryset = field.queryset.filter(pk__in=values) if values else field.queryset.none()
            queryset = queryset.prefetch_related(*self.choice_prefetch.get(name, ()))
            cache[name] = {str(obj.pk): obj for obj in queryset} if values else {}
        return cache[name]

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        pk_name = self.model._meta.pk.name
        field = form.fields.get(pk_name)
        if self.is_bound and isinstance(field, forms.ModelChoiceField):
            # The row's own id is one of the rows the formset loaded (Django queries per row).
            preloaded = PreloadedModelChoiceField(
                field.queryset, initial=field.initial, required=False, widget=field.widget
            )
            existing = self.get_queryset()
            preloaded.preloaded = {str(row.pk): row for row in existing if row is not None}
            form.fields[pk_name] = preloaded

    def _construct_form(self, i: int, **kwargs: Any) -> forms.Form:
        form = super()._construct_form(i, **kwargs)
        if self.is_bound:
            for name, field in form.fields.items():
                if (
                    isinstance(field, PreloadedModelChoiceField)
                    and name != self.model._meta.pk.name
                ):
                    field.preloaded = self.preloaded_choices(name, field)
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if not isinstance(widget, PreloadedAutocompleteSelect):
                continue
            model_field = form.instance._meta.get_field(name)
            if model_field.is_cached(form.instance):
                related = getattr(form.instance, name)
                if related is not None:
                    widget.preloaded = {str(related.pk): related}
        return form


class FastInlineMixin(FuzzyDateInlineMixin, ChildRowDeleteMixin, VersionedInlineMixin):
    """Inline whose autocomplete fields cost no query per row (see PreloadedAutocompleteSelect)."""

    formset = PreloadedInlineFormSet
    related_preload: tuple[str, ...] = ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        kwargs.setdefault("form_class", PreloadedModelChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        form = kwargs.get("form", self.form)
        if not issubclass(form, PreloadedChoicesForm):
            kwargs["form"] = type(form.__name__, (PreloadedChoicesForm, form), {})
        return super().get_formset(request, obj, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        preload = list(self.autocomplete_fields) + list(self.related_preload)
        return super().get_queryset(request).select_related(*preload)


class CitationInline(FastInlineMixin, admin.TabularInline):
    """Sources cited by a fact; each app's citation inline sets `model` and `related_preload`."""

    extra = 1
    fields = ["source", "locator", "note", "conflicts"]
    autocomplete_fields = ["source"]


class CitationAdmin(LinkTableAdmin):
    """Citations on their own pages (events and issues register their citation models with it)."""

    list_display = ["__str__", "source", "locator", "conflicts"]
    list_filter = ["conflicts"]
    list_select_related = ["source", "source__outlet"]
    search_fields = ["source__title", "note"]
    autocomplete_fields = ["source"]
