"""Shared pieces for django-filter FilterSets: NUL-byte rejection, fuzzy dates, countries.

Every public list (the HTML pages and the API) filters through a `PublicFilterSet`, so a bad value
is a form error on its own field (a 400 in the API) and never reaches the database: PostgreSQL
refuses strings containing NUL bytes with an exception, so they are rejected before any query.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from core.dates import FuzzyDate

NUL_MESSAGE = _("Null characters are not allowed.")


class FuzzyDateFormField(forms.Field):
    """Accepts "2026-01-05", "2026-01", "2026-Q1" (EDTF "2026-33") or "2026"; cleans to a
    `FuzzyDate`."""

    default_error_messages = {
        "invalid": _("Enter a date as YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY."),
    }

    def to_python(self, value: Any) -> FuzzyDate | None:
        if value in self.empty_values:
            return None
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, date):
            return FuzzyDate(value)
        try:
            return FuzzyDate.parse(str(value))
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


# How OpenAPI (and clients generated from it) see a fuzzy date: a string, not a `date`.
FUZZY_DATE_PARAMETER_SCHEMA = {
    "type": "string",
    "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-Q[1-4]|-3[3-6])?$",
    "description": (
        "A date at any precision: 2026-01-05, 2026-01, 2026-Q1 or 2026; a quarter also in its "
        "ISO 8601-2 / EDTF form, 2026-33 (January–March) to 2026-36."
    ),
    "example": "2026-Q1",
}


@extend_schema_field(FUZZY_DATE_PARAMETER_SCHEMA)
class FuzzyDateFilter(django_filters.Filter):
    """A date at any precision; `bound="first"` uses the period's first day, `"last"` its last."""

    field_class = FuzzyDateFormField

    def __init__(self, *args: Any, bound: str = "first", **kwargs: Any) -> None:
        self.bound = bound
        super().__init__(*args, **kwargs)

    def day(self, value: FuzzyDate) -> date:
        return value.first if self.bound == "first" else value.last

    def filter(self, qs: Any, value: FuzzyDate | None) -> Any:
        if value is None:
            return qs
        return super().filter(qs, self.day(value))


class CountryFormField(forms.ChoiceField):
    """An ISO 3166-1 alpha-2 code, case-insensitive ("kr" → "KR")."""

    def to_python(self, value: Any) -> str:
        return super().to_python(value).strip().upper()


def country_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in countries]


class CountryFilter(django_filters.ChoiceFilter):
    field_class = CountryFormField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("choices", country_choices)
        kwargs.setdefault("help_text", _("ISO 3166-1 alpha-2 country code, e.g. KR or CN."))
        super().__init__(*args, **kwargs)


class UTCIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, converted to UTC before it reaches the database.

    Python accepts UTC offsets up to ±23:59; PostgreSQL refuses anything beyond ±15:59 with an
    exception (a 500, found by schemathesis). In UTC any offset is fine, and a time that falls
    outside years 1–9999 once converted is a form error.
    """

    def to_python(self, value: Any) -> datetime | None:
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(UTC)
        except OverflowError:
            raise ValidationError(_("Enter a date-time between the years 1 and 9999.")) from None


class UTCIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCIsoDateTimeField


class PublicFilterSet(django_filters.FilterSet):
    """Base FilterSet: any parameter holding a NUL byte is an error on that parameter."""

    def nul_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if self.data is None:
            return errors
        getlist = getattr(self.data, "getlist", None)
        for key in self.data:
            values = getlist(key) if getlist else [self.data[key]]
            if "\x00" in key or any("\x00" in str(value) for value in values):
                errors[key.replace("\x00", "")] = str(NUL_MESSAGE)
        return errors

    def is_valid(self) -> bool:
        nul = self.nul_errors()
        if nul:
            # Validate nothing else: cleaning a slug with a NUL byte would query the database.
            form = self.form
            form.cleaned_data = {}
            form._errors = forms.utils.ErrorDict()
            for key, message in nul.items():
                form._errors[key] = form.error_class([message])
            return False
        return super().is_valid()


def published_queryset(model: type) -> Any:
    """A callable for ModelChoiceFilter: published rows, evaluated per request (publish_at)."""

    def queryset(request: Any) -> Any:
        return model.objects.published()

    return queryset
