"""Multi-step writes on events, and the look-ups of likely duplicates (admin warnings, intake)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from core.dates import FuzzyDate
from core.text import normalize_name, normalize_url
from events.models import Event, EventParticipation, Source, Statement, StatementCitation
from people.models import Position


@dataclass(frozen=True)
class TitleChange:
    """A participant's derived title before and after it followed the event's date."""

    participation: EventParticipation
    old: str
    new: str


def event_rederive_titles(*, event: Event, user: Any = None) -> list[TitleChange]:
    """Re-derive the derived titles of `event`'s participants for its date, as `user`.

    The one write path of derived titles after an event's date changes: the admin and the demo
    loader call it once the event is saved. Titles an editor typed are left alone. Returns the
    titles that changed, to tell the editor.
    """
    rows = (
        EventParticipation.objects.filter(event=event, title_derived=True)
        .select_related("person")
        .prefetch_related(Prefetch("person__positions", queryset=Position.objects.all()))
        .order_by("side", "order", "id")
    )
    changes = []
    with transaction.atomic():
        for row in rows:
            row.event = event
            new = row.derived_title()
            if new == row.title:
                continue
            changes.append(TitleChange(participation=row, old=row.title, new=new))
            row.title = new
            row._history_user = user
            row.save(update_fields=["title"])
    return changes


def statement_sources_change(
    *, statement: Statement, add: Iterable[int], remove: Iterable[int], user: Any = None
) -> None:
    """Cite the sources `add` for `statement` and stop citing `remove` (its citation rows).

    A source already cited is not cited twice; a citation already gone is not an error, so two
    editors changing one statement's sources each keep what the other did.
    """
    with transaction.atomic():
        cited = set(
            StatementCitation.objects.filter(statement=statement).values_list(
                "source_id", flat=True
            )
        )
        for source_id in add:
            if source_id not in cited:
                citation = StatementCitation(statement=statement, source_id=source_id)
                citation._history_user = user
                citation.full_clean()
                citation.save()
        for citation in StatementCitation.objects.filter(statement=statement, source_id__in=remove):
            citation._history_user = user
            citation.delete()


def events_like(
    start: FuzzyDate, person_ids: Iterable[int], *, exclude_pk: int | None = None
) -> list[tuple[Event, list[str]]]:
    """Events overlapping `start`'s period that share a participant, with the shared names."""
    wanted = {int(pk) for pk in person_ids if pk}
    if not wanted:
        return []
    queryset = (
        Event.objects.overlapping(start.first, start.last)
        .filter(participations__person_id__in=wanted)
        .distinct()
        .prefetch_related("participations__person")
    )
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    result = []
    for event in queryset[:10]:
        shared = [
            p.person.display_name for p in event.participations.all() if p.person_id in wanted
        ]
        result.append((event, shared))
    return result


def sources_like(
    *, url: str = "", title: str = "", published: FuzzyDate | None = None, exclude_pk=None
) -> list[tuple[Source, str]]:
    """Sources with the same page address (normalized) or the same headline and date."""
    found: dict[int, tuple[Source, str]] = {}
    key = normalize_url(url)
    if key:
        host = key.split("/", 1)[0].split("?", 1)[0]
        candidates = Source.objects.filter(url__icontains=host.split(":")[0])
        for source in candidates[:500]:
            if source.pk != exclude_pk and normalize_url(source.url or "") == key:
                found[source.pk] = (source, "url")
    headline = normalize_name(title)
    if headline and published is not None:
        candidates = Source.objects.filter(
            published_on_date__gte=published.first, published_on_date__lte=published.last
        )
        for source in candidates[:500]:
            if source.pk != exclude_pk and normalize_name(source.title) == headline:
                found.setdefault(source.pk, (source, "headline"))
    return list(found.values())
