"""Partner sync endpoints: the changes feed (`/api/v1/changes/`), the bulk export and the
Popolo export."""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from django.http import FileResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.schema import THROTTLED
from core.api.viewsets import ContentETagMixin, reject_nul_bytes
from core.pagination import CHANGES_MAX_PAGE_SIZE
from core.web.cache import content_version
from sync.changes import changes_page, parse_page_size, parse_since
from sync.export import archive_name, popolo_export, write_archive
from sync.journal import SYNCED_TYPES

ACTIONS = ["published", "updated", "unpublished", "deleted"]


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


class ExportView(APIView):
    """The whole published dataset as one ZIP: JSON Lines and CSV per resource, and a manifest."""

    renderer_classes = [ZipRenderer, JSONRenderer]
    # Built once per content version and host, then served from disk until content changes.
    cache_dir = Path(tempfile.gettempdir()) / "relations-tracker-exports"

    @extend_schema(
        operation_id="export_retrieve",
        summary="Bulk export (ZIP)",
        responses={
            429: THROTTLED,
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="relations-tracker-YYYY-MM-DD.zip: <resource>.jsonl, <resource>.csv "
                "and manifest.json (with `changes_cursor` for /api/v1/changes/?since=).",
            ),
        },
    )
    def get(self, request: Request) -> FileResponse:
        version = content_version()
        # Several sites (or test databases) may share the temporary folder: keep them apart.
        scope = f"{version:.6f}|{request.get_host()}|{connection.settings_dict['NAME']}"
        key = hashlib.sha256(scope.encode()).hexdigest()[:32]
        path = self.cache_dir / f"{key}.zip"
        if not path.exists():
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                dir=self.cache_dir, suffix=".partial", delete=False
            ) as out:
                write_archive(out, request)
            Path(out.name).replace(path)
            # Older archives go after an hour (not at once: with a per-process cache, several
            # workers may each be serving their own current one).
            for old in self.cache_dir.glob("*.zip"):
                with contextlib.suppress(FileNotFoundError):  # another worker got there first
                    if old != path and time.time() - old.stat().st_mtime > 3600:
                        old.unlink()
        etag = f'"{key}"'
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            not_modified["ETag"] = etag  # RFC 9110 15.4.5: a 304 repeats the validator
            return not_modified
        response = FileResponse(
            path.open("rb"),
            as_attachment=True,
            filename=archive_name(),
            content_type="application/zip",
        )
        response["ETag"] = etag
        response["Last-Modified"] = http_date(version)
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


class PopoloExportView(ContentETagMixin, APIView):
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
