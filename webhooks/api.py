"""The keyed webhooks API (/api/v1/webhooks/): a partner's own endpoints, their delivery log,
test pings, secret rotation and redelivery. Another key's endpoint is a 404, as if absent."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django_countries import countries
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.schema import FIELD_ERRORS, NOT_FOUND, THROTTLED, UNAUTHORIZED
from core.api.viewsets import reject_nul_bytes
from partners.auth import APIKeyAuthentication, request_api_key
from webhooks import event_types, services
from webhooks.models import Delivery, DeliveryStatus, Endpoint

KEY_REQUIRED = OpenApiResponse(
    UNAUTHORIZED.response, description="No API key, or a wrong, revoked or expired one."
)
NOT_YOURS = OpenApiResponse(
    NOT_FOUND.response, description="No endpoint (or delivery) of this key with this id."
)


class HasPartnerKey(BasePermission):
    """Only a partner key may manage webhooks (a 401 without one)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return request_api_key(request) is not None


class WebhookEndpointSerializer(serializers.ModelSerializer):
    url = serializers.URLField(max_length=2000, help_text="https only; a public address.")
    event_types = serializers.ListField(
        child=serializers.CharField(max_length=40),
        min_length=1,
        max_length=len(event_types.SUBSCRIBABLE),
        help_text='Event types to receive, or ["*"] for all: '
        + ", ".join(event_types.EVENT_TYPES)
        + ".",
    )
    issue = serializers.CharField(
        max_length=160, required=False, allow_blank=True, help_text="Only about this issue (slug)."
    )
    person = serializers.CharField(
        max_length=160, required=False, allow_blank=True, help_text="Only about this person (slug)."
    )
    country = serializers.CharField(
        max_length=2,
        required=False,
        allow_blank=True,
        help_text="Only about this country (ISO 3166-1 alpha-2).",
    )
    contact = serializers.EmailField(
        required=False,
        allow_blank=True,
        help_text="Told when the endpoint is disabled; empty: the key's contact.",
    )

    class Meta:
        model = Endpoint
        fields = [
            "id",
            "url",
            "event_types",
            "issue",
            "person",
            "country",
            "enabled",
            "description",
            "contact",
            "created_at",
            "updated_at",
            "consecutive_failures",
            "disabled_at",
            "disabled_reason",
        ]
        read_only_fields = [
            "id",
            "created_at",
            "updated_at",
            "consecutive_failures",
            "disabled_at",
            "disabled_reason",
        ]

    def validate_country(self, value: str) -> str:
        value = value.upper()
        if value and value not in countries:
            raise ValidationError(f"Unknown country code {value}.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        instance = self.instance

        def current(name: str, default: Any = "") -> Any:
            if name in attrs:
                return attrs[name]
            return getattr(instance, name) if instance is not None else default

        errors = services.endpoint_validate(
            url=current("url"),
            event_types_=list(current("event_types", [])),
            issue=current("issue"),
            person=current("person"),
        )
        errors = {name: messages for name, messages in errors.items() if name in attrs}
        if errors:
            raise ValidationError(errors)
        return attrs


class WebhookEndpointCreatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text="The signing secret (whsec_…), shown only now and after a rotation.",
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]


class WebhookSecretSerializer(serializers.Serializer):
    secret = serializers.CharField(help_text="The new signing secret (whsec_…).")
    previous_secret_expires_at = serializers.DateTimeField(
        help_text="Until then the old secret signs too (a second signature)."
    )


class WebhookDeliverySerializer(serializers.ModelSerializer):
    endpoint = serializers.IntegerField(source="endpoint_id")
    message_id = serializers.CharField(
        source="message.message_id", help_text="The webhook-id header."
    )
    event_type = serializers.CharField(source="message.event_type")
    status = serializers.ChoiceField(choices=DeliveryStatus.choices)
    redelivery_of = serializers.IntegerField(source="redelivery_of_id", allow_null=True)

    class Meta:
        model = Delivery
        fields = [
            "id",
            "endpoint",
            "message_id",
            "event_type",
            "status",
            "attempts",
            "created_at",
            "last_attempt_at",
            "next_attempt_at",
            "response_code",
            "duration_ms",
            "response_body",
            "error",
            "redelivery_of",
        ]
        read_only_fields = fields


class KeyedMixin:
    authentication_classes = [APIKeyAuthentication]
    permission_classes = [HasPartnerKey]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    filter_backends: list[Any] = []

    def get_pagination_ordering(self, request: Request) -> tuple[str, ...]:
        return ("-created_at", "-id")


