"""Public pages for issues: where each stands, both sides' stances, and how it developed."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django_countries import countries

from core.editorial import published_q
from core.web.cache import per_version, public_detail_page, public_page
from core.web.charts import activity_chart, monthly_counts
from core.web.pages import filter_list, parse_as_of, preview_state, summarise
from events.models import Event
from issues.filters import IssueFilter
from issues.models import (
    Development,
    DevelopmentCitation,
    Issue,
    IssueCategory,
    IssueStatus,
    Stance,
    StanceCitation,
)
from review.models import Correction

# Stances are shown side by side in this order; other parties follow.
SIDE_ORDER = ["KR", "CN"]


def _cited(model: type) -> Prefetch:
    return Prefetch("citations", queryset=model.objects.published())


@public_page
def issue_list(request: HttpRequest) -> HttpResponse:
    issues = Issue.objects.published().annotate(
        event_count=Count("events", filter=published_q("events__"), distinct=True)
    )
    filtered = filter_list(request, IssueFilter, issues)
    context = {
        "issues": filtered.queryset.order_by("status", "title"),
        "statuses": IssueStatus.choices,
        "categories": IssueCategory.choices,
        "selected_status": filtered.params.get("status", ""),
        "selected_category": filtered.params.get("category", ""),
        "errors": filtered.errors,
        "nav": "issues",
    }
    return render(request, "issues/issue_list.html", context)


def _stance_columns(stances: list[Stance], day: object) -> list[dict[str, object]]:
    """One column per party: its latest stance as of `day`, then its earlier ones."""
    # Both sides always get a column, so a missing stance shows as missing, not as a layout shift.
    parties: dict[str, dict[str, object]] = {
        code: {"key": code, "name": countries.name(code), "stances": []} for code in SIDE_ORDER
    }
    for stance in stances:
        if day and stance.as_of_date > day:
            continue
        key = f"org-{stance.organization_id}" if stance.organization_id else stance.country.code
        column = parties.setdefault(key, {"key": key, "name": stance.party_name, "stances": []})
        column["stances"].append(stance)  # type: ignore[union-attr]
    for column in parties.values():
        column["stances"].sort(key=lambda s: (s.as_of_date, s.pk), reverse=True)  # type: ignore[union-attr]

    def order(column: dict[str, object]) -> tuple[int, str]:
        key = str(column["key"])
        return (
            SIDE_ORDER.index(key) if key in SIDE_ORDER else len(SIDE_ORDER),
            str(column["name"]),
        )

    return sorted(parties.values(), key=order)


@public_detail_page
def issue_detail(request: HttpRequest, slug: str) -> HttpResponse:
    issue = get_object_or_404(
        Issue.objects.visible_to(request.user)
        .annotate(**Correction.objects.latest_note_of(Issue))
        .prefetch_related(
            Prefetch(
                "developments",
                queryset=Development.objects.filter(Q(event__isnull=True) | published_q("event__"))
                .select_related("event")
                .prefetch_related(_cited(DevelopmentCitation))
                .order_by("-happened_date", "-id"),
            ),
            Prefetch(
                "stances",
                queryset=Stance.objects.by_parties_visible_to(request.user).prefetch_related(
                    _cited(StanceCitation)
                ),
            ),
        ),
        slug=slug,
    )
    as_of, as_of_error = parse_as_of(request)
    developments = list(issue.developments.all())
    if as_of:
        developments = [d for d in developments if d.happened_date <= as_of]
    status_code = issue.status_on(as_of) if as_of else issue.status
    events = Event.objects.published().filter(issues=issue)
    context = {
        "issue": issue,
        "preview": preview_state(issue),
        "as_of": as_of,
        "as_of_error": as_of_error,
        "status_code": status_code,
        "status_label": IssueStatus(status_code).label if status_code else "",
        "developments": developments,
        "columns": _stance_columns(list(issue.stances.all()), as_of),
        "related": Issue.objects.published().filter(related_issues=issue),
        "events": summarise(events.order_by("-start_date", "title", "id")),
        # Counted once per content version, not over every event of the issue at each render.
        "chart": activity_chart(
            per_version(f"issue-months:{issue.pk}", lambda: monthly_counts(events))
        ),
        "today": timezone.localdate(),
        "nav": "issues",
    }
    return render(request, "issues/issue_detail.html", context)
