"""What a follow points at, read from a follow page's query string, and how it is described."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext as _

from alerts.models import Follow, FollowKind
from events.filters import EventFilter
from events.models import Event, EventSeries
from issues.models import Issue
from people.models import Person

MAX_QUERY_LENGTH = 500


@dataclass
class Target:
    """A thing to follow: its kind and object, or a normalised timeline search."""

    kind: str
    issue: Issue | None = None
    person: Person | None = None
    series: EventSeries | None = None
    query: str = ""
    errors: list[str] = field(default_factory=list)

    def fields(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "issue": self.issue,
            "person": self.person,
            "series": self.series,
            "query": self.query,
        }

    def params(self) -> str:
        """The follow page's query string for this target."""
        if self.kind == FollowKind.ISSUE:
            return urlencode({"issue": self.issue.slug})
        if self.kind == FollowKind.PERSON:
            return urlencode({"person": self.person.slug})
        if self.kind == FollowKind.SERIES:
            return urlencode({"series": self.series.slug})
        if self.kind == FollowKind.SEARCH:
            return urlencode({"search": self.query})
        return "all=1"


def normalise_search(raw: str) -> tuple[str, list[str]]:
    """The /events/ query string with blanks and `page` dropped, keys sorted, or its errors."""
    data = QueryDict(raw[: MAX_QUERY_LENGTH * 2])
    kept = QueryDict(mutable=True)
    for key in sorted(data):
        values = sorted(v.strip() for v in data.getlist(key) if v.strip())
        if key != "page" and values:
            kept.setlist(key, values)
    if not kept:
        return "", [_("This search has no filters: follow everything instead.")]
    filterset = EventFilter(kept, queryset=Event.objects.published())
    unknown = [key for key in kept if key not in filterset.filters]
    if unknown or not filterset.is_valid():
        return "", [_("This search cannot be followed: change its filters and try again.")]
    query = kept.urlencode()
    if len(query) > MAX_QUERY_LENGTH:
        return "", [_("This search is too long to follow.")]
    return query, []


def target_from_params(params: QueryDict) -> Target | None:
    """The target a follow page's query string names (only public things), or None."""
    if slug := params.get("issue"):
        issue = Issue.objects.published().filter(slug=slug).first()
        return Target(FollowKind.ISSUE, issue=issue) if issue else None
    if slug := params.get("person"):
        person = Person.objects.published().filter(slug=slug).first()
        return Target(FollowKind.PERSON, person=person) if person else None
    if slug := params.get("series"):
        series = EventSeries.objects.published().filter(slug=slug).first()
        return Target(FollowKind.SERIES, series=series) if series else None
    if "search" in params:
        query, errors = normalise_search(params.get("search", ""))
        return Target(FollowKind.SEARCH, query=query, errors=errors)
    if params.get("all"):
        return Target(FollowKind.ALL)
    return None


def describe_search(query: str) -> str:
    """ "kind: summit, issue: thaad" — a saved search as a reader reads it."""
    data = QueryDict(query)
    return ", ".join(f"{key}: {', '.join(data.getlist(key))}" for key in data)


def describe(follow: Follow | Target) -> str:
    """What is followed, in the reader's language."""
    if follow.kind == FollowKind.ISSUE:
        return _("the issue “%(title)s”") % {"title": follow.issue.title}
    if follow.kind == FollowKind.PERSON:
        return follow.person.display_name
    if follow.kind == FollowKind.SERIES:
        return _("the series “%(name)s”") % {"name": follow.series.name}
    if follow.kind == FollowKind.SEARCH:
        return _("timeline events matching %(search)s") % {"search": describe_search(follow.query)}
    return _("everything new on the tracker")
