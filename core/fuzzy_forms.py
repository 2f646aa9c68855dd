"""One text field for a date with its precision: "2026-01-05", "2026-01", "2026-Q1" or "2026".

A model stores a fuzzy date as a `<name>_date` + `<name>_precision` pair (`core.dates`). Admin
forms showed them as a date picker and a precision menu, and refused "2026-01" and "2026-Q1" as
"Enter a valid date.". `FuzzyDateAdminMixin` / `FuzzyDateInlineMixin` replace every such pair with
one `FuzzyDateField` under the `<name>_date` name (so a plain day posted by an old client still
works), show the value back in the form it was entered with its precision spelt out, and set the
precision on the instance when the form is cleaned.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import FuzzyDate, Precision

PAIR_HELP = gettext_lazy("2026-01-05 (day), 2026-01 (month), 2026-Q1 (quarter) or 2026 (year).")


class FuzzyDateInput(forms.TextInput):
    """A text input that renders a `FuzzyDate` in its machine form and names the period."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        attrs = {"size": 12, "placeholder": "2026-Q1", "class": "fuzzy-date", **(attrs or {})}
        super().__init__(attrs)

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, FuzzyDate):
            return value.iso()
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return super().format_value(value)

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> str:
        html = super().render(name, value, attrs, renderer)
        reading = self.reading(value)
        if not reading:
            return html
        return format_html(
            '{} <span class="fuzzy-date-reading" data-fuzzy-reading="{}">{}</span>',
            html,
            name,
            reading,
        )

    @staticmethod
    def reading(value: Any) -> str:
        """ "January–March 2026 (quarter)" for what the field holds; "" when unreadable."""
        shown = value
        if isinstance(value, str):
            try:
                shown = FuzzyDate.parse(value)
            except ValueError:
                return ""
        elif value is not None and not isinstance(value, FuzzyDate) and hasattr(value, "year"):
            shown = FuzzyDate(value, Precision.DAY)
        if not isinstance(shown, FuzzyDate):
            return ""
        return _("%(display)s (%(precision)s)") % {
            "display": shown.display(),
            "precision": Precision(shown.precision).label,
        }


class FuzzyDateField(forms.Field):
    """Cleans "2026-01-05", "2026-01", "2026-Q1", "2026" (or a date) to a `FuzzyDate`."""

    widget = FuzzyDateInput
    default_error_messages = {
        "invalid": gettext_lazy(
            "“%(value)s” is not a date this site reads. Write 2026-01-05 for a day, 2026-01 for "
            "a month, 2026-Q1 for a quarter or 2026 for a year."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", PAIR_HELP)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        # What the browser shows and sends back: "2026-Q1", never the display form.
        if isinstance(value, FuzzyDate):
            return value.iso()
        if hasattr(value, "isoformat") and not isinstance(value, str):
            return value.isoformat()
        return value

    def to_python(self, value: Any) -> FuzzyDate | None:
        if isinstance(value, FuzzyDate):
            return value
        if value in self.empty_values:
            return None
        if hasattr(value, "year") and hasattr(value, "day"):
            return FuzzyDate(value, Precision.DAY)
        text = str(value).strip()
        try:
            return FuzzyDate.parse(text)
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": text[:40]}
            ) from None

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


def as_fuzzy(value: Any) -> FuzzyDate:
    """A cleaned `FuzzyDateField` value (or a plain date, read as a day) as a `FuzzyDate`."""
    return value if isinstance(value, FuzzyDate) else FuzzyDate(value, Precision.DAY)


def fuzzy_pairs(model: type[models.Model]) -> list[str]:
    """Names `x` for which `model` has an editable `x_date` DateField and an `x_precision`."""
    names = {f.name for f in model._meta.get_fields() if getattr(f, "concrete", False)}
    pairs = []
    for field in model._meta.get_fields():
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            if field.name.endswith("_date") and field.editable:
                base = field.name[: -len("_date")]
                if f"{base}_precision" in names:
                    pairs.append(base)
    return pairs


class FuzzyDateFormMixin:
    """Model form mixin: each date + precision pair becomes one `FuzzyDateField`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fuzzy_pairs = []
        for base in fuzzy_pairs(self._meta.model):
            date_name = f"{base}_date"
            if date_name not in self.fields or isinstance(self.fields[date_name], FuzzyDateField):
                continue
            old = self.fields[date_name]
            self.fields[date_name] = FuzzyDateField(
                required=old.required,
                label=old.label,
                disabled=old.disabled,
            )
            self.fields.pop(f"{base}_precision", None)
            self._fuzzy_pairs.append(base)
            value = getattr(self.instance, date_name, None)
            if value is not None and date_name not in (kwargs.get("initial") or {}):
                precision = getattr(self.instance, f"{base}_precision", None) or Precision.DAY
                self.initial[date_name] = FuzzyDate(value, precision)

    def _post_clean(self) -> None:
        # Before the instance is built from cleaned_data, and whatever clean() raised (a stale
        # save still builds the instance for the merge screen).
        cleaned = getattr(self, "cleaned_data", {})
        for base in self._fuzzy_pairs:
            value = cleaned.get(f"{base}_date")
            if isinstance(value, FuzzyDate):
                cleaned[f"{base}_date"] = value.first
                setattr(self.instance, f"{base}_precision", value.precision)
            elif f"{base}_date" in cleaned:
                setattr(self.instance, f"{base}_precision", Precision.DAY)
        super()._post_clean()


def with_fuzzy_dates(form_class: type[forms.BaseForm]) -> type[forms.BaseForm]:
    if issubclass(form_class, FuzzyDateFormMixin):
        return form_class
    return type(form_class.__name__, (FuzzyDateFormMixin, form_class), {})


def _strip_precision(fields: Any, pairs: list[str]) -> list:
    drop = {f"{base}_precision" for base in pairs}
    result: list = []
    for entry in fields:
        if isinstance(entry, list | tuple):
            kept = [name for name in entry if name not in drop]
            if kept:
                result.append(tuple(kept))
        elif entry not in drop:
            result.append(entry)
    return result


class FuzzyDateAdminMixin:
    """ModelAdmin mixin: date + precision pairs entered as one text field."""

    def get_fieldsets(self, request: Any, obj: Any = None) -> list:
        pairs = fuzzy_pairs(self.model)
        fieldsets = list(super().get_fieldsets(request, obj))
        if not pairs:
            return fieldsets
        return [
            (label, {**opts, "fields": _strip_precision(opts.get("fields", ()), pairs)})
            for label, opts in fieldsets
        ]

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any):
        return with_fuzzy_dates(super().get_form(request, obj, change=change, **kwargs))


class FuzzyDateInlineMixin:
    """InlineModelAdmin mixin: the same for inline rows."""

    def get_fields(self, request: Any, obj: Any = None) -> list:
        return _strip_precision(super().get_fields(request, obj), fuzzy_pairs(self.model))

    def get_formset(self, request: Any, obj: Any = None, **kwargs: Any):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"form": with_fuzzy_dates(formset.form)})
