"""Create what the editor ticked on "New from a report": drafts citing the source, in one go.

`create_from_report` writes everything or nothing (one transaction). New records are drafts;
records that exist are only linked (a citation, a participation or an issue link on a draft
event), so nothing reaches the public before a publisher publishes the new event and source.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.text import slugify

from core.dates import FuzzyDate
from core.editorial import EditorialStatus
from core.translation_fields import SOURCE_LANGUAGE
from events.models import (
    Event,
    EventCitation,
    EventParticipation,
    Source,
    Statement,
    StatementCitation,
)
from issues.models import Development, DevelopmentCitation, Issue
from people.models import Organization, Person, Position
from review.changes import row_data
from review.services import holds_for_review, open_revision, revision_submit

DRAFT = EditorialStatus.DRAFT


@dataclass
class SourceChoice:
    existing: Source | None = None
    title: str = ""
    outlet: Organization | None = None
    outlet_note: str = ""
    byline: str = ""
    url: str = ""
    published: FuzzyDate | None = None
    language: str = "en"


@dataclass
class PersonChoice:
    person: Person
    role: str = "delegation"
    title: str = ""
    # A title the report states that differs from the one on record: a new position from the
    # report's date (at `position_organization` when the title names one).
    new_position: str = ""
    position_organization: Organization | None = None


@dataclass
class NewPersonChoice:
    name: str
    title: str = ""
    country: str = ""
    role: str = "delegation"
    participant: bool = True


@dataclass
class EventChoice:
    existing: Event | None = None
    title: str = ""
    kind: str = "other"
    status: str = "held"
    start: FuzzyDate | None = None
    city: str = ""
    country: str = ""
    parent: Event | None = None


@dataclass
class QuoteChoice:
    text: str
    speaker: Person | None = None
    new_speaker: int | None = None  # index into Choices.new_people
    speaker_label: str = ""
    language: str = "en"


@dataclass
class IssueChoice:
    issue: Issue
    development: str = ""  # a development draft's summary; empty: only link the event


@dataclass
class Choices:
    source: SourceChoice | None = None
    event: EventChoice | None = None
    people: list[PersonChoice] = field(default_factory=list)
    new_people: list[NewPersonChoice] = field(default_factory=list)
    quotes: list[QuoteChoice] = field(default_factory=list)
    issues: list[IssueChoice] = field(default_factory=list)
    other_events: list[EventChoice] = field(default_factory=list)


def _unique_slug(model: type[Model], text: str, limit: int = 100) -> str:
    base = slugify(text)[:limit].strip("-") or model._meta.model_name
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug = f"{base[: limit - 6]}-{n}"
        n += 1
    return slug


def _new_event(choice: EventChoice) -> Event:
    event = Event(
        title=choice.title[:300],
        slug=_unique_slug(Event, choice.title),
        kind=choice.kind,
        status=choice.status,
        city=choice.city[:120],
        country=choice.country,
        parent=choice.parent,
        editorial_status=DRAFT,
    )
    event.start = choice.start
    event.full_clean(exclude=["slug"])
    event.save()
    return event


def _new_position(
    *,
    person: Person,
    title: str,
    organization: Organization | None,
    start: FuzzyDate | None,
    user: Any,
) -> Model:
    """The person's new position: theirs at once while they are a draft (or for a Publisher),
    else held with the person's pending changes for a Publisher to approve. Returns the person
    (listed on the created page: their page shows the position, or the changes awaiting review)."""
    with translation.override(SOURCE_LANGUAGE):  # the report's title is the English column
        position = Position(person=person, title=title[:200], organization=organization)
    position.start = start
    position.full_clean()
    if user is None or not holds_for_review(obj=person, user=user):  # None: a trusted script
        position.save()
        # The reading loaded their positions; a participant's title is derived from them next.
        getattr(person, "_prefetched_objects_cache", {}).pop("positions", None)
        return person
    open_revision_ = open_revision(person)
    if open_revision_ is not None:  # one revision per item: the new position joins it
        changes = copy.deepcopy(open_revision_.changes)
    else:
        changes = {
            "parent": {
                "pk": person.pk,
                "version": person.version,
                "row": row_data(person),
                "fields": {},
                "m2m": {},
            },
            "children": [],
        }
    label = Position._meta.label_lower
    group = next((g for g in changes["children"] if g["model"] == label and not g.get("via")), None)
    if group is None:
        group = {
            "model": label,
            "fk": "person",
            "via": None,
            "changed": [],
            "added": [],
            "deleted": [],
        }
        changes["children"].append(group)
    group["added"].append({"pk": None, "row": row_data(position, skip=["person"])})
    revision_submit(obj=person, changes=changes, author=user)
    return person


def _cite(model: type[Model], source: Source | None, **owner: Any) -> None:
    if source is not None:
        model.objects.get_or_create(source=source, **owner)


@transaction.atomic
def create_from_report(*, choices: Choices, user: Any = None) -> list[Model]:
    """Create every ticked proposal; return what was created or linked, source first."""
    touched: list[Model] = []
    source = None
    if choices.source is not None:
        if choices.source.existing is not None:
            source = choices.source.existing
        else:
            s = choices.source
            source = Source(
                title=s.title[:500],
                outlet=s.outlet,
                outlet_note=s.outlet_note[:200],
                byline=s.byline[:300],
                url=s.url or None,
                language=s.language or "en",
                editorial_status=DRAFT,
            )
            source.published_on = s.published
            source.full_clean()
            source.save()
        touched.append(source)

    new_people: list[Person] = []
    for choice in choices.new_people:
        person = Person(
            display_name=choice.name[:200],
            sort_name=choice.name[:200],
            slug=_unique_slug(Person, choice.name),
            country=choice.country,
            editorial_status=DRAFT,
        )
        person.full_clean(exclude=["slug"])
        person.save()
        if choice.title:
            Position.objects.create(person=person, title=choice.title[:200])
        new_people.append(person)
        touched.append(person)

    since = source.published_on if source is not None else None
    if since is None and choices.event is not None:
        since = choices.event.start or (
            choices.event.existing.start if choices.event.existing else None
        )
    for choice in choices.people:
        if choice.new_position:
            touched.append(
                _new_position(
                    person=choice.person,
                    title=choice.new_position,
                    organization=choice.position_organization,
                    start=since,
                    user=user,
                )
            )

    event = None
    if choices.event is not None:
        event = choices.event.existing or _new_event(choices.event)
        touched.append(event)
        _cite(EventCitation, source, event=event)
        present = set(event.participations.values_list("person_id", flat=True))
        order = len(present)
        wanted = [(c.person, c.role, c.title) for c in choices.people]
        wanted += [
            (person, c.role, c.title)
            for person, c in zip(new_people, choices.new_people, strict=True)
            if c.participant
        ]
        for person, role, title in wanted:
            if person.pk in present:
                continue
            participation = EventParticipation(
                event=event, person=person, role=role, title=title[:200], order=order
            )
            participation.fill_from_positions()
            participation.save()
            present.add(person.pk)
            order += 1
        for other in choices.other_events:
            extra = other.existing or _new_event(other)
            _cite(EventCitation, source, event=extra)
            touched.append(extra)

    said = (event.start if event else None) or (source.published_on if source else None)
    said = said or FuzzyDate(timezone.localdate())
    for quote in choices.quotes:
        speaker = quote.speaker
        if speaker is None and quote.new_speaker is not None:
            speaker = new_people[quote.new_speaker]
        statement = Statement(
            speaker=speaker,
            speaker_label=quote.speaker_label[:200],
            event=event,
            text=quote.text,
            language=quote.language or "en",
        )
        statement.said = said
        statement.save()
        _cite(StatementCitation, source, statement=statement)
        touched.append(statement)

    for choice in choices.issues:
        if event is not None:
            choice.issue.events.add(event)
        if choice.development:
            development = Development(issue=choice.issue, summary=choice.development, event=event)
            development.happened = said
            development.save()
            _cite(DevelopmentCitation, source, development=development)
            touched.append(development)
    return touched
