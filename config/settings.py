"""Settings for Relations Tracker, read from the environment (django-environ).

Development defaults are safe and need nothing installed: SQLite in the project folder and a
local-memory cache. Production is decided by variables (DEBUG=false, SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL, CACHE_URL), never by editing this file.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ
from corsheaders.defaults import default_headers as default_cors_headers
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
# The development key is only used when DEBUG is on; production must set SECRET_KEY.
SECRET_KEY = env.str("SECRET_KEY", default="" if not DEBUG else "dev-insecure-key-change-me")
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("Set SECRET_KEY when DEBUG is off.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Before the admin (its admin integration) and before the apps whose translation.py it reads.
    "modeltranslation",
    "accounts.apps.StaffAdminConfig",  # django.contrib.admin, on the sign-in-aware site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django_countries",
    "simple_history",
    "csp",
    "huey.contrib.djhuey",
    "core",
    "people",
    "events",
    "issues",
    "search",  # the full-text index of the content apps above
    # Before review: review then wraps the admins this app gave language fieldsets and status.
    "translations",
    "review",  # after the content apps: its admin joins their registered admins
    "sync",
    "public",
    "devdata",
    "partners",
    "accounts",
    "ops",
    "intake",
    "alerts",
    "webhooks",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",  # last, as django-axes asks
]

MIDDLEWARE = [
    # First: /healthz and /readyz for load balancers; a database outage becomes a 503.
    "ops.health.HealthMiddleware",
    "core.web.security.RefuseTraceMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (it serves static files precompressed), above anything that writes bodies.
    "django.middleware.gzip.GZipMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # API answers say their rate limit (set by the throttles; pages outside the API have none).
    "partners.middleware.RateLimitHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.web.language.LanguageMiddleware",  # a URL per language; see its docstring
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.web.context_processors.site",
            ],
        },
    },
]

# Database: SQLite file by default (WAL, BEGIN IMMEDIATE so concurrent writers queue instead of
# failing with "database is locked"); PostgreSQL with DATABASE_URL=postgres://...
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The partners' changes feed holds back journal rows younger than this: on PostgreSQL a slow
# transaction can commit a lower id after a higher one was read. SQLite writes one transaction at a
# time, so ids commit in order there and nothing need wait.
CHANGES_SETTLE_SECONDS = env.float(
    "CHANGES_SETTLE_SECONDS",
    default=0.0 if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else 2.0,
)

# Cache: by default files in .cache/, shared by every worker process on this machine (a page
# unpublished or saved through one gunicorn worker is current in all; throttles count once).
# Several machines: CACHE_URL=redis://127.0.0.1:6379/1. `check --deploy` refuses a per-process
# (locmem) cache with DEBUG off.
CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{BASE_DIR / '.cache'}")}
if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
    # Django's file cache with an `add` atomic across worker processes (core/cache_backend.py).
    CACHES["default"]["BACKEND"] = "core.cache_backend.AtomicFileBasedCache"
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)
CACHE_MIDDLEWARE_SECONDS = env.int("CACHE_SECONDS", default=300)
# PUBLIC_PAGE_CACHE=false renders every public page (bench-pages' "uncached" column, debugging);
# aggregates, the content version and ETags still use the cache.
PUBLIC_PAGE_CACHE = env.bool("PUBLIC_PAGE_CACHE", default=True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ko", _("Korean")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Translated content (django-modeltranslation): each translatable field gets one column per
# language on the same row (title_en, title_ko, title_zh_hans). English is the source language and
# the fallback; which fields are translatable is declared in each app's translation.py.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ko", "zh-hans")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Creating a row with `title=...` always fills the English column too.
MODELTRANSLATION_AUTO_POPULATE = "required"
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "webroot"
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# The bulk export's archives (`manage.py export_data` writes them; /api/v1/export/ serves the
# latest one, never building it inside a request).
EXPORT_DIR = env.path("EXPORT_DIR", default=BASE_DIR / "exports")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# --- E-mail: review requests and returns (the `review` app). The console backend prints them;
# set EMAIL_URL (e.g. smtp://user:password@mail.example.org:587) to send them.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Relations Tracker <noreply@localhost>")

# --- Readers' e-mail alerts (alerts/): follow requests per address and per client IP within the
# window (counted in the shared cache), how long a confirmation link lives, the hour (UTC) digests
# go out, and an optional mailbox for `List-Unsubscribe: <mailto:...>` beside the one-click URL.
ALERTS_REQUESTS_PER_ADDRESS = env.int("ALERTS_REQUESTS_PER_ADDRESS", default=3)
ALERTS_REQUESTS_PER_IP = env.int("ALERTS_REQUESTS_PER_IP", default=20)
ALERTS_RATE_WINDOW = env.int("ALERTS_RATE_WINDOW", default=3600)
ALERTS_CONFIRM_MAX_AGE = env.int("ALERTS_CONFIRM_MAX_AGE", default=3 * 86400)
ALERTS_DIGEST_HOUR = env.int("ALERTS_DIGEST_HOUR", default=22)  # 07:00 in Seoul
ALERTS_UNSUBSCRIBE_MAILTO = env.str("ALERTS_UNSUBSCRIBE_MAILTO", default="")

# --- Task queue (Huey): e-mail, webhooks, digests and exports run in a worker process
# (`manage.py run_huey`, started by `make run`), never in a request. By default the queue is a SQLite
# file in .queue/ (nothing to install; any number of worker processes on this machine share it). Set
# TASK_QUEUE_URL=redis://127.0.0.1:6379/2 to share one queue between machines. Tasks retry with
# exponential backoff and are written to be safe to run twice (delivery is at least once).
TASK_QUEUE_URL = env.str("TASK_QUEUE_URL", default="")
TASK_QUEUE_DIR = env.path("TASK_QUEUE_DIR", default=BASE_DIR / ".queue")
# A worker is reported unhealthy (/readyz/worker, `manage.py worker_status`) when its last
# heartbeat (a periodic task, every minute) is older than this.
WORKER_HEARTBEAT_STALE_SECONDS = env.int("WORKER_HEARTBEAT_STALE_SECONDS", default=180)
HUEY = {
    "name": env.str("TASK_QUEUE_NAME", default="relations-tracker"),
    # TASK_QUEUE_IMMEDIATE=true runs each task in the process that enqueues it (tests, debugging).
    "immediate": env.bool("TASK_QUEUE_IMMEDIATE", default=False),
    "results": False,
    "utc": True,
    "consumer": {
        "workers": env.int("TASK_WORKERS", default=2),
        "worker_type": "thread",
        "periodic": True,
        "check_worker_health": True,
        "initial_delay": 0.1,
        "backoff": 1.15,
        "max_delay": 2.0,
    },
}
if TASK_QUEUE_URL:
    HUEY.update(huey_class="huey.RedisHuey", connection={"url": TASK_QUEUE_URL})
else:
    Path(TASK_QUEUE_DIR).mkdir(parents=True, exist_ok=True)
    HUEY.update(huey_class="huey.SqliteHuey", filename=str(Path(TASK_QUEUE_DIR) / "huey.sqlite3"))

# --- Partner webhooks (the `webhooks` app). URLs must be https (http too with WEBHOOKS_ALLOW_HTTP,
# on by default while DEBUG) and resolve to public addresses only; WEBHOOKS_ALLOW_LOOPBACK lets
# tests deliver to 127.0.0.1. A failed attempt is retried after each delay in turn (seconds:
# 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — about a day); an endpoint whose deliveries all fail
# WEBHOOKS_DISABLE_AFTER_FAILURES times in a row, or for WEBHOOKS_DISABLE_AFTER_SECONDS, is
# disabled and its contact told by e-mail.
WEBHOOKS_ALLOW_HTTP = env.bool("WEBHOOKS_ALLOW_HTTP", default=DEBUG)
WEBHOOKS_ALLOW_LOOPBACK = env.bool("WEBHOOKS_ALLOW_LOOPBACK", default=False)
WEBHOOKS_RETRY_DELAYS = env.list(
    "WEBHOOKS_RETRY_DELAYS", cast=float, default=[5, 300, 1800, 7200, 18000, 36000, 36000]
)
WEBHOOKS_CONNECT_TIMEOUT = env.float("WEBHOOKS_CONNECT_TIMEOUT", default=5.0)
WEBHOOKS_READ_TIMEOUT = env.float("WEBHOOKS_READ_TIMEOUT", default=10.0)
WEBHOOKS_MAX_RESPONSE_BYTES = 64 * 1024  # read at most this much of a receiver's answer
WEBHOOKS_STORED_RESPONSE_BYTES = 2000  # and keep this much of it in the delivery log
WEBHOOKS_DISABLE_AFTER_FAILURES = env.int("WEBHOOKS_DISABLE_AFTER_FAILURES", default=5)
WEBHOOKS_DISABLE_AFTER_SECONDS = env.int("WEBHOOKS_DISABLE_AFTER_SECONDS", default=24 * 3600)
# Certificates are verified against the system's CAs; a file of extra CAs only for tests.
WEBHOOKS_CA_BUNDLE = env.str("WEBHOOKS_CA_BUNDLE", default="")
WEBHOOKS_LOG_DAYS = env.int("WEBHOOKS_LOG_DAYS", default=30)  # the delivery log, then pruned

# Proxies in front of the app (e.g. 1 behind nginx): the client's address is then read from
# X-Forwarded-For, for the API's per-address throttle and the sign-in lockout alike; with 0 a client
# cannot dodge either by sending its own header.
NUM_PROXIES = env.int("NUM_PROXIES", default=env.int("API_NUM_PROXIES", default=0))

# --- Staff sign-in (the `accounts` app). django-axes counts failed sign-ins in the database (so
# every worker and process sees the same count, SQLite included) and locks the account and, apart,
# the address after LOGIN_FAILURE_LIMIT failures, for LOGIN_LOCKOUT_MINUTES after the last attempt
# (an attempt while locked restarts the wait). Administrators unlock in the admin (Access attempts)
# or with `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS` / `axes_reset`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
# Optional TOTP second factor for the admin (django-otp); off so `make run` logins just work.
STAFF_TWO_FACTOR = env.bool("STAFF_TWO_FACTOR", default=False)
OTP_TOTP_ISSUER = "Relations Tracker"

# --- Security. Production (DEBUG=false) passes `manage.py check --deploy`.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True
# The language switcher's cookie: only a preference, but no script needs it and no other site
# should send it.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
# Features no page uses, off for the page and anything it might embed.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- API (DRF). Pagination, filters, throttles and renderers are set once, here.
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partners.auth.APIKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "partners.auth.AnonymousRateThrottle",
        "partners.auth.APIKeyRateThrottle",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.formats.PublicCursorPagination",
    "DEFAULT_RENDERER_CLASSES": [
        "core.api.formats.FastJSONRenderer",
        "core.api.formats.CSVRenderer",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.formats.PublicContentNegotiation",
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="120/minute"),
        "api_key": env.str("API_KEY_RATE", default="1200/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Relations Tracker API",
    "DESCRIPTION": "Events, people and issues in the relations between countries, with sources.",
    "VERSION": "1.0.0",
    # OpenAPI 3.1: null is a type (`oneOf: [{$ref}, {type: "null"}]`), so a nullable nested
    # object means what it says to every tool (3.0's `nullable` beside `allOf` has no effect).
    "OAS_VERSION": "3.1.0",
    "LICENSE": {"name": "MIT", "url": "https://opensource.org/license/mit"},
    # Relative: the API is wherever the schema was fetched from (each deployment's own host).
    "SERVERS": [{"url": "/", "description": "This site"}],
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.document_http_headers",
        "webhooks.schema.document_webhooks",
    ],
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# What a partner's browser code may send (revalidation) and read (validators, paging, limits,
# file names).
CORS_ALLOW_HEADERS = [*default_cors_headers, "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Link",
    "Retry-After",
    "Content-Disposition",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "RateLimit-Policy",
]

# --- History: every save is a revision (django-simple-history).
SIMPLE_HISTORY_REVERT_DISABLED = False
# JSON Lines keeping times to the microsecond, for `backup_data`/`restore_data` (ops.serializers).
SERIALIZATION_MODULES = {"jsonl": "ops.serializers"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
