"""Public pages for people and organizations: who's who, with titles held over time."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django_countries import countries as country_names

from core.web.cache import public_detail_page, public_page
from core.web.pages import (
    absolute,
    filter_list,
    json_ld,
    paginate,
    parse_as_of,
    preview_state,
    summarise,
)
from events.models import EventParticipation, Source, Statement, StatementCitation
from people.filters import PersonFilter
from people.models import Organization, Person, Position
from review.models import Correction


def _positions(user: Any = None) -> Prefetch:
    return Prefetch(
        "positions",
        queryset=Position.objects.at_organizations_visible_to(user).order_by("-start_date", "id"),
    )


@public_page
def person_list(request: HttpRequest) -> HttpResponse:
    people = (
        Person.objects.published()
        .prefetch_related(_positions())
        .order_by("country", "sort_name", "display_name")
    )
    countries = [
        (code, country_names.name(code))
        for code in sorted(
            {c for c in Person.objects.published().values_list("country", flat=True) if c}
        )
    ]
    # The form offers only countries and organizations someone is listed under; any other value
    # is ignored with a message, as before the page shared the API's PersonFilter.
    organizations = Organization.objects.published().filter(positions__isnull=False).distinct()
    filtered = filter_list(
        request, PersonFilter, people, country=countries, organization=organizations
    )
    page = paginate(request, filtered.queryset)
    today = timezone.localdate()
    rows = [(person, person.position_on(today)) for person in page.object_list]
    context = {
        "page_obj": page,
        "rows": rows,
        "countries": countries,
        "organizations": list(organizations),
        "selected_country": filtered.params.get("country", "").strip().upper(),
        "selected_organization": filtered.params.get("organization", "").strip(),
        "errors": filtered.errors,
        "nav": "people",
    }
    return render(request, "people/person_list.html", context)


def _person_json_ld(person: Person, position: Position | None) -> dict[str, object]:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.display_name,
        "url": absolute(person.get_absolute_url()),
    }
    alternates = [form for form in person.name_forms() if form != person.display_name]
    if alternates:
        data["alternateName"] = alternates
    if position:
        data["jobTitle"] = position.title
        if position.organization:
            data["worksFor"] = {"@type": "Organization", "name": position.organization.name}
    if person.country:
        data["nationality"] = {"@type": "Country", "name": str(person.country.name)}
    if person.wikidata_id:
        data["sameAs"] = [f"https://www.wikidata.org/wiki/{person.wikidata_id}"]
    # The page is about the person: a ProfilePage whose main entity is them (Google's profile
    # page rules).
    page: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": data["url"],
        "dateModified": person.updated_at.isoformat(),
        "mainEntity": {key: value for key, value in data.items() if key != "@context"},
    }
    if getattr(person, "correction_note", None):
        # schema.org's `correction` belongs to the page (a CreativeWork), not to the Person.
        page["correction"] = {
            "@type": "CorrectionComment",
            "text": person.correction_note,
            "datePublished": person.correction_date.isoformat(),
        }
    return page


@public_detail_page
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(
        Person.objects.visible_to(request.user)
        .annotate(**Correction.objects.latest_note_of(Person))
        .prefetch_related("other_names", "identifiers", _positions(request.user)),
        slug=slug,
    )
    as_of, as_of_error = parse_as_of(request)
    day = as_of or timezone.localdate()
    current = person.position_on(day)
    positions = list(person.positions.all())
    participations = (
        EventParticipation.objects.published()
        .filter(person=person)
        .select_related("event")
        .order_by("-event__start_date", "event__title", "id")
    )
    statements = (
        Statement.objects.published()
        .filter(speaker=person)
        .select_related("event")
        .prefetch_related(
            Prefetch(
                "citations",
                queryset=StatementCitation.objects.published(),
            )
        )
    )
    context = {
        "person": person,
        "preview": preview_state(person),
        "as_of": as_of,
        "as_of_error": as_of_error,
        "current": current,
        "held_positions": [p for p in positions if p.is_held_on(day)],
        "past_positions": [p for p in positions if not p.is_held_on(day)],
        "participations": summarise(participations),
        "statements": summarise(statements),
        "authored": summarise(
            Source.objects.published()
            .filter(authors=person)
            .with_outlet()
            .order_by("-published_on_date", "title", "id")
        ),
        "json_ld": json_ld(_person_json_ld(person, current)),
        "nav": "people",
    }
    return render(request, "people/person_detail.html", context)


@public_detail_page
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(
        Organization.objects.visible_to(request.user).with_parent(request.user), slug=slug
    )
    as_of, as_of_error = parse_as_of(request)
    day = as_of or timezone.localdate()
    positions = list(
        Position.objects.published()
        .filter(organization=organization)
        .select_related("person")
        .order_by("-start_date", "id")
    )
    context = {
        "organization": organization,
        "preview": preview_state(organization),
        "parent_public": organization.parent,
        "as_of": as_of,
        "as_of_error": as_of_error,
        "held": [p for p in positions if p.is_held_on(day)],
        "former": [
            p
            for p in positions
            if not p.is_held_on(day) and (p.start_date is None or p.start_date <= day)
        ],
        "children": Organization.objects.published().filter(parent=organization),
        "nav": "people",
    }
    return render(request, "people/organization_detail.html", context)
