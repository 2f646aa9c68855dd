"""Multi-step writes on events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from events.models import Event, EventParticipation
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
