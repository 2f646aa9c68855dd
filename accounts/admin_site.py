"""The admin site: password sign-in, plus a TOTP code when STAFF_TWO_FACTOR is on.

The setting is read on every request (not when the site is built), so one deployment switches
with an environment variable and tests can switch it per test.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.admin import AdminSite
from django.http import HttpRequest
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


class StaffAdminSite(AdminSite):
    site_header = "Relations Tracker — editors"
    site_title = "Relations Tracker admin"
    index_title = "Content"

    @property
    def login_form(self) -> type | None:  # type: ignore[override]
        return OTPAdminAuthenticationForm if settings.STAFF_TWO_FACTOR else None

    @property
    def login_template(self) -> str | None:  # type: ignore[override]
        return OTPAdminSite.login_template if settings.STAFF_TWO_FACTOR else None

    def has_permission(self, request: HttpRequest) -> bool:
        """Active staff; with two-factor on, only once a device has verified this session."""
        if not super().has_permission(request):
            return False
        return not settings.STAFF_TWO_FACTOR or request.user.is_verified()
