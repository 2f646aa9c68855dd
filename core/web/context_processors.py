from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

# Open Graph locales are language_TERRITORY (ll_TT): the site's languages and where they are read.
OG_LOCALES = {"en": "en_US", "ko": "ko_KR", "zh-hans": "zh_CN"}


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_URL": settings.SITE_URL,
        "SITE_NAME": "Relations Tracker",
        "OG_LOCALES": [(code, OG_LOCALES.get(code, code)) for code, _name in settings.LANGUAGES],
    }
