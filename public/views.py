"""Site-wide public pages: home (what's new, what's coming, where issues stand) and search."""

from __future__ import annotations

from typing import Any, NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Window
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core.web.cache import per_version, public_page
from core.web.charts import activity_chart, monthly_counts
from core.web.language import switch_target
from events.models import UPCOMING_STATUSES, Event, Statement
from issues.models import Development, Issue
from people.models import Person

HOME_ROWS = 8
# The issue board shows the issues that moved last, with a link to all of them: 200 issues took
# most of the home page's time and 40 KB of its HTML at 100,000 events.
HOME_ISSUES = 12
SEARCH_ROWS = 20


class SearchGroup(NamedTuple):
    kind: str
    rows: list[Any]
    count: int  # every match, not only the rows shown
    more: str  # the kind's list page with the same query, when there are more matches


@public_page
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    events = Event.objects.published()
    context = {
        "developments": Development.objects.published()
        .select_related("issue", "event")
        .order_by("-happened_date", "-id")[:HOME_ROWS],
        "latest_events": events.filter(start_date__lte=today)
        .exclude(status__in=UPCOMING_STATUSES)
        .order_by("-start_date", "title")[:HOME_ROWS],
        "upcoming_events": events.upcoming().order_by("start_date", "title")[:HOME_ROWS],
        # Announced events whose period has passed with no report that they were held: a
        # subquery on the (status, last_date) index, as in upcoming(), sorted by date, so its
        # cost follows how many there are (13,600 in the 100k bench data, 41 ms). Kept per
        # content version and day, as the chart is.
        "unconfirmed_events": per_version(
            f"home-unconfirmed:{today.isoformat()}",
            lambda: list(
                events.filter(
                    pk__in=Event.objects.filter(
                        status__in=UPCOMING_STATUSES, last_date__lt=today
                    ).values("pk")
                ).order_by("-start_date", "title")[:HOME_ROWS]
            ),
        ),
        "issues": Issue.objects.published().order_by("-updated_at", "-pk")[:HOME_ISSUES],
        # Counted once per content version, not over every event at each render.
        "chart": activity_chart(per_version("monthly-counts", lambda: monthly_counts(events))),
    }
    return render(request, "public/home.html", context)


@public_page
def search(request: HttpRequest) -> HttpResponse:
    """The best SEARCH_ROWS matches of each kind, with how many there are in all.

    Each kind's full, paginated list is its list page with the same `q` (events, people,
    issues); the index answers every count and page, so the cost follows the matches.
    """
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    groups = []
    if query:
        searches = [
            ("people", Person.objects.published().search(query), "people:person_list"),
            ("events", Event.objects.published().search(query), "events:event_list"),
            ("issues", Issue.objects.published().search(query), "issues:issue_list"),
            (
                "statements",
                Statement.objects.published().search(query).select_related("speaker", "event"),
                "",
            ),
        ]
        for kind, queryset, list_url in searches:
            # The count of every match comes with the rows (a window over the matches).
            rows = list(queryset.annotate(search_total=Window(Count("pk")))[:SEARCH_ROWS])
            count = rows[0].search_total if rows else 0
            more = f"{reverse(list_url)}?{urlencode({'q': query})}" if list_url else ""
            groups.append(SearchGroup(kind, rows, count, more if count > len(rows) else ""))
    context = {
        "query": query,
        "groups": groups,
        "total": sum(group.count for group in groups),
        "nav": "search",
    }
    return render(request, "public/search.html", context)


def switch_language(request: HttpRequest, language: str) -> HttpResponse:
    """The language switcher's links: remember the choice (cookie) and go to `next`.

    A GET link, so it works without JavaScript. The cookie is what keeps an English choice from
    being redirected back to a reader's browser language at an unprefixed URL.
    """
    if language not in dict(settings.LANGUAGES):
        raise Http404
    response = HttpResponseRedirect(switch_target(request))
    response["Cache-Control"] = "private, no-store"
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
