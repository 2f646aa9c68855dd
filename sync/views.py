"""Partner sync endpoints: the changes feed (`/api/v1/changes/`), the bulk export and the
Popolo export."""

from __future__ import annotations

import hashlib
import zipfile
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, HttpResponseBase, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.schema import THROTTLED
from core.api.viewsets import ContentETagMixin, SourceLanguageMixin, reject_nul_bytes
from core.pagination import CHANGES_MAX_PAGE_SIZE
from sync.changes import changes_page, parse_page_size, parse_since
from sync.export import (
    archive_manifest,
    latest_archive,
    outdated,
    popolo_export,
    withdrawn_since,
)
from sync.journal import SYNCED_TYPES
from sync.tasks import request_export_build

ACTIONS = ["published", "updated", "unpublished", "deleted"]


class CorrectionSerializer(serializers.Serializer):
    note = serializers.CharField(help_text="The public note: what was corrected.")
    date = serializers.DateTimeField(help_text="When the correction was made public.")


class ChangeSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=sorted(SYNCED_TYPES.values()))
    id = serializers.IntegerField()
    slug = serializers.CharField(help_text="Empty for sources and statements (looked up by id).")
    action = serializers.ChoiceField(
        choices=ACTIONS,
        help_text="published/updated: fetch the object and store it. "
        "unpublished/deleted: a tombstone, remove it from the mirror.",
    )
    at = serializers.DateTimeField()
    correction = CorrectionSerializer(
        allow_null=True,
        help_text="Set when this change corrects a published fact (shown on the item's page and "
        "at /corrections/); null otherwise.",
    )


class ChangesPageSerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="Pass as `since` next time, even when `next` is null.")
    next = serializers.URLField(allow_null=True, help_text="The next page, while more are waiting.")
    results = ChangeSerializer(many=True)


class ValidationErrorSerializer(serializers.Serializer):
    since = serializers.ListField(child=serializers.CharField(), required=False)
    page_size = serializers.ListField(child=serializers.CharField(), required=False)


class ChangesView(ContentETagMixin, APIView):
    """Every publish, update, unpublish and delete since a cursor or time, oldest first."""

    renderer_classes = [JSONRenderer]

    @extend_schema(
        operation_id="changes_list",
        summary="Changes since a cursor",
        parameters=[
            OpenApiParameter(
                "since",
                OpenApiTypes.STR,
                description="The `cursor` of a previous response, or an ISO 8601 time "
                "(e.g. the `generated_at` of a bulk export). Empty: from the beginning.",
            ),
            OpenApiParameter(
                "page_size",
                OpenApiTypes.INT,
                description=f"Changes per page, 1–{CHANGES_MAX_PAGE_SIZE}.",
            ),
        ],
        responses={
            200: ChangesPageSerializer,
            400: OpenApiResponse(ValidationErrorSerializer, description="Bad `since` or size."),
        },
    )
    def get(self, request: Request) -> Response:
        reject_nul_bytes(request)
        try:
            cursor = parse_since(request.query_params.get("since"))
            page_size = parse_page_size(request.query_params.get("page_size"))
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from None
        page = changes_page(cursor, page_size)
        next_url = None
        if page["has_more"]:
            query = request.query_params.copy()
            query["since"] = page["cursor"]
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        data = {"cursor": page["cursor"], "next": next_url, "results": page["results"]}
        return Response(ChangesPageSerializer(data).data)


class ZipRenderer(BaseRenderer):
    """Lets clients ask for application/zip; the view returns the file itself."""

    media_type = "application/zip"
    format = "zip"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        return data if isinstance(data, bytes) else b""


EXPORT_RETRY_SECONDS = 60


class ExportView(SourceLanguageMixin, APIView):
    """The whole published dataset as one ZIP: JSON Lines and CSV per resource, and a manifest."""

    renderer_classes = [ZipRenderer, JSONRenderer]

    @extend_schema(
        operation_id="export_retrieve",
        summary="Bulk export (ZIP)",
        responses={
            429: THROTTLED,
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="relations-tracker-YYYY-MM-DD.zip: <resource>.jsonl, <resource>.csv "
                "and manifest.json (with `changes_cursor` for /api/v1/changes/?since=). The "
                "latest archive built in the background; it may lag the site by a few minutes "
                "(the changes feed from its cursor catches up).",
            ),
            503: OpenApiResponse(
                description="No archive can be served yet: one is being built. Try again after "
                "`Retry-After` seconds."
            ),
        },
    )
    def get(self, request: Request) -> HttpResponseBase:
        # Never built here (a large archive outlives any worker timeout): the latest archive is
        # served, and a new one is asked of the background build when content changed since.
        path = latest_archive()
        if path is not None:
            try:
                manifest = archive_manifest(path)
                stat = path.stat()
            except (FileNotFoundError, zipfile.BadZipFile, KeyError):
                path = None
        if path is None or withdrawn_since(manifest):
            request_export_build()
            return JsonResponse(
                {"detail": _("The export is being built; try again shortly.")},
                status=503,
                headers={"Retry-After": str(EXPORT_RETRY_SECONDS), "Cache-Control": "no-store"},
            )
        if outdated(manifest):
            request_export_build()  # asked once; the latest archive is served meanwhile
        key = hashlib.sha256(f"{path.name}|{stat.st_mtime_ns}|{stat.st_size}".encode())
        etag = f'"{key.hexdigest()[:32]}"'
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=int(stat.st_mtime)
        )
        if not_modified is not None:
            not_modified["ETag"] = etag  # RFC 9110 15.4.5: a 304 repeats the validator
            return not_modified
        response = FileResponse(
            path.open("rb"), as_attachment=True, filename=path.name, content_type="application/zip"
        )
        response["ETag"] = etag
        response["Last-Modified"] = http_date(stat.st_mtime)
        return response


POPOLO_ITEM = {"type": "object", "additionalProperties": True}
POPOLO_SCHEMA = {
    "type": "object",
    "description": "A Popolo JSON document (https://www.popoloproject.com/specs/).",
    "properties": {
        "persons": {"type": "array", "items": POPOLO_ITEM},
        "organizations": {"type": "array", "items": POPOLO_ITEM},
        "memberships": {"type": "array", "items": POPOLO_ITEM},
        "events": {"type": "array", "items": POPOLO_ITEM},
    },
    "required": ["persons", "organizations", "memberships", "events"],
}


class PopoloExportView(SourceLanguageMixin, ContentETagMixin, APIView):
    """The published people, organizations, positions and events as one Popolo JSON document."""

    renderer_classes = [JSONRenderer]

    @extend_schema(
        operation_id="export_popolo_retrieve",
        summary="Popolo JSON export",
        responses={
            429: THROTTLED,
            200: OpenApiResponse(
                POPOLO_SCHEMA,
                description="Popolo JSON: `persons`, `organizations`, `memberships` (one per "
                "position) and `events` (participants as `attendees`). The same document is "
                "`popolo.json` in the bulk export.",
            ),
        },
    )
    def get(self, request: Request) -> Response:
        reject_nul_bytes(request)
        response = Response(popolo_export(request))
        response["Content-Disposition"] = 'inline; filename="popolo.json"'
        return response
