"""Building blocks of the partner API (/api/v1/): fields, pagination, formats, conditional GET.

Every resource is a `PublicReadOnlyViewSet`: its queryset starts from `.published()`, children are
prefetched with their own `.published()`, `?include=` adds prefetches (never per-row queries), and
any bad parameter is a 400 naming the parameter — before the database is touched when the value
could crash it (NUL bytes, forged cursors).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, tzinfo
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseNotModified, JsonResponse, StreamingHttpResponse
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.formats import (
    UTF8_BOM,
    csv_lines,
    parse_bom,
    serializer_columns,
)
from core.dates import FuzzyDate, Precision
from core.filters import NUL_MESSAGE
from core.pagination import API_DEFAULT_PAGE_SIZE, API_MAX_PAGE_SIZE
from core.text import sanitize_html
from core.translation_fields import (
    CONTENT_LANGUAGES,
    content_language,
    translations_of,
    value_in,
)
from core.web.cache import content_last_modified, etag_is_current, not_modified, url_etag

FUZZY_DATE_SCHEMA = {
    "type": "object",
    "properties": {
        "date": {"type": "string", "format": "date", "description": "First day of the period."},
        "precision": {"type": "string", "enum": list(Precision.values)},
        "display": {"type": "string", "description": "As a person writes it."},
        "edtf": {
            "type": "string",
            "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-3[3-6])?$",
            "description": (
                "The same period in ISO 8601-2 / EDTF: 2026-01-05, 2026-01, 2026 or, for a "
                "quarter, the level-2 code 2026-33 (January–March) to 2026-36 (October–December)."
            ),
        },
    },
    "required": ["date", "precision", "display", "edtf"],
}


# --- Fields -------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _fuzzy_date_dict(first: date, precision: str, language: str | None) -> dict[str, str]:
    return FuzzyDate(first, precision).as_dict()


def fuzzy_date_dict_of(first: date, precision: str, language: str | None) -> dict[str, str]:
    """`FuzzyDate(first, precision).as_dict()` in `language`, remembered (the active language
    read once per request by the caller, not once per date)."""
    return _fuzzy_date_dict(first, precision, language)


def fuzzy_date_dict(value: FuzzyDate) -> dict[str, str]:
    """`value.as_dict()`, remembered per language: pages repeat dates, formatting is slow.

    The dict is shared between rows; it is only ever read (rendered), never changed.
    """
    return _fuzzy_date_dict(value.first, value.precision, get_language())


@extend_schema_field(FUZZY_DATE_SCHEMA)
class FuzzyDateField(serializers.Field):
    """A `FuzzyDate` attribute as {"date", "precision", "display", "edtf"}."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict[str, str]:
        return fuzzy_date_dict(value)


def absolute_url(context: dict[str, Any], path: str) -> str:
    """`path` made absolute for the current request (its scheme and host worked out once)."""
    request = context.get("request")
    if request is None:
        return path
    http_request = getattr(request, "_request", request)
    base = getattr(http_request, "_absolute_base", None)
    if base is None:
        # build_absolute_uri validates the host on every call; rows need it hundreds of times.
        base = http_request.build_absolute_uri("/")[:-1]
        http_request._absolute_base = base
    return base + path if path.startswith("/") else request.build_absolute_uri(path)


@functools.cache
def _detail_path_parts(basename: str, lookup: str, script_prefix: str) -> tuple[str, str]:
    marker = "1234567890" if lookup == "pk" else "lookup-marker"
    path = reverse(f"api:{basename}-detail", kwargs={lookup: marker})
    prefix, _, suffix = path.partition(marker)
    return prefix, suffix


def api_detail_path(basename: str, lookup: str, value: Any) -> str:
    """The API detail path of one object, without a URL resolver call per row."""
    prefix, suffix = _detail_path_parts(basename, lookup, get_script_prefix())
    return f"{prefix}{value}{suffix}"


@functools.cache
def _page_path_parts(
    viewname: str, lookup: str, script_prefix: str, language: str | None
) -> tuple[str, str]:
    path = reverse(viewname, kwargs={lookup: "lookup-marker"})  # with the language's prefix
    prefix, _, suffix = path.partition("lookup-marker")
    return prefix, suffix


def slug_page_path(viewname: str, slug: str) -> str:
    """`reverse(viewname, kwargs={"slug": slug})` without a URL resolver call per row (a slug
    needs no quoting: letters, digits, hyphens and underscores)."""
    prefix, suffix = _page_path_parts(viewname, "slug", get_script_prefix(), get_language())
    return f"{prefix}{slug}{suffix}"


def slug_page_url_parts(context: dict[str, Any], viewname: str) -> tuple[str, str]:
    """(start, end) of `absolute_url(context, slug_page_path(viewname, slug))` around the slug:
    the per-row work of both, done once per request."""
    prefix, suffix = _page_path_parts(viewname, "slug", get_script_prefix(), get_language())
    return absolute_url(context, prefix), suffix


