"""Admins create partner keys (the key is shown once, in a message) and revoke them."""

from __future__ import annotations

from django.contrib import admin
from rest_framework_api_key.admin import APIKeyModelAdmin

from core.versions_admin import VersionedAdminMixin
from partners.models import PartnerAPIKey


@admin.register(PartnerAPIKey)
class PartnerAPIKeyAdmin(VersionedAdminMixin, APIKeyModelAdmin):
    list_display = [*APIKeyModelAdmin.list_display, "rate", "contact"]
    search_fields = ["name", "prefix", "contact"]
    fields = ["name", "contact", "rate", "expiry_date", "revoked", "notes", "prefix"]
