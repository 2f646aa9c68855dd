"""Translators' admin: language fieldsets, translation status, the matrix and the queue.

`translation_admins(site)` gives the admin of every model with translatable fields — and every
inline of such a model — the English columns in place, a fieldset per other language (한국어, 中文)
beside them, a "Korean: missing / outdated / done" filter per language and a "mark reviewed"
action per language. No JavaScript: plain fieldsets, so nothing new for the CSP to allow.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.fields import TranslationField

from core.pagination import ADMIN_PAGE_SIZE
from core.translation_fields import (
    SOURCE_LANGUAGE,
    column,
    registered,
    translatable_fields,
    value_in,
)
from translations.models import TranslationMark, TranslationStatus
from translations.services import (
    TARGET_LANGUAGES,
    filter_status,
    needing_translation,
    status_key,
    translation_mark_reviewed,
    with_status,
)

# Each language under its own name (an endonym is not translated), and its name in the UI language.
ENDONYMS = {"en": "English", "ko": "한국어", "zh-hans": "中文"}
LANGUAGE_NAMES = {
    "en": gettext_lazy("English"),
    "ko": gettext_lazy("Korean"),
    "zh-hans": gettext_lazy("Simplified Chinese"),
}
HTML_LANG = {"en": "en", "ko": "ko", "zh-hans": "zh-Hans"}


def _language_of(column_name: str, field: str) -> str | None:
    suffix = column_name.removeprefix(f"{field}_")
    return next((c for c in ENDONYMS if c.replace("-", "_") == suffix), None)


class TranslatedFieldsMixin:
    """Admin or inline: each translatable field's English column where the field was, and one
    fieldset per other language holding that language's columns, labelled and marked `lang`."""

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> list[str] | None:
        # This mixin names every language column itself (below), so none may be excluded (the
        # plain admin, core.translation_admin, keeps undeclared columns off its forms).
        exclude = super().get_exclude(request, obj)  # type: ignore[misc]
        fields = translatable_fields(self.model)  # type: ignore[attr-defined]
        columns = {column(f, code) for f in fields for code in ENDONYMS}
        return [name for name in exclude or () if name not in columns] or None

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list:
        fieldsets = super().get_fieldsets(request, obj)  # type: ignore[misc]
        fields = translatable_fields(self.model)  # type: ignore[attr-defined]
        # Each translatable field, named or by one of its columns (`title`, `title_en`, …).
        field_of = {column(f, code): f for f in fields for code in ENDONYMS} | {
            f: f for f in fields
        }
        found: list[str] = []

        def place(entry: str) -> str | None:
            field = field_of.get(entry)
            if field is None:
                return entry
            if field in found:  # a default form lists the field and each of its columns
                return None
            found.append(field)
            return column(field, SOURCE_LANGUAGE)

        result = []
        for name, options in fieldsets:
            placed = []
            for entry in options.get("fields", ()):
                if isinstance(entry, list | tuple):
                    group = tuple(e for e in (place(x) for x in entry) if e)
                    if group:
                        placed.append(group)
                elif (one := place(entry)) is not None:
                    placed.append(one)
            result.append((name, {**options, "fields": placed}))
        for language in TARGET_LANGUAGES:
            if found:
                result.append(
                    (
                        ENDONYMS[language],
                        {
                            "fields": [column(f, language) for f in found],
                            "classes": ["translation", f"translation-{language}"],
                        },
                    )
                )
        return result

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if formfield is None or not isinstance(db_field, TranslationField):
            return formfield
        original = db_field.translated_field
        language = _language_of(db_field.name, original.name) or SOURCE_LANGUAGE
        label = capfirst(original.verbose_name)
        formfield.label = (
            label if language == SOURCE_LANGUAGE else f"{label} · {ENDONYMS[language]}"
        )
        widget = getattr(formfield.widget, "widget", formfield.widget)
        widget.attrs["lang"] = HTML_LANG[language]
        if language == SOURCE_LANGUAGE and not original.blank:
            formfield.required = True  # English is the source: required where the field is
        return formfield


def status_filter(language: str) -> type[admin.SimpleListFilter]:
    """A changelist filter "Korean: missing / outdated / done"."""

    class TranslationStatusFilter(admin.SimpleListFilter):
        title = LANGUAGE_NAMES[language]
        parameter_name = f"translation_{language.replace('-', '_')}"

        def lookups(self, request: HttpRequest, model_admin: Any) -> list:
            return list(TranslationStatus.choices)

        def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
            if self.value() in TranslationStatus.values:
                return filter_status(queryset, language, self.value())
            return queryset

    TranslationStatusFilter.__name__ = f"TranslationStatusFilter_{language.replace('-', '_')}"
    return TranslationStatusFilter


def review_action(language: str) -> Any:
    """An action "Mark Korean translation reviewed" (the English as it is now)."""

    def action(model_admin: Any, request: HttpRequest, queryset: QuerySet) -> None:
        done = 0
        for obj in queryset:
            try:
                translation_mark_reviewed(obj=obj, language=language, user=request.user)
                done += 1
            except PermissionDenied as error:
                model_admin.message_user(request, f"{obj}: {error}", messages.ERROR)
        model_admin.message_user(
            request,
            _("%(language)s translation marked reviewed on %(count)d items.")
            % {"language": LANGUAGE_NAMES[language], "count": done},
            messages.SUCCESS,
        )

    code = language.replace("-", "_")
    action.__name__ = f"mark_translation_reviewed_{code}"
    description = {
        "ko": gettext_lazy("Mark Korean translation reviewed"),
        "zh-hans": gettext_lazy("Mark Chinese translation reviewed"),
    }[language]
    return admin.action(description=description, permissions=["change"])(action)


