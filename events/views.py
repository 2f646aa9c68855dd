"""Public pages for events (the timeline and each event) and for the sources facts cite."""

from __future__ import annotations

import hashlib
from datetime import date
from itertools import groupby
from typing import Any
from urllib.parse import quote, urlencode

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils import formats
from django.utils.translation import gettext as _
from django_countries import countries

from core.editorial import published_q
from core.web.cache import per_version, public_detail_page, public_page
from core.web.keyset import SortKey, keyset_page
from core.web.pages import absolute, filter_list, json_ld, paginate, preview_state, summarise
from events.filters import EventFilter
from events.models import (
    Event,
    EventCitation,
    EventKind,
    EventParticipation,
    EventStatus,
    Source,
    Statement,
    StatementCitation,
)
from issues.models import Development, DevelopmentCitation, Issue, Stance, StanceCitation
from people.models import Person, Position
from review.models import Correction

SCHEMA_STATUS = {
    EventStatus.PLANNED: "https://schema.org/EventScheduled",
    EventStatus.HELD: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
}


def _published_issues() -> QuerySet:
    return Issue.objects.published()


# The timeline's order, newest first; the id makes every row's position unique (keyset pages).
TIMELINE_ORDER = (
    SortKey("start_date", descending=True, kind=date),
    SortKey("title", descending=False, kind=str),
    SortKey("id", descending=False, kind=int),
)
# People offered by name when a typed name matches several.
PERSON_MATCHES = 10


def _resolve_person(request: HttpRequest) -> tuple[QueryDict, Person | None, list[Person], str]:
    """`?person=` as a published person's slug, or a name typed in the form (no JavaScript).

    A name resolves through the people search (any name form, alias or script): one match is
    used as if its slug had been sent; several are offered as links; none is a message.
    Returns the query to filter with, the person, the candidates and a message.
    """
    data = request.GET.copy()
    raw = data.get("person", "").replace("\x00", "").strip()[:200]
    if not raw:
        return data, None, [], ""
    people = Person.objects.published()
    person = people.filter(slug=raw).first()
    if person is None:
        exact = list(people.filter(display_name__iexact=raw)[:2])
        matches = exact or list(
            people.search(raw).order_by("sort_name", "id")[: PERSON_MATCHES + 1]
        )
        if len(matches) == 1:
            person = matches[0]
        else:
            data.pop("person")
            if matches:
                return data, None, matches[:PERSON_MATCHES], ""
            return (
                data,
                None,
                [],
                _("No one called “%(name)s” is listed; the person filter was ignored.")
                % {"name": raw[:40]},
            )
    data["person"] = person.slug
    return data, person, [], ""


@public_page
def event_list(request: HttpRequest) -> HttpResponse:
    data, person, candidates, person_error = _resolve_person(request)
    filtered = filter_list(request, EventFilter, Event.objects.published(), data=data)
    events = filtered.queryset.prefetch_related(
        Prefetch("issues", queryset=_published_issues().only("slug", "title"))
    )
    filters = sorted((key, data.getlist(key)) for key in filtered.params)
    # Counted once per content version and filter, not at every page of it.
    count = per_version(
        "event-count:" + hashlib.sha256(repr(filters).encode()).hexdigest(),
        filtered.queryset.count,
    )
    page = keyset_page(request, events, TIMELINE_ORDER, count)
    months = [
        (formats.date_format(month, "YEAR_MONTH_FORMAT"), list(rows))
        for month, rows in groupby(page.object_list, key=lambda e: e.start_date.replace(day=1))
    ]
    errors = [*filtered.errors, *filter(None, [person_error, page.error])]
    feed_query = urlencode([(key, value) for key, values in filters for value in values])
    context = {
        "page_obj": page,
        "months": months,
        "errors": errors,
        "invalid": filtered.invalid + (["person"] if person_error else []),
        "filters": filtered.params,
        "person": person,
        "person_candidates": candidates,
        "feed_query": f"?{feed_query}" if feed_query else "",
        # The follow link carries the filters as one encoded value (a saved search).
        "follow_search": quote(urlencode(filtered.params)) if not filtered.invalid else "",
        "kinds": EventKind.choices,
        "statuses": EventStatus.choices,
        "issue_choices": _published_issues().values_list("slug", "title"),
        "country_choices": _event_countries(),
        "nav": "events",
    }
    return render(request, "events/event_list.html", context)


def _event_countries() -> list[tuple[str, str]]:
    codes = per_version(
        "event-countries",
        lambda: {
            c
            for c in Event.objects.published()
            .order_by()
            .values_list("country", flat=True)
            .distinct()
            if c
        },
    )
    return sorted(((code, countries.name(code)) for code in codes), key=lambda pair: pair[1])


def _schema_dates(event: Event) -> dict[str, str]:
    """startDate/endDate as full ISO 8601 dates, as Google's Event rules require.

    An event known only to a month, quarter or year spans that whole period (as in the
    calendars), so no day is claimed that is not known.
    """
    dates = {"startDate": event.start_date.isoformat()}
    if event.last_date != event.start_date:
        dates["endDate"] = event.last_date.isoformat()
    return dates


def _schema_location(event: Event) -> dict[str, Any]:
    """Always a location (Google requires one): a call's is its page, else the place known."""
    if event.kind == EventKind.PHONE_CALL:
        return {"@type": "VirtualLocation", "url": absolute(event.get_absolute_url())}
    place = [part for part in (event.venue, event.city) if part]
    country = str(event.country.name) if event.country else ""
    name = ", ".join(place) or country or _("Place not announced")
    address: dict[str, str] = {"@type": "PostalAddress"}
    if event.city:
        address["addressLocality"] = event.city
    if event.country:
        address["addressCountry"] = event.country.code
    return {
        "@type": "Place",
        "name": name,
        "address": address if len(address) > 1 else name,
    }


