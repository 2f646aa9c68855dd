"""Warn of a likely duplicate before a new record is saved, with links to what exists.

A ModelAdmin using `DuplicateWarningAdminMixin` implements `find_duplicates(form, cleaned)`
returning `(object, reason)` pairs. On an add form with any, the save is refused with a form error
that links each one and offers a "save anyway" box (`CONFIRM`); ticked, the save goes through.
Editing an existing record is never held up.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

CONFIRM = "_save_duplicate"


def admin_link(obj: Model) -> str:
    meta = obj._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def inline_values(data: QueryDict, prefix: str, field: str) -> list[str]:
    """Values of `field` on every inline row `prefix-N-` not marked for deletion."""
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)-{re.escape(field)}$")
    values = []
    for key in data:
        match = pattern.match(key)
        if not match or data.get(f"{prefix}-{match.group(1)}-DELETE"):
            continue
        value = (data.get(key) or "").strip()
        if value:
            values.append(value)
    return values


def duplicate_message(found: list[tuple[Model, str]]) -> str:
    items = format_html_join(
        "",
        '<li><a href="{}" target="_blank">{}</a> — {}</li>',
        ((admin_link(o), o, r) for o, r in found),
    )
    return format_html(
        '{} <ul class="possible-duplicates">{}</ul>'
        '<label><input type="checkbox" name="{}" value="1"> {}</label>',
        _("This may already exist; check before adding it again:"),
        items,
        CONFIRM,
        _("It is a different one: save anyway"),
    )


class DuplicateCheckFormMixin:
    duplicate_finder: Any = None  # staticmethod(form, cleaned) -> [(obj, reason)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        finder = type(self).duplicate_finder
        adding = self.instance.pk is None
        if finder is None or not adding or self.errors or self.data.get(CONFIRM):
            return cleaned
        found = finder(self, cleaned)
        if found:
            raise ValidationError(duplicate_message(found), code="possible_duplicate")
        return cleaned


class DuplicateWarningAdminMixin:
    def find_duplicates(self, form: Any, cleaned: dict[str, Any]) -> list[tuple[Model, str]]:
        return []

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change=change, **kwargs)
        if change:
            return form
        return type(
            form.__name__,
            (DuplicateCheckFormMixin, form),
            {"duplicate_finder": staticmethod(self.find_duplicates)},
        )