ERRORS = {401: KEY_REQUIRED, 404: NOT_YOURS, 429: THROTTLED}


@extend_schema_view(
    list=extend_schema(
        summary="List your webhook endpoints",
        responses={
            200: WebhookEndpointSerializer,
            400: FIELD_ERRORS,
            401: KEY_REQUIRED,
            429: THROTTLED,
        },
    ),
    create=extend_schema(
        summary="Register a webhook endpoint",
        responses={201: WebhookEndpointCreatedSerializer, 400: FIELD_ERRORS, **ERRORS},
    ),
    retrieve=extend_schema(
        summary="One of your webhook endpoints",
        responses={200: WebhookEndpointSerializer, **ERRORS},
    ),
    update=extend_schema(
        summary="Replace a webhook endpoint",
        responses={200: WebhookEndpointSerializer, 400: FIELD_ERRORS, **ERRORS},
    ),
    partial_update=extend_schema(
        summary="Change a webhook endpoint (e.g. enable it again)",
        responses={200: WebhookEndpointSerializer, 400: FIELD_ERRORS, **ERRORS},
    ),
    destroy=extend_schema(summary="Delete a webhook endpoint", responses={204: None, **ERRORS}),
)
class WebhookEndpointViewSet(KeyedMixin, viewsets.ModelViewSet):
    """Your webhook endpoints: where changes are POSTed, signed per Standard Webhooks."""

    serializer_class = WebhookEndpointSerializer
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self) -> QuerySet[Endpoint]:
        return Endpoint.objects.filter(api_key=request_api_key(self.request)).order_by(
            "-created_at", "-id"
        )

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        reject_nul_bytes(request)

    def _save(self, serializer: serializers.Serializer, endpoint: Endpoint) -> Endpoint:
        for name, value in serializer.validated_data.items():
            setattr(endpoint, name, value)
        try:
            return services.endpoint_save(endpoint=endpoint)
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from None

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        endpoint = self._save(serializer, Endpoint(api_key=request_api_key(request)))
        return Response(
            WebhookEndpointCreatedSerializer(endpoint).data, status=status.HTTP_201_CREATED
        )

    def perform_update(self, serializer: serializers.Serializer) -> None:
        serializer.instance = self._save(serializer, serializer.instance)

    @extend_schema(
        summary="Send a test ping",
        description="Queues a `webhook.ping` message to the endpoint (even while disabled); "
        "its delivery shows in the log.",
        request=None,
        responses={202: WebhookDeliverySerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def ping(self, request: Request, pk: str | None = None) -> Response:
        delivery = services.endpoint_ping(endpoint=self.get_object())
        delivery = Delivery.objects.select_related("message").get(pk=delivery.pk)
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary="Rotate the signing secret",
        description="A new secret signs from now on; the old one signs beside it for 24 hours "
        "(two signatures in webhook-signature), so receivers can switch without losing messages.",
        request=None,
        responses={200: WebhookSecretSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request: Request, pk: str | None = None) -> Response:
        endpoint = services.endpoint_rotate_secret(endpoint=self.get_object())
        return Response(
            WebhookSecretSerializer(
                {
                    "secret": endpoint.secret,
                    "previous_secret_expires_at": endpoint.previous_secret_expires_at,
                }
            ).data
        )

    @extend_schema(
        summary="The endpoint's delivery log",
        description="Newest first: status, attempts, response code, duration and the start of "
        "the response body.",
        responses={200: WebhookDeliverySerializer(many=True), **ERRORS},
    )
    @action(detail=True, methods=["get"])
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        endpoint = self.get_object()
        queryset = (
            Delivery.objects.filter(endpoint=endpoint)
            .select_related("message")
            .order_by("-created_at", "-id")
        )
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)


class RedeliverView(KeyedMixin, APIView):
    """Send a delivery's message again, to the same endpoint, with the same webhook-id."""

    @extend_schema(
        operation_id="webhooks_deliveries_redeliver",
        summary="Redeliver a message",
        request=None,
        responses={202: WebhookDeliverySerializer, **ERRORS},
    )
    def post(self, request: Request, pk: str) -> Response:
        delivery = get_object_or_404(
            Delivery.objects.select_related("endpoint", "message"),
            pk=pk,
            endpoint__api_key=request_api_key(request),
        )
        again = services.delivery_redeliver(delivery=delivery)
        again = Delivery.objects.select_related("message").get(pk=again.pk)
        return Response(WebhookDeliverySerializer(again).data, status=status.HTTP_202_ACCEPTED)
