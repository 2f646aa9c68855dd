"""The sitemap: `/sitemap.xml` is a sitemap index naming one file per section
(`/sitemap-events.xml`, ...), each split into files of ROWS_PER_FILE pages (`?p=2`), far under the
sitemap protocol's 50,000 URLs, by ranges of primary keys; robots.txt points crawlers at the index. Each section starts from
`.published()` and lists every page in each language (/, /ko/, /zh-hans/), each entry naming its
alternates and x-default.
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connections
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.http import http_date
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.web.cache import per_version
from events.models import Event, Source
from issues.models import Issue
from people.models import Organization, Person

# The sitemap protocol's limit per file. Files here are far smaller (ROWS_PER_FILE pages, each
# in every language): a file then costs the same to build at any size of the site, and a
# crawler fetching one is not kept waiting (50,000 URLs with their alternates took 17 s).
MAX_URLS_PER_FILE = 50_000
ROWS_PER_FILE = 500


def _as_datetime(value: Any) -> datetime | None:
    """A datetime read by raw SQL: SQLite gives text (UTC), PostgreSQL an aware datetime."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value


def file_bounds(queryset: QuerySet, rows_per_file: int) -> list[tuple[int, datetime | None]]:
    """(first primary key, latest `updated_at`) of each file of `rows_per_file` rows, by key.

    One query: rows numbered in key order, grouped by file. Files are then ranges of primary
    keys (no OFFSET), and the index gives each file its own lastmod.
    """
    numbered = queryset.order_by().annotate(row_key=F("pk"), changed=F("updated_at"))
    sql, params = numbered.values("row_key", "changed").query.sql_with_params()
    query = (
        "SELECT MIN(row_key), MAX(changed) FROM (SELECT row_key, changed,"
        " (ROW_NUMBER() OVER (ORDER BY row_key) - 1) / %s AS part"
        f" FROM ({sql}) AS published_rows) AS numbered GROUP BY part ORDER BY 1"
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(query, (rows_per_file, *params))
        return [(first, _as_datetime(changed)) for first, changed in cursor.fetchall()]


class SitemapFile:
    """One file of a section (what Django's sitemap reads from a paginator page)."""

    def __init__(self, object_list: list[Any]) -> None:
        self.object_list = object_list


class FilePaginator:
    """A section's files: ranges of primary keys, bounds kept per content version."""

    def __init__(self, sitemap: PublishedSitemap) -> None:
        self.sitemap = sitemap

    @cached_property
    def bounds(self) -> list[tuple[int, datetime | None]]:
        return self.sitemap.file_bounds()

    @property
    def num_pages(self) -> int:
        return max(1, len(self.bounds))

    def page(self, number: Any) -> SitemapFile:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(number) from None
        if number < 1 or number > self.num_pages:
            raise EmptyPage(number)
        if not self.bounds:
            return SitemapFile([])
        rows = self.sitemap.items().filter(pk__gte=self.bounds[number - 1][0])
        if number < len(self.bounds):
            rows = rows.filter(pk__lt=self.bounds[number][0])
        languages = list(self.sitemap._languages())
        # Bounded even if the bounds were stale: a file never holds more than its share.
        rows = rows[: self.sitemap.rows_per_file]
        return SitemapFile([(row, language) for row in rows for language in languages])


class PublishedSitemap(Sitemap):
    """Published rows of one model, with their last edit as lastmod, ROWS_PER_FILE per file."""

    model: type = None  # type: ignore[assignment]
    fields: tuple[str, ...] = ("slug",)
    rows_per_file = ROWS_PER_FILE
    # Every page once per language, each naming the others and x-default (xhtml:link).
    i18n = True
    alternates = True
    x_default = True

    def items(self) -> Any:
        return self.model.objects.published().only("pk", "updated_at", *self.fields).order_by("pk")

    @cached_property
    def paginator(self) -> FilePaginator:  # type: ignore[override]
        return FilePaginator(self)

    def file_bounds(self) -> list[tuple[int, datetime | None]]:
        """Each file's first key and lastmod, computed once per content version."""
        label = self.model._meta.label_lower
        return per_version(
            f"sitemap:{label}:{self.rows_per_file}",
            lambda: file_bounds(self.model.objects.published(), self.rows_per_file),
        )

    def lastmod(self, item: Any) -> datetime:
        return item.updated_at

    def file_lastmods(self) -> list[datetime | None]:
        """The lastmod of each file, for the index."""
        return [changed for _first, changed in self.paginator.bounds] or [None]

    def get_latest_lastmod(self) -> datetime | None:
        return max(filter(None, self.file_lastmods()), default=None)


class EventSitemap(PublishedSitemap):
    model = Event
    changefreq = "weekly"
    priority = 0.8


class IssueSitemap(PublishedSitemap):
    model = Issue
    changefreq = "weekly"
    priority = 0.8


class PersonSitemap(PublishedSitemap):
    model = Person
    changefreq = "monthly"


class OrganizationSitemap(PublishedSitemap):
    model = Organization
    changefreq = "monthly"


class SourceSitemap(PublishedSitemap):
    model = Source
    fields = ()
    changefreq = "yearly"
    priority = 0.3


# The list pages; a name that does not resolve (a page not built yet) is left out, not a 500.
STATIC_PAGES = [
    "public:home",
    "events:event_list",
    "people:person_list",
    "issues:issue_list",
    "events:source_list",
]


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0
    i18n = True
    alternates = True
    x_default = True

    def items(self) -> list[str]:
        names = []
        for name in STATIC_PAGES:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            names.append(name)
        return names

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "pages": StaticSitemap,
    "events": EventSitemap,
    "issues": IssueSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
    "sources": SourceSitemap,
}


@x_robots_tag
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The sitemap index: every file of every section, each with its own lastmod.

    Django's index gives every file of a section the section's latest edit, so one edit sent
    crawlers back to all of them. The bounds are kept per content version, and the XML is
    written directly (one line per file; the template engine took 0.3 ms a line).
    """
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    latest = []
    zone = timezone.get_current_timezone()  # once: a line per file, 216 of them at 100k events
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        loc = escape(request.build_absolute_uri(reverse("sitemap_section", args=[section])))
        if isinstance(sitemap, PublishedSitemap):
            lastmods = sitemap.file_lastmods()
        else:
            lastmods = [None] * sitemap.paginator.num_pages
        for number, lastmod in enumerate(lastmods, start=1):
            page = loc if number == 1 else f"{loc}?p={number}"  # nothing to escape in "?p=2"
            when = f"<lastmod>{lastmod.astimezone(zone).isoformat()}</lastmod>" if lastmod else ""
            lines.append(f"<sitemap><loc>{page}</loc>{when}</sitemap>")
        latest.extend(filter(None, lastmods))
    lines.append("</sitemapindex>\n")
    response = HttpResponse("\n".join(lines), content_type="application/xml")
    if latest:
        response["Last-Modified"] = http_date(max(latest).timestamp())
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Allow every crawler everywhere but the admin and the API; point it at the sitemap."""
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