def api_detail_url_parts(context: dict[str, Any], basename: str, lookup: str) -> tuple[str, str]:
    """(start, end) of `absolute_url(context, api_detail_path(basename, lookup, value))`."""
    prefix, suffix = _detail_path_parts(basename, lookup, get_script_prefix())
    return absolute_url(context, prefix), suffix


def iso_datetime(value: datetime, zone: tzinfo) -> str:
    """What DRF's DateTimeField writes with the default ISO 8601 format, in `zone`."""
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


@extend_schema_field(OpenApiTypes.URI)
class PublicURLField(serializers.Field):
    """The object's public page, as an absolute URL."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> str:
        return absolute_url(self.context, value.get_absolute_url())


@extend_schema_field(OpenApiTypes.URI)
class APIURLField(serializers.Field):
    """The object's API detail URL, as an absolute URL."""

    def __init__(self, basename: str, lookup: str = "slug", **kwargs: Any) -> None:
        self.basename = basename
        self.lookup = lookup
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> str:
        path = api_detail_path(self.basename, self.lookup, getattr(value, self.lookup))
        return absolute_url(self.context, path)


class IncludableSerializer(serializers.Serializer):
    """Drops the fields named in `Meta.include_fields` unless `?include=` asked for them."""

    def get_fields(self) -> dict[str, serializers.Field]:
        include = self.context.get("include")
        if include is None:  # schema generation: document every optional field
            return super().get_fields()
        includable = getattr(getattr(self, "Meta", None), "include_fields", ())
        skipped = set(includable) - set(include)
        # Copy only the fields that will be used: deep-copying unused nested serializers per
        # request costs more than serializing a page.
        return {
            name: copy.deepcopy(field)
            for name, field in self._declared_fields.items()
            if name not in skipped
        }


# --- Views --------------------------------------------------------------------------------------


def reject_nul_bytes(request: Request) -> None:
    """A NUL byte in any parameter is a 400 on it; PostgreSQL would refuse it with a 500."""
    errors = {}
    for key, values in request.query_params.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            errors[key.replace("\x00", "") or "query"] = [str(NUL_MESSAGE)]
    if errors:
        raise ValidationError(errors)


def split_includes(request: Request) -> list[str]:
    values = request.query_params.getlist("include")
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def include_parameter(options: Iterable[str]) -> OpenApiParameter:
    names = ", ".join(sorted(options))
    return OpenApiParameter(
        "include",
        OpenApiTypes.STR,
        description=f"Comma-separated nested lists to add to each row: {names}. "
        "Costs one query per list, whatever the page size.",
    )


DOWNLOAD_CHUNK = 500

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv"],
    description="Response format: json (default) or csv (one row per object, UTF-8).",
)
PAGE_SIZE_PARAMETER = OpenApiParameter(
    "page_size",
    OpenApiTypes.INT,
    description=f"Rows per page, 1–{API_MAX_PAGE_SIZE} (default {API_DEFAULT_PAGE_SIZE}).",
)


# --- Content language -----------------------------------------------------------------------------

LANG_MESSAGE = "Choose a language from: " + ", ".join(CONTENT_LANGUAGES) + "."


LANG_PARAMETERS = [
    OpenApiParameter(
        "lang",
        OpenApiTypes.STR,
        enum=list(CONTENT_LANGUAGES),
        description="Language of every translatable field (titles, summaries, names…): en, ko "
        "or zh-hans. Without it, the Accept-Language header decides; a field not yet translated "
        "is given in English. Details also carry every language in `translations`. CSV and "
        "iCalendar follow it too.",
    ),
    OpenApiParameter(
        "Accept-Language",
        OpenApiTypes.STR,
        location=OpenApiParameter.HEADER,
        description="Used when `lang` is absent, e.g. `ko` or `zh-CN`.",
    ),
]


def requested_language(request: HttpRequest) -> str | None:
    """The content language asked for with `?lang=` ("" when it is not one we have), else None."""
    value = request.GET.get("lang")
    if value is None:
        return None
    code = value.strip().lower()
    return code if code in CONTENT_LANGUAGES else ""


class ContentLanguageMixin:
    """Every translatable field in the language of `?lang=`, else of `Accept-Language` (the
    language LocaleMiddleware chose), falling back to English field by field; the answer says
    which in `Content-Language` and varies on `Accept-Language`. An unknown `lang` is a 400."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        language = requested_language(request) or content_language()
        self.content_language = language
        # Rendering (JSON, CSV, iCalendar) happens inside, in ContentETagMixin.dispatch.
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        return response

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        if requested_language(request) == "":
            raise ValidationError({"lang": [LANG_MESSAGE]})
        super().initial(request, *args, **kwargs)  # type: ignore[misc]


class SourceLanguageMixin:
    """Bulk exports are in English, the source language, whatever the reader's language."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        with translation.override("en"):
            response = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        response["Content-Language"] = "en"
        return response


