"""Root URLs: admin, the public pages of each app, and the partner API."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from core.web.cache import revalidated
from core.web.security import same_site_posts_only
from public.sitemaps import SITEMAPS, robots_txt, sitemap_index
from public.views import switch_language

# A database outage raised outside a view is a 503 too (see ops.health).
handler500 = "ops.health.server_error"

urlpatterns = [
    path("admin/intake/", include("intake.urls")),
    path("admin/", admin.site.urls),
    # An index of per-section files of ROWS_PER_FILE pages each (?p=2, ...), both cached per
    # content version with their validators, as feeds are.
    path("sitemap.xml", revalidated(sitemap_index), name="sitemap"),
    path(
        "sitemap-<section>.xml",
        revalidated(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Django's POST language form, kept for forms elsewhere; it sits on cached anonymous pages,
    # which can hold no per-reader CSRF token, so it is exempt; the browser's fetch metadata
    # still keeps other sites out.
    path("i18n/setlang/", csrf_exempt(same_site_posts_only(set_language)), name="set_language"),
    # The language switcher's links (GET): remember the choice, then go to the same page in it.
    path("i18n/switch/<str:language>/", switch_language, name="switch_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("config.api_router")),
]

# Public pages, feeds and calendars, once per language: / English, /ko/..., /zh-hans/...
# (core.web.language decides the language and the one redirect).
urlpatterns += i18n_patterns(
    path("", include("public.urls")),
    path("", include("people.urls")),
    path("", include("events.urls")),
    path("", include("issues.urls")),
    path("", include("alerts.urls")),
    prefix_default_language=False,
)
