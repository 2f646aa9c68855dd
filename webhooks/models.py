"""Partner webhooks: endpoints owned by an API key, the messages the journal produced, and the
log of every delivery (see webhooks.services for the rules, webhooks.tasks for the worker side)."""

from __future__ import annotations

import base64
import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from partners.models import PartnerAPIKey

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


class Endpoint(models.Model):
    """A URL a partner wants changes POSTed to, with the event types and filters it asked for."""

    api_key = models.ForeignKey(
        PartnerAPIKey,
        verbose_name=_("partner API key"),
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
    )
    url = models.URLField(_("URL"), max_length=2000)
    # Event type names ("event.updated") or ["*"] for all of them.
    event_types = models.JSONField(_("event types"), default=list)
    issue = models.SlugField(_("issue filter"), max_length=160, blank=True)
    person = models.SlugField(_("person filter"), max_length=160, blank=True)
    country = CountryField(_("country filter"), blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    contact = models.EmailField(
        _("contact email"), blank=True, help_text=_("Empty: the API key's contact.")
    )
    secret = models.CharField(_("signing secret"), max_length=100, default=new_secret)
    # After a rotation the old secret keeps signing beside the new one until this time.
    previous_secret = models.CharField(_("previous secret"), max_length=100, blank=True)
    previous_secret_expires_at = models.DateTimeField(
        _("previous secret expires"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Failed deliveries in a row (every attempt failed), and since when the endpoint fails.
    consecutive_failures = models.PositiveIntegerField(_("failed deliveries in a row"), default=0)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    disabled_at = models.DateTimeField(_("disabled at"), null=True, blank=True)
    disabled_reason = models.CharField(_("why disabled"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.url

    def contact_email(self) -> str:
        return self.contact or self.api_key.contact

    def signing_secrets(self, now: object = None) -> list[str]:
        """The secrets that sign a message now: the current one, and the previous for 24 h."""
        now = now or timezone.now()
        keys = [self.secret]
        if (
            self.previous_secret
            and self.previous_secret_expires_at
            and self.previous_secret_expires_at > now
        ):
            keys.append(self.previous_secret)
        return keys


class Message(models.Model):
    """One thing that happened, as the partners receive it; the body is signed byte for byte."""

    message_id = models.CharField(
        _("webhook id"), max_length=40, unique=True, default=new_message_id
    )
    event_type = models.CharField(_("event type"), max_length=40, db_index=True)
    object_type = models.CharField(_("object type"), max_length=20, blank=True)
    object_id = models.BigIntegerField(_("object id"), null=True, blank=True)
    body = models.TextField(_("body"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("webhook message")
        verbose_name_plural = _("webhook messages")

    def __str__(self) -> str:
        return f"{self.message_id} {self.event_type}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


class Delivery(models.Model):
    """One message to one endpoint: its attempts so far and how the last one went."""

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="deliveries"
    )
    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # A worker holds the delivery while it sends, so a second copy of the task does not send too.
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    response_body = models.TextField(_("response body (truncated)"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    redelivery_of = models.ForeignKey(
        "self",
        verbose_name=_("redelivery of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [
            models.Index(
                fields=["endpoint", "-created_at", "-id"], name="webhook_delivery_log_idx"
            ),
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} → {self.endpoint_id}"

    @property
    def message_id(self) -> str:
        return self.message.message_id


class FanOutCursor(models.Model):
    """How far the fan-out has read the change journal (one row; a sync.changes Cursor)."""

    row_id = models.BigIntegerField(_("journal row"), default=0)
    as_of = models.DateTimeField(_("judged at"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("webhook journal position")
        verbose_name_plural = _("webhook journal positions")

    def __str__(self) -> str:
        return f"#{self.row_id} @ {self.as_of}"


class KnownIssueStatus(models.Model):
    """The last status of an issue the webhooks reported, to tell when it changed."""

    issue_id = models.BigIntegerField(_("issue id"), unique=True)
    status = models.CharField(_("status"), max_length=40)

    class Meta:
        ordering = ["issue_id"]
        verbose_name = _("known issue status")
        verbose_name_plural = _("known issue statuses")

    def __str__(self) -> str:
        return f"{self.issue_id}: {self.status}"
