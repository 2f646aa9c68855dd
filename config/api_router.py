"""The partner API's one router (/api/v1/), its OpenAPI schema and offline interactive docs."""

from __future__ import annotations

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import APIRootView, DefaultRouter

from core.api.viewsets import ContentETagMixin, api_not_found
from events.api import EventViewSet, SourceViewSet, StatementViewSet
from issues.api import IssueViewSet
from partners import schema as partner_schema  # noqa: F401  (registers the key scheme)
from people.api import OrganizationViewSet, PersonViewSet
from sync.views import ChangesView, ExportView, PopoloExportView
from webhooks.api import RedeliverView, WebhookEndpointViewSet

app_name = "api"


class RootView(ContentETagMixin, APIRootView):
    """Links to every resource list."""


class SchemaView(ContentETagMixin, SpectacularAPIView):
    """The OpenAPI 3 document (YAML, or JSON with ?format=json)."""


class Router(DefaultRouter):
    APIRootView = RootView


router = Router()
router.register("events", EventViewSet, basename="event")
router.register("people", PersonViewSet, basename="person")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("issues", IssueViewSet, basename="issue")
router.register("statements", StatementViewSet, basename="statement")
router.register("sources", SourceViewSet, basename="source")
router.register("webhooks", WebhookEndpointViewSet, basename="webhook")

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: the CSP allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("changes/", ChangesView.as_view(), name="changes"),
    path("export/", ExportView.as_view(), name="export"),
    path("export/popolo/", PopoloExportView.as_view(), name="export-popolo"),
    re_path(
        r"^webhooks/deliveries/(?P<pk>[0-9]{1,18})/redeliver/$",
        RedeliverView.as_view(),
        name="webhook-redeliver",
    ),
    *router.urls,
    re_path(r"", api_not_found),  # last: anything else under /api/v1/ is a JSON 404
]
