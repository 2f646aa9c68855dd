"""The sitemap: `/sitemap.xml` is a sitemap index naming one file per section
(`/sitemap-events.xml`, ...), each split into pages of at most 50,000 URLs (`?p=2`), as the
sitemap protocol requires; robots.txt points crawlers at the index. Each section starts from
`.published()` and lists every page in each language (/, /ko/, /zh-hans/), each entry naming its
alternates and x-default.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from events.models import Event, Source
from issues.models import Issue
from people.models import Organization, Person

# The sitemap protocol's limit per file (and Django's default); the index lists every page.
MAX_URLS_PER_FILE = 50_000


class PerLanguage(Sequence):
    """(row, language) pairs of a queryset, row by row, for the sitemap's paginator.

    Django's i18n sitemap builds this list in memory from every row of the section; this one
    counts with one query and loads only the rows of the file asked for.
    """

    def __init__(self, queryset: Any, languages: list[str]) -> None:
        self.queryset = queryset
        self.languages = languages
        self._length: int | None = None

    def __len__(self) -> int:
        if self._length is None:
            self._length = self.queryset.count() * len(self.languages)
        return self._length

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        per_row = len(self.languages)
        first_row = start // per_row
        rows = self.queryset[first_row : -(-stop // per_row)]
        pairs = [(row, language) for row in rows for language in self.languages]
        skip = start - first_row * per_row
        return pairs[skip : skip + max(stop - start, 0)]


class PublishedSitemap(Sitemap):
    """Published rows of one model, with their last edit as lastmod, 50,000 URLs per file."""

    model: type = None  # type: ignore[assignment]
    fields: tuple[str, ...] = ("slug",)
    limit = MAX_URLS_PER_FILE
    # Every page once per language, each naming the others and x-default (xhtml:link).
    i18n = True
    alternates = True
    x_default = True

    def items(self) -> Any:
        return self.model.objects.published().only("pk", "updated_at", *self.fields).order_by("pk")

    def _items(self) -> Any:
        return PerLanguage(self.items(), list(self._languages()))

    def lastmod(self, item: Any) -> datetime:
        return item.updated_at

    def get_latest_lastmod(self) -> datetime | None:
        """For the index: one aggregate query, not every row loaded (Django's default)."""
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


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
