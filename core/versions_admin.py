"""The admin side of record versions (`core.versions`): no lost edits, and a merge screen.

- `VersionedModelForm` carries the record's version in a hidden `version_token`, taken from the
  very row the form shows (never a second read, which could pair old content with a new token).
  A save whose token is stale is refused with a form error; when the refused input equals what is
  saved now, there is nothing to refuse and it goes through.
- `VersionedInlineFormSet` does the same for every inline row, and notices rows someone deleted
  after the page was opened.
- `VersionedAdminMixin` / `VersionedInlineMixin` put the token on every change page and inline.
  The write itself is the compare-and-swap of `Versioned.save()`, inside the admin's transaction:
  if another save commits between our read and our write, the whole save (parent and rows) is
  rolled back and the page is shown again as a refusal.
- After a refusal the page is the **merge screen**: for each refused record or row, each field
  where the saved value ("theirs") differs from the submitted one ("mine"), with a choice of
  which to keep (preselected from history: theirs where you had not changed the field); the
  tokens now carry the current versions, so saving applies the choices and succeeds unless yet
  another save intervened. A row deleted meanwhile offers "keep deleted" or "restore mine".

Radio names: ``_merge-<field's html name>`` and ``_merge-<row prefix>`` (rows deleted meanwhile),
values ``theirs`` / ``mine``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.utils import display_for_value
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.translation_admin import LanguageColumnsAdminMixin
from core.versions import StaleVersion

TOKEN = "version_token"
THEIRS, MINE = "theirs", "mine"
MERGE_TEMPLATE = "admin/versions/change_form.html"
# How often a save that lost the compare-and-swap race is shown again before giving up.
ATTEMPTS = 3


def merge_key(name: str) -> str:
    return f"_merge-{name}"


class VersionedModelForm(forms.ModelForm):
    """A model form refused when the record was saved after it was opened (see module doc)."""

    version_token = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Inline rows say less in their error; the merge panel names who saved, batched per model.
    in_formset = False
    vanished = False  # an inline row deleted after the page was opened
    stale = False  # set by clean(): the refused save's fields are on the merge screen
    stale_version: int | None = None  # the version the refused save was based on

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A revert form shows an old revision, not the row: nothing to compare field by field.
        self.reverting = hasattr(self.instance, "_history")
        if self.instance.pk is not None and self.reverting:
            # It is based on the version saved now.
            self.instance.version = (
                type(self.instance)
                ._default_manager.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
                or self.instance.version
            )
        if self.instance.pk is not None:
            self.fields[TOKEN].initial = self.instance.version
        self.submitted_version: int | None = None

    def merge_choice(self, name: str) -> str | None:
        return self.data.get(merge_key(self.add_prefix(name))) if self.is_bound else None

    def full_clean(self) -> None:
        if not self.vanished:
            super().full_clean()
            return
        self._errors = ErrorDict()
        self.cleaned_data = {}
        if self.row_choice() != THEIRS:  # "mine" rows were turned into new rows by the formset
            self.stale = True
            self.add_error(None, _("Someone deleted this row after you opened the page."))

    def row_choice(self) -> str | None:
        return self.data.get(merge_key(self.prefix or "")) if self.is_bound else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.instance.pk is None or self.instance._state.adding:
            return cleaned
        current = self.instance.version  # read with the row this form was built from
        submitted = cleaned.get(TOKEN)
        if submitted != current and (self.reverting or self.changed_fields()):
            self.stale, self.stale_version = True, submitted
            self.data = self.data.copy()  # shown again carrying the current version
            self.data[self.add_prefix(TOKEN)] = str(current)
            raise ValidationError(self.conflict_message(), code="stale_version")
        self.submitted_version = current if submitted != current else submitted
        for name in self.changed_fields():
            if self.merge_choice(name) == THEIRS:
                cleaned[name] = self.theirs(name)
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()
        if self.submitted_version is not None:
            # The compare-and-swap in save() checks the version this edit was based on.
            self.instance.version = self.submitted_version

    def changed_fields(self) -> list[str]:
        """Fields whose submitted value differs from the record as saved now."""
        return [name for name in self.changed_data if name != TOKEN]

    def theirs(self, name: str) -> Any:
        """The field's value as saved now, cleaned as if it had been submitted."""
        field = self.fields[name]
        initial = self.get_initial_for_field(field, name)
        if isinstance(field, forms.FileField):
            return None  # a file field left alone keeps the saved file
        try:
            return field.clean(field.prepare_value(initial))
        except ValidationError:
            return initial

    def conflict_message(self) -> str:
        if self.in_formset:
            return _(
                "Someone saved this row after you opened the page. Nothing was saved: choose "
                "above what to keep, then save again."
            )
        who, when = _("another editor"), ""
        history = getattr(self.instance, "history", None)
        record = (
            history.order_by("-history_date").select_related("history_user").first()
            if history is not None
            else None
        )
        if record is not None:
            if record.history_user is not None:
                who = record.history_user.get_username()
            when = formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
        return _(
            "%(who)s saved this record at %(when)s, after you opened it. Nothing was saved: "
            "your edits are still in this form — choose what to keep, then save again."
        ) % {"who": who, "when": when}