def _with_translations(inline: type) -> type:
    if not translatable_fields(inline.model) or issubclass(inline, TranslatedFieldsMixin):
        return inline
    return type(inline.__name__, (TranslatedFieldsMixin, inline), {})


def translation_admins(site: admin.AdminSite) -> None:
    """Give every admin of a translatable model (and every translatable inline) the language
    fieldsets, a status filter and a "mark reviewed" action per language (called once, below)."""
    for model, model_admin in list(site._registry.items()):
        cls = type(model_admin)
        inlines = [_with_translations(i) for i in cls.inlines]
        fields = translatable_fields(model)
        if not fields and inlines == list(cls.inlines):
            continue
        attrs: dict[str, Any] = {"inlines": inlines}
        if fields:
            bases: tuple[type, ...] = (TranslatedFieldsMixin, cls)
            attrs["list_filter"] = [*cls.list_filter, *map(status_filter, TARGET_LANGUAGES)]
            actions = [review_action(language) for language in TARGET_LANGUAGES]
            attrs["actions"] = [*(cls.actions or []), *actions]
            attrs["prepopulated_fields"] = {
                dest: [column(s, SOURCE_LANGUAGE) if s in fields else s for s in sources]
                for dest, sources in cls.prepopulated_fields.items()
            }
        else:
            bases = (cls,)
        site.unregister(model)
        site.register(model, type(cls.__name__, bases, attrs))


# The matrix and the queue ------------------------------------------------------------------


def _label(obj: Model) -> str:
    first = translatable_fields(type(obj))[0]
    return Truncator(value_in(obj, first, SOURCE_LANGUAGE) or str(obj.pk)).chars(80)


def _change_url(obj: Model) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _row(obj: Model, languages: tuple[str, ...]) -> dict[str, Any]:
    statuses = [
        (language, TranslationStatus(getattr(obj, status_key(language)))) for language in languages
    ]
    return {
        "name": _label(obj),
        "type": obj._meta.verbose_name,
        "url": _change_url(obj),
        "english_changed_at": getattr(obj, "english_changed_at", None),
        "statuses": [
            {"language": LANGUAGE_NAMES[lang], "status": s, "label": s.label}
            for lang, s in statuses
        ],
    }


def _models() -> dict[str, type[Model]]:
    return {m._meta.label_lower: m for m in registered()}


@admin.register(TranslationMark)
class TranslationMarkAdmin(admin.ModelAdmin):
    """Its list is the translation matrix; `queue/<language>/` the needs-translation queue."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list:
        extra = [
            path(
                "queue/<str:language>/",
                self.admin_site.admin_view(self.queue_view),
                name="translations_queue",
            )
        ]
        return extra + super().get_urls()

    def _context(self, request: HttpRequest, title: str) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "models": [(label, capfirst(m._meta.verbose_name)) for label, m in _models().items()],
            "statuses": TranslationStatus.choices,
            "languages": [(code, LANGUAGE_NAMES[code]) for code in TARGET_LANGUAGES],
            "queue_links": [
                (LANGUAGE_NAMES[code], reverse("admin:translations_queue", args=[code]))
                for code in TARGET_LANGUAGES
            ],
        }

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """The matrix: items of one model × languages, each with its status, filterable."""
        models = _models()
        label = request.GET.get("model") or next(iter(models))
        model = models.get(label)
        if model is None:
            raise Http404
        queryset: QuerySet = model._default_manager.all()
        status = request.GET.get("status", "")
        language = request.GET.get("language", "")
        if status in TranslationStatus.values:
            if language in TARGET_LANGUAGES:
                queryset = filter_status(queryset, language, status)
            else:
                matching = [filter_status(queryset, code, status) for code in TARGET_LANGUAGES]
                queryset = queryset.filter(pk__in=matching[0].values("pk")) | queryset.filter(
                    pk__in=matching[1].values("pk")
                )
        queryset = with_status(queryset).order_by("-pk")
        page = Paginator(queryset, ADMIN_PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            **self._context(request, _("Translation status")),
            "model_label": label,
            "status": status,
            "language": language,
            "page": page,
            "rows": [_row(obj, TARGET_LANGUAGES) for obj in page.object_list],
            "column_languages": [LANGUAGE_NAMES[code] for code in TARGET_LANGUAGES],
        }
        return TemplateResponse(request, "admin/translations/matrix.html", context)

    def queue_view(self, request: HttpRequest, language: str) -> HttpResponse:
        """What needs translating into `language`, missing or outdated, newest English first."""
        if language not in TARGET_LANGUAGES:
            raise Http404
        models = _models()
        label = request.GET.get("model", "")
        chosen = [models[label]] if label in models else list(models.values())
        found: list[Model] = []
        for model in chosen:
            found += needing_translation(model, language)[:ADMIN_PAGE_SIZE]
        far_past = "0000"
        found.sort(
            key=lambda o: o.english_changed_at.isoformat() if o.english_changed_at else far_past,
            reverse=True,
        )
        context = {
            **self._context(
                request,
                _("Needs translation: %(language)s") % {"language": LANGUAGE_NAMES[language]},
            ),
            "queue_language": language,
            "model_label": label,
            "rows": [_row(obj, (language,)) for obj in found[:ADMIN_PAGE_SIZE]],
        }
        return TemplateResponse(request, "admin/translations/queue.html", context)


translation_admins(admin.site)
