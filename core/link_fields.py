"""Links picked on a form (a multi-select of records), written as what the editor changed.

A form that edits links stored elsewhere (an event's issues, a statement's citations) shows the
links as they are, and carries them again in a hidden `<name>_shown` field. On save only the
difference between the two is written: links the editor added are added, links they removed are
removed, and a link someone else added or removed after the page was opened is left as it is —
never an overwrite of what the editor did not touch (the merge rule of `core.versions_admin`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db.models import Model


def shown_name(name: str) -> str:
    return f"{name}_shown"


class ShownLinksField(forms.CharField):
    """The links as the page showed them (comma-separated keys); never a change of its own."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def has_changed(self, initial: Any, data: Any) -> bool:
        return False


def as_shown(pks: Iterable[Any]) -> str:
    return ",".join(sorted(str(pk) for pk in pks))


def show_links(form: forms.BaseForm, name: str, objects: Iterable[Model]) -> None:
    """Give an unsaved or unbound form the links as they are now (the field and its shown copy)."""
    objects = list(objects)
    form.initial[name] = [obj.pk for obj in objects]
    form.initial[shown_name(name)] = as_shown(obj.pk for obj in objects)
    widget = form.fields[name].widget
    if isinstance(widget, PreloadedAutocompleteSelectMultiple):
        widget.preloaded = {str(obj.pk): obj for obj in objects}


def link_changes(
    form: forms.BaseForm, name: str, current: Iterable[Any]
) -> tuple[list[Any], list[Any]] | None:
    """(added, removed) keys of the links the editor changed, or None if the form did not carry
    the field (a form posted without it leaves the links alone).

    `current` is the keys linked now; it is the base only when the page sent no shown copy.
    """
    if name not in form.cleaned_data:
        return None
    raw = form.data.get(form.add_prefix(shown_name(name)))
    if raw is None and form.add_prefix(name) not in form.data:
        return None
    chosen = {str(obj.pk) for obj in form.cleaned_data[name] or []}
    if raw is None:
        shown = {str(pk) for pk in current}
    else:
        shown = {part for part in raw.split(",") if part.strip()}
    field = form.fields[name]
    to_key = field.queryset.model._meta.pk.to_python
    return (
        sorted(to_key(pk) for pk in chosen - shown),
        sorted(to_key(pk) for pk in shown - chosen),
    )


class PreloadedOptionsMixin:
    """For an autocomplete widget: label the selection from objects the form already loaded
    (`preloaded`, by key), so a row of an inline costs no query of its own. Django's widgets run
    one query per row to label what is selected; with twenty participants, twenty queries."""

    preloaded: dict[str, Model] = {}

    def preloaded_options(self, name: str, value: list[Any], first_index: int = 0) -> list | None:
        """The selected options, or None when one of them was not loaded (Django looks it up)."""
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        objects = [self.preloaded.get(v) for v in selected]
        if not selected or None in objects:
            return None
        label = self.choices.field.label_from_instance
        return [
            self.create_option(name, obj.pk, label(obj), set(selected), first_index + index)
            for index, obj in enumerate(objects)
        ]


class PreloadedAutocompleteSelectMultiple(PreloadedOptionsMixin, AutocompleteSelectMultiple):
    """Autocomplete multi-select that labels its selection from objects the form already loaded."""

    def optgroups(self, name: str, value: list[Any], attr: Any = None) -> list:
        options = self.preloaded_options(name, value)
        if options is None:
            return super().optgroups(name, value, attr)
        return [(None, options, 0)]
