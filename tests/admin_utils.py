"""Admin helpers for tests: change-page URLs and the POST data an editor's browser would send
from a rendered admin form."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def change_url(obj: Any) -> str:
    """The admin change page of `obj`."""
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def _field_values(form: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in form.fields:
        bound = form[name]
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        elif hasattr(value, "isoformat"):
            data[bound.html_name] = value.isoformat()
        else:
            data[bound.html_name] = str(value)
    return data


def admin_form_data(response: Any, **changes: Any) -> dict[str, Any]:
    """The form as rendered in `response`, with `changes` applied to the main form's fields."""
    context = response.context
    data = _field_values(context["adminform"].form)
    inlines = context["inline_admin_formsets"] if "inline_admin_formsets" in context else []
    for inline in inlines:
        formset = inline.formset
        data.update(_field_values(formset.management_form))
        for form in formset.forms:  # extra forms too, with their defaults, as a browser does
            data.update(_field_values(form))
    data.update({k: v for k, v in changes.items() if v is not None})
    for key in [k for k, v in changes.items() if v is None]:
        data.pop(key, None)
    return data
