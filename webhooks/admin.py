"""Editors' view of partner webhooks: endpoints (test ping, secret rotation) and the delivery log
(redelivery). Endpoints are saved through webhooks.services, as the API saves them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from webhooks import event_types, services
from webhooks.models import Delivery, Endpoint


class EndpointForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=2000, assume_scheme="https")
    event_types = forms.MultipleChoiceField(
        label=_("event types"),
        choices=[(name, name) for name in event_types.SUBSCRIBABLE],
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_('"*" sends every event type.'),
    )

    class Meta:
        model = Endpoint
        fields = [
            "api_key",
            "url",
            "event_types",
            "issue",
            "person",
            "country",
            "enabled",
            "description",
            "contact",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        errors = services.endpoint_validate(
            url=data.get("url") or "",
            event_types_=list(data.get("event_types") or []),
            issue=data.get("issue") or "",
            person=data.get("person") or "",
        )
        for field, field_errors in errors.items():
            if field not in self.errors:
                for error in field_errors:
                    self.add_error(field, error)
        return data


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = [
        "url",
        "api_key",
        "enabled",
        "consecutive_failures",
        "disabled_at",
        "created_at",
    ]
    list_filter = ["enabled"]
    list_select_related = ["api_key"]
    search_fields = ["url", "description", "api_key__name", "api_key__prefix"]
    autocomplete_fields = ["api_key"]
    readonly_fields = [
        "secret",
        "previous_secret_expires_at",
        "consecutive_failures",
        "failing_since",
        "disabled_at",
        "disabled_reason",
        "created_at",
    ]
    actions = ["send_ping", "rotate_secret"]

    def save_model(self, request: HttpRequest, obj: Endpoint, form: Any, change: bool) -> None:
        try:
            services.endpoint_save(endpoint=obj)
        except ValidationError as error:  # already shown by the form's clean(); never silent
            messages.error(request, "; ".join(error.messages))

    @admin.action(description=_("Send a test ping"))
    def send_ping(self, request: HttpRequest, queryset: QuerySet[Endpoint]) -> None:
        for endpoint in queryset:
            services.endpoint_ping(endpoint=endpoint)
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "A ping was queued for %d endpoint.", "Pings were queued for %d endpoints.", count
            )
            % count,
        )

    @admin.action(description=_("Rotate the signing secret (the old one signs for 24 h more)"))
    def rotate_secret(self, request: HttpRequest, queryset: QuerySet[Endpoint]) -> None:
        for endpoint in queryset:
            services.endpoint_rotate_secret(endpoint=endpoint)
        self.message_user(request, _("Secrets rotated."))


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "endpoint",
        "event_type",
        "status",
        "attempts",
        "response_code",
        "duration_ms",
        "last_attempt_at",
        "next_attempt_at",
    ]
    list_filter = ["status"]
    list_select_related = ["endpoint", "message"]
    search_fields = ["endpoint__url", "message__message_id", "message__event_type"]
    readonly_fields = [
        "endpoint",
        "message",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "response_code",
        "response_body",
        "duration_ms",
        "error",
        "redelivery_of",
    ]
    exclude = ["locked_until"]
    actions = ["redeliver"]

    @admin.display(description=_("event type"))
    def event_type(self, obj: Delivery) -> str:
        return obj.message.event_type

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Redeliver"))
    def redeliver(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        for delivery in queryset.select_related("endpoint", "message"):
            services.delivery_redeliver(delivery=delivery)
        self.message_user(request, _("Redeliveries queued."))