class VersionedInlineFormSet(BaseInlineFormSet):
    """Inline rows checked like `VersionedModelForm`; rows deleted meanwhile are noticed."""

    def _construct_form(self, i: int, **kwargs: Any) -> forms.Form:
        vanished = False
        if self.is_bound and i < self.initial_form_count():
            pk_key = f"{self.add_prefix(i)}-{self.model._meta.pk.name}"
            raw = self.data.get(pk_key)
            if raw and self._existing_object(self._pk_value(raw)) is None:
                vanished = True
                self._vanished_rows = True
                if self.data.get(merge_key(self.add_prefix(i))) == MINE:
                    # Restore: the row is saved again as a new one.
                    self.data = self.data.copy()
                    self.data[pk_key] = ""
                    vanished = False
                    self._restored = getattr(self, "_restored", set()) | {i}
        form = super()._construct_form(i, **kwargs)
        if i in getattr(self, "_restored", ()):
            form.fields[self.model._meta.pk.name].required = False
        form.in_formset = True
        form.vanished = vanished
        return form

    def get_queryset(self) -> Any:
        # The admin pairs each initial form with the queryset's row at the same index; with a
        # row deleted meanwhile they must stay aligned (None where the row is gone).
        rows = super().get_queryset()
        if not getattr(self, "_vanished_rows", False):
            return rows
        by_pk = {row.pk: row for row in rows}
        pk_name = self.model._meta.pk.name
        return [
            by_pk.get(self._pk_value(self.data.get(f"{self.add_prefix(i)}-{pk_name}", "")))
            for i in range(self.initial_form_count())
        ]

    def _pk_value(self, raw: str) -> Any:
        try:
            return self.model._meta.pk.to_python(raw)
        except ValidationError:
            return None

    def save_new_objects(self, commit: bool = True) -> list[models.Model]:
        super().save_new_objects(commit)
        for i in sorted(getattr(self, "_restored", ())):
            form = self.forms[i]
            if not self._should_delete_form(form):
                self.new_objects.append(self.save_new(form, commit=commit))
        return self.new_objects


def _display(field: forms.Field, value: Any) -> str:
    if value in (None, "", [], ()):
        return "—"
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(str(obj) for obj in value)
    if isinstance(field, forms.ModelChoiceField):
        return str(value)
    if isinstance(field, forms.ChoiceField):
        labels = {}
        for key, label in field.choices:
            if isinstance(label, list | tuple):
                labels.update({str(k): v for k, v in label})
            else:
                labels[str(key)] = label
        return str(labels.get(str(value), value))
    return str(display_for_value(value, "—"))


def _value(field: forms.Field, raw: Any) -> Any:
    try:
        return field.to_python(field.prepare_value(raw))
    except (ValidationError, TypeError, ValueError):
        return raw


def _history_by_row(model: type[models.Model], forms_: list[VersionedModelForm]) -> dict:
    """{pk: (record at the submitted version or None, latest record or None)}, one query."""
    history = getattr(model, "history", None)
    if history is None or not forms_:
        return {}
    condition = models.Q()
    for form in forms_:
        condition |= models.Q(id=form.instance.pk)
    found: dict[Any, list] = {}
    for record in history.filter(condition).select_related("history_user").order_by("history_id"):
        found.setdefault(record.id, []).append(record)
    result = {}
    for form in forms_:
        records = found.get(form.instance.pk, [])
        base = [r for r in records if r.version == form.stale_version]
        result[form.instance.pk] = (base[-1] if base else None, records[-1] if records else None)
    return result


