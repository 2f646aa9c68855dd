"""Partner API keys: stored hashed (only a prefix and a hash), shown once, revocable, with a quota."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey

from core.versions import Versioned

# DRF's throttle rate syntax: "<requests>/<period>", the period read from its first letter.
RATE_VALIDATOR = RegexValidator(
    r"^[1-9]\d*/(s|sec|second|m|min|minute|h|hour|d|day)$",
    _('Write a quota as "<requests>/<second|minute|hour|day>", e.g. "5000/hour".'),
)


class PartnerAPIKey(Versioned, AbstractAPIKey):
    """A partner's key for the read-only API; grants a higher quota, never write access."""

    contact = models.EmailField(_("contact email"), blank=True)
    rate = models.CharField(
        _("quota"),
        max_length=30,
        blank=True,
        validators=[RATE_VALIDATOR],
        help_text=_(
            'Requests allowed per period, e.g. "5000/hour". Empty = the default key quota.'
        ),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")
