"""Site-wide public pages: home (what's new, what's coming, where issues stand) and search."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.web.cache import public_page
from core.web.charts import activity_chart, monthly_counts
from events.models import UPCOMING_STATUSES, Event, Statement
from issues.models import Development, Issue
from people.models import Person

HOME_ROWS = 8
SEARCH_ROWS = 20


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
        # Announced events whose period has passed with no report that they were held.
        "unconfirmed_events": events.filter(
            status__in=UPCOMING_STATUSES, last_date__lt=today
        ).order_by("-start_date", "title")[:HOME_ROWS],
        "issues": Issue.objects.published().order_by("status", "title"),
        "chart": activity_chart(monthly_counts(events)),
    }
    return render(request, "public/home.html", context)


@public_page
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    groups = []
    if query:
        people = Person.objects.published().search(query)[:SEARCH_ROWS]
        events = Event.objects.published().search(query)[:SEARCH_ROWS]
        issues = Issue.objects.published().search(query)[:SEARCH_ROWS]
        statements = (
            Statement.objects.published().search(query).select_related("speaker", "event")
        )[:SEARCH_ROWS]
        groups = [
            ("people", list(people)),
            ("events", list(events)),
            ("issues", list(issues)),
            ("statements", list(statements)),
        ]
    context = {
        "query": query,
        "groups": groups,
        "total": sum(len(rows) for _, rows in groups),
        "nav": "search",
    }
    return render(request, "public/search.html", context)
