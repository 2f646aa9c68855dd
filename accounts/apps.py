from __future__ import annotations

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = "Staff sign-in"


class StaffAdminConfig(admin_apps.AdminConfig):
    """The admin, served by the site that may ask staff for a second factor."""

    default = False
    default_site = "accounts.admin_site.StaffAdminSite"