def merge_item(form: VersionedModelForm, base: Any, latest: Any, label: str) -> dict[str, Any]:
    """One refused record or row on the merge screen: who saved it, and field by field."""
    item: dict[str, Any] = {"label": label, "vanished": form.vanished, "fields": []}
    if latest is not None:
        item["who"] = latest.history_user.get_username() if latest.history_user else ""
        item["when"] = timezone.localtime(latest.history_date)
    if form.vanished:
        item["input"] = merge_key(form.prefix or "")
        return item
    for name in form.changed_fields():
        field = form.fields[name]
        theirs = _value(field, form.get_initial_for_field(field, name))
        mine = form.cleaned_data.get(name, _value(field, form[name].data))
        choice = THEIRS
        model_field = _model_field(form, name)
        if base is not None and model_field is not None and not model_field.many_to_many:
            based_on = model_field.value_from_object(base.instance)
            if field.has_changed(based_on, form[name].data):
                choice = MINE  # you changed it: yours is kept unless you choose theirs
        item["fields"].append(
            {
                "label": field.label or name,
                "theirs": _display(field, theirs),
                "mine": _display(field, mine),
                "input": merge_key(form.add_prefix(name)),
                "choice": choice,
            }
        )
    return item


def _model_field(form: forms.ModelForm, name: str) -> models.Field | None:
    try:
        return form._meta.model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a form field without a model field
        return None


class VersionedAdminMixin(LanguageColumnsAdminMixin):
    """ModelAdmin mixin: the version on the page, compare-and-swap saves, the merge screen."""

    form = VersionedModelForm

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list:
        fieldsets = list(super().get_fieldsets(request, obj))
        names = {n for _label, opts in fieldsets for n in _flatten(opts.get("fields", ()))}
        if TOKEN not in names and fieldsets:
            label, opts = fieldsets[0]
            fieldsets[0] = (label, {**opts, "fields": [*opts.get("fields", ()), TOKEN]})
        return fieldsets

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        for _attempt in range(ATTEMPTS):
            try:
                return super().changeform_view(request, object_id, form_url, extra_context)
            except StaleVersion:
                # Another save committed between our read and our write; everything this save
                # wrote is rolled back. Shown again, the forms see the newer versions and refuse.
                continue
        return HttpResponse(_("This record keeps changing; reload it and try again."), status=409)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        for _attempt in range(ATTEMPTS):
            try:
                with transaction.atomic():
                    return super().history_form_view(request, object_id, version_id, extra_context)
            except StaleVersion:
                continue
        return HttpResponse(_("This record keeps changing; reload it and try again."), status=409)

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> HttpResponse:
        response = super().render_change_form(request, context, add, change, form_url, obj)
        items = self.merge_items(context)
        if items and isinstance(response, TemplateResponse):
            response.context_data["merge_items"] = items
            names = response.template_name
            base = names if isinstance(names, str) else select_template(names).template.name
            response.context_data["merge_base_template"] = base
            response.template_name = MERGE_TEMPLATE
        return response

    def merge_items(self, context: dict[str, Any]) -> list[dict[str, Any]]:
        """The merge screen's records and rows, in page order; history read once per model."""
        pending: list[tuple[VersionedModelForm, str]] = []
        adminform = context.get("adminform")
        form = getattr(adminform, "form", None)
        if getattr(form, "stale", False):
            pending.append((form, f"{self.model._meta.verbose_name.capitalize()}: {form.instance}"))
        for inline in context.get("inline_admin_formsets", ()):
            formset = inline.formset
            noun = formset.model._meta.verbose_name.capitalize()
            for n, row in enumerate(formset.forms, start=1):
                if getattr(row, "stale", False):
                    pending.append((row, f"{noun} {n}" + _describe(row)))
        by_model: dict[type, dict] = {}
        for model in {type(f.instance) for f, _label in pending}:
            by_model[model] = _history_by_row(
                model, [f for f, _l in pending if type(f.instance) is model and not f.vanished]
            )
        items = []
        for row, label in pending:
            base, latest = by_model[type(row.instance)].get(row.instance.pk, (None, None))
            items.append(merge_item(row, base, latest, label))
        return items


def _describe(row: VersionedModelForm) -> str:
    if row.vanished or row.instance.pk is None:
        return ""
    try:
        return f": {row.instance}"
    except Exception:  # noqa: BLE001 - a half-filled row may not describe itself
        return ""


def _flatten(fields: Any) -> list[str]:
    names: list[str] = []
    for entry in fields:
        names.extend(entry if isinstance(entry, list | tuple) else [entry])
    return names


class VersionedInlineMixin(LanguageColumnsAdminMixin):
    """InlineModelAdmin mixin: every row carries its version (see `VersionedInlineFormSet`)."""

    form = VersionedModelForm
    formset = VersionedInlineFormSet

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list:
        fields = list(super().get_fields(request, obj))
        return fields if TOKEN in _flatten(fields) else [*fields, TOKEN]