def translations_schema(fields: Iterable[str]) -> dict[str, Any]:
    fields = list(fields)
    per_language = {
        "type": "object",
        "properties": {field: {"type": ["string", "null"]} for field in fields},
        "required": fields,
    }
    return {
        "type": "object",
        "description": "Every translatable field in every language (en, ko, zh-hans); null where "
        "it has not been translated. English is the source language.",
        "properties": {language: per_language for language in CONTENT_LANGUAGES},
        "required": list(CONTENT_LANGUAGES),
    }


class TranslationsField(serializers.Field):
    """`"translations": {"en": {...}, "ko": {...}, "zh-hans": {...}}` of the object's fields."""

    def __init__(self, fields: Iterable[str], html: Iterable[str] = (), **kwargs: Any) -> None:
        self.translated = tuple(fields)
        self.html = frozenset(html)
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict[str, dict[str, str | None]]:
        translations = translations_of(value, self.translated)
        for values in translations.values():
            for field in self.html:
                if values[field] is not None:
                    values[field] = sanitize_html(values[field])
        return translations


def translations_field(*fields: str, html: Iterable[str] = ()) -> TranslationsField:
    """A `translations` field for a detail serializer, documented with its exact shape;
    `html` names the fields holding editor HTML (sanitised like the field itself)."""
    documented = extend_schema_field(translations_schema(fields))(
        type("TranslationsField", (TranslationsField,), {})
    )
    return documented(fields, html=html)


def in_active_language(obj: Any, field: str) -> str | None:
    """`field` in the language of the answer, without falling back (None when untranslated)."""
    return value_in(obj, field, content_language())


class ContentETagMixin:
    """ETag, Last-Modified when known, and 304 on a match.

    With `etag_from_version` (the resources over published rows) the ETag is known before
    anything is rendered: the content version (which every save, delete and scheduled publish
    moves), the language, the URL and the Accept header, keyed with SECRET_KEY. A current
    If-None-Match is then answered after authentication and throttling but before any query or
    rendering. Otherwise (the changes feed, whose answer also moves with the clock) the ETag
    hashes the rendered body.
    """

    etag_from_version = False

    def _version_etag(self, request: Any) -> str:
        return url_etag(request, request.META.get("HTTP_ACCEPT", ""))

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if self.etag_from_version and etag_is_current(request, self._version_etag(request)):
            etag = self._version_etag(request)

            def answer(*args: Any, **kwargs: Any) -> HttpResponseNotModified:
                return not_modified(etag, content_last_modified(request).timestamp())

            # As DRF binds a viewset's actions: the handler is looked up after initial().
            self.get = self.head = answer  # type: ignore[method-assign]

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or response.streaming
        ):
            if response.status_code == 304:
                patch_vary_headers(response, ("Accept",))
            return response
        if self.etag_from_version:
            etag = self._version_etag(request)
        else:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            # The ETag is the content itself, so it changes whenever any nested child does.
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
        response["ETag"] = etag
        # The rows' own updated_at cannot see deletions, unpublishing or a child's edit; the
        # content version moves with every one of them, so If-Modified-Since can be trusted.
        stamps = [content_last_modified(request), getattr(self, "_last_modified", None)]
        last_modified = int(max(stamp for stamp in stamps if stamp is not None).timestamp())
        response["Last-Modified"] = http_date(last_modified)
        patch_vary_headers(response, ("Accept",))
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )


class PublicReadOnlyViewSet(ContentLanguageMixin, ContentETagMixin, viewsets.ReadOnlyModelViewSet):
    """Read-only resource of published rows: compact lists, rich details, includes, formats."""

    etag_from_version = True

    lookup_field = "slug"
    # Only plausible keys reach the database (a NUL byte in a path would crash PostgreSQL, a
    # 30-digit id overflow it); anything else is this API's JSON 404, not the site's HTML one.
    lookup_value_pattern = re.compile(r"[-a-zA-Z0-9_]{1,200}")
    list_serializer_class: type[serializers.Serializer]
    detail_serializer_class: type[serializers.Serializer]
    # include name -> function adding the prefetch it needs; details always get all of them.
    include_prefetches: dict[str, Callable[[QuerySet], QuerySet]] = {}
    # Default cursor ordering; the first field is the cursor position, the last breaks ties.
    ordering: tuple[str, ...] = ("-updated_at", "-pk")

    def base_queryset(self) -> QuerySet:
        raise NotImplementedError

    def get_object(self) -> Any:
        value = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
        if not self.lookup_value_pattern.fullmatch(value):
            raise NotFound()
        return super().get_object()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        reject_nul_bytes(request)
        self.csv_bom = parse_bom(request.query_params.get("bom"))
        super().initial(request, *args, **kwargs)

    def csv_columns(self) -> list[str]:
        """This resource's CSV header for the current action and `?include=`."""
        return serializer_columns(self.get_serializer())

    def download_name(self) -> str:
        """`events` for a list, `event-<slug>` for one object (the CSV's file name)."""
        if self.action == "retrieve":
            return f"{self.basename}-{self.kwargs[self.lookup_url_kwarg or self.lookup_field]}"
        return reverse(f"api:{self.basename}-list").rstrip("/").rsplit("/", 1)[-1]

    @extend_schema(exclude=True)
    @action(detail=False, url_path="download", renderer_classes=[JSONRenderer])
    def download(self, request: Request) -> StreamingHttpResponse:
        """The whole filtered list as one CSV, streamed (the list's filters and `include=`)."""
        queryset = self.filter_queryset(self.get_queryset())
        queryset = queryset.order_by(*self.get_pagination_ordering(request))
        serializer = self.get_serializer()
        columns = serializer_columns(serializer)
        serializer_class, context = type(serializer), serializer.context
        language = self.content_language

        def serialize(chunk: list[Any]) -> list[dict[str, Any]]:
            # The body streams after the view has returned: each chunk in the asked language.
            with translation.override(language):
                return serializer_class(chunk, many=True, context=context).data

        def rows() -> Iterator[dict[str, Any]]:
            chunk: list[Any] = []
            for obj in queryset.iterator(chunk_size=DOWNLOAD_CHUNK):
                chunk.append(obj)
                if len(chunk) == DOWNLOAD_CHUNK:
                    yield from serialize(chunk)
                    chunk = []
            if chunk:
                yield from serialize(chunk)

        lines = csv_lines(rows(), columns)
        if self.csv_bom:
            lines = itertools.chain([UTF8_BOM], lines)
        response = StreamingHttpResponse(
            (line.encode("utf-8") for line in lines), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.download_name()}.csv"'
        return response

    def get_includes(self) -> list[str]:
        if self.action == "retrieve":
            return list(self.include_prefetches)
        requested = split_includes(self.request)
        unknown = [name for name in requested if name not in self.include_prefetches]
        if unknown:
            choices = ", ".join(sorted(self.include_prefetches)) or "nothing"
            raise ValidationError(
                {"include": [f"Unknown: {', '.join(unknown)}. Choose from: {choices}."]}
            )
        return list(dict.fromkeys(requested))

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None and not (
            set(self.request.query_params) & set(filterset_class.base_filters)
        ):
            # No filter asked for: skip building (and deep-copying) the whole FilterSet.
            return queryset
        return super().filter_queryset(queryset)

    def get_queryset(self) -> QuerySet:
        queryset = self.base_queryset()
        for name in self.get_includes():
            queryset = self.include_prefetches[name](queryset)
        return queryset

    def get_serializer_class(self) -> type[serializers.Serializer]:
        if self.action == "retrieve":
            return self.detail_serializer_class
        return self.list_serializer_class

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        context["include"] = set(self.get_includes())
        return context

    def get_pagination_ordering(self, request: Request) -> tuple[str, ...]:
        """`?ordering=` when the FilterSet offers it (already validated), else the default."""
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is None or "ordering" not in filterset_class.base_filters:
            return self.ordering  # never order by a field nobody validated
        requested = [
            part.strip()
            for value in request.query_params.getlist("ordering")
            for part in value.split(",")
            if part.strip()
        ]
        if not requested:
            return self.ordering
        tie = "-pk" if requested[0].startswith("-") else "pk"
        return (*requested, tie)

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code >= 400 and getattr(response, "accepted_renderer", None):
            # Errors are always JSON, whatever format was asked for, so clients can read them.
            if response.accepted_renderer.format not in ("json", "api"):
                response.accepted_renderer = JSONRenderer()
                response.accepted_media_type = JSONRenderer.media_type
        return response

    def note_last_modified(self, objects: Iterable[Any]) -> None:
        stamps = [
            stamp
            for obj in objects
            if (
                stamp := obj.get("updated_at")
                if isinstance(obj, dict)
                else getattr(obj, "updated_at", None)
            )
        ]
        self._last_modified = max(stamps) if stamps else None

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        self.note_last_modified(page)
        return self.render_page(request, page)

    def render_page(self, request: Request, page: list[Any]) -> Response:
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        self.note_last_modified([instance])
        return self.render_object(request, instance)

    def render_object(self, request: Request, instance: Any) -> Response:
        return Response(self.get_serializer(instance).data)


def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any other path under /api/v1/: a JSON 404, like the API's own."""
    return JsonResponse({"detail": "Not found."}, status=404)
