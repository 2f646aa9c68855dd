"""Admin forms and translated fields (see core.translation_fields).

A translated field appears on an admin form once, under its own name (`title`, the English
source text, whatever the interface language), unless the admin names its language columns (`title_en`, `title_ko`, …)
itself — as the job-title glossary does, and as language tabs will. Both at once would be two
inputs for one column, the later silently overwriting the earlier.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import flatten, flatten_fieldsets
from django.http import HttpRequest
from django.utils import translation

from core.translation_fields import (
    CONTENT_LANGUAGES,
    SOURCE_LANGUAGE,
    column,
    translatable_fields,
)


class LanguageColumnsAdminMixin:
    """ModelAdmin or inline mixin: language columns not named by the admin stay off its form."""

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> list[str] | None:
        exclude = list(super().get_exclude(request, obj) or [])  # type: ignore[misc]
        if self.fieldsets:  # type: ignore[attr-defined]
            declared = set(flatten_fieldsets(self.fieldsets))  # type: ignore[attr-defined]
        else:
            declared = set(flatten(self.fields or ()))  # type: ignore[attr-defined]
        for field in translatable_fields(self.model):  # type: ignore[attr-defined]
            for language in CONTENT_LANGUAGES:
                name = column(field, language)
                if name not in declared:
                    exclude.append(name)
        return exclude or None

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> type:
        form = super().get_form(request, obj, **kwargs)  # type: ignore[misc]
        return english_source_form(form, self.model)  # type: ignore[attr-defined]

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> type:
        formset = super().get_formset(request, obj, **kwargs)  # type: ignore[misc]
        formset.form = english_source_form(formset.form, self.model)  # type: ignore[attr-defined]
        return formset


class EnglishSourceFormMixin:
    """A form's translated fields under their own names read and write English, the source
    language, whatever the editor's interface language: a Korean interface must not copy the
    English fallback into the Korean column, nor write English edits there."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with translation.override(SOURCE_LANGUAGE):
            super().__init__(*args, **kwargs)  # type: ignore[call-arg]

    def _post_clean(self) -> None:
        with translation.override(SOURCE_LANGUAGE):
            super()._post_clean()  # type: ignore[misc]


def english_source_form(form: type, model: type) -> type:
    """`form`, reading and writing translated fields in English (unchanged without any)."""
    if not translatable_fields(model) or issubclass(form, EnglishSourceFormMixin):
        return form
    return type(form.__name__, (EnglishSourceFormMixin, form), {})