def _event_json_ld(event: Event) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": absolute(event.get_absolute_url()),
        **_schema_dates(event),
        "eventAttendanceMode": (
            "https://schema.org/OnlineEventAttendanceMode"
            if event.kind == EventKind.PHONE_CALL
            else "https://schema.org/OfflineEventAttendanceMode"
        ),
        "location": _schema_location(event),
    }
    # schema.org has no status for "expected" or "unconfirmed": say nothing rather than
    # "scheduled".
    status = SCHEMA_STATUS.get(event.status)
    if status:
        data["eventStatus"] = status
    if event.summary:
        data["description"] = event.summary
    return data


@public_detail_page
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(
        Event.objects.visible_to(request.user)
        .with_series(request.user)
        .with_parent(request.user)
        .annotate(**Correction.objects.latest_note_of(Event)),
        slug=slug,
    )
    # Filter children by this event plus the *other* parent's visibility, so a staff preview
    # of a draft event still shows its (published) people and sources.
    participations = (
        EventParticipation.objects.filter(event=event)
        .filter(published_q("person__"))
        .select_related("person")
        .prefetch_related(Prefetch("person__positions", queryset=Position.objects.published()))
    )
    sides: dict[str, list[tuple[EventParticipation, str, bool]]] = {}
    for participation in participations:
        # A title derived from the person's position reads in the page's language (the
        # position's translated title); one typed for this event is English, marked so.
        typed = bool(participation.title) and not participation.title_derived
        title = (participation.title if typed else "") or participation.person.title_on(
            event.start_date
        )
        if not title:
            title, typed = participation.title, bool(participation.title)
        sides.setdefault(participation.side.name or _("Other"), []).append(
            (participation, title, typed)
        )
    rounds = []
    previous_round = next_round = None
    if event.series:  # None while hidden from this reader (with_series)
        rounds = list(
            Event.objects.published()
            .filter(series_id=event.series_id)
            .order_by("round_number", "start_date")
        )
        earlier = [e for e in rounds if (e.round_number or 0) < (event.round_number or 0)]
        later = [e for e in rounds if (e.round_number or 0) > (event.round_number or 0)]
        previous_round = earlier[-1] if earlier else None
        next_round = later[0] if later else None
    parent = event.parent  # None while hidden from this reader (with_parent)
    context = {
        "event": event,
        "preview": preview_state(event),
        "parent": parent,
        "children": Event.objects.published().filter(parent=event).order_by("start_date", "title"),
        "sides": sorted(sides.items()),
        "rounds": rounds,
        "previous_round": previous_round,
        "next_round": next_round,
        "issues": _published_issues().filter(events=event),
        "statements": Statement.objects.filter(event=event)
        .filter(published_q("speaker__"))
        .select_related("speaker")
        .prefetch_related(Prefetch("citations", queryset=StatementCitation.objects.published())),
        "citations": EventCitation.objects.published().filter(event=event),
        "json_ld": json_ld(_event_json_ld(event)),
        "nav": "events",
    }
    return render(request, "events/event_detail.html", context)


def _citing_querysets() -> dict[str, Prefetch]:
    return {
        "events": Prefetch("events", queryset=Event.objects.published().order_by("-start_date")),
        "statements": Prefetch(
            "statements", queryset=Statement.objects.published().select_related("speaker", "event")
        ),
        "developments": Prefetch(
            "developments", queryset=Development.objects.published().select_related("issue")
        ),
        "stances": Prefetch("stances", queryset=Stance.objects.published().select_related("issue")),
    }


@public_page
def source_list(request: HttpRequest) -> HttpResponse:
    sources = (
        Source.objects.published()
        .with_outlet()
        .prefetch_related(*_citing_querysets().values())
        .order_by("-published_on_date", "title", "id")
    )
    page = paginate(request, sources)
    for source in page.object_list:
        # Developments and stances are both read on their issue's page: list each issue once.
        issues = [d.issue for d in source.developments.all()] + [
            s.issue for s in source.stances.all()
        ]
        source.cited_issues = list({issue.pk: issue for issue in issues}.values())
    return render(request, "events/source_list.html", {"page_obj": page, "nav": "sources"})


@public_detail_page
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(
        Source.objects.visible_to(request.user)
        .with_outlet(request.user)
        .annotate(**Correction.objects.latest_note_of(Source))
        .prefetch_related(Prefetch("authors", queryset=Person.objects.published())),
        pk=pk,
    )
    context = {
        "source": source,
        "preview": preview_state(source),
        "event_citations": summarise(
            EventCitation.objects.filter(source=source)
            .of_published_facts()
            .select_related("event")
            # Newest first by id: ordering by the event's date made SQLite walk every event.
            .order_by("-id")
        ),
        "statement_citations": summarise(
            StatementCitation.objects.filter(source=source)
            .of_published_facts()
            .select_related("statement__speaker", "statement__event")
            .order_by("-id")
        ),
        "development_citations": summarise(
            DevelopmentCitation.objects.filter(source=source)
            .of_published_facts()
            .select_related("development__issue")
            .order_by("-id")
        ),
        "stance_citations": summarise(
            StanceCitation.objects.filter(source=source)
            .of_published_facts()
            .select_related("stance__issue", "stance__organization")
            .order_by("-id")
        ),
        "nav": "sources",
    }
    return render(request, "events/source_detail.html", context)
