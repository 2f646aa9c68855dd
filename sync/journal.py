"""The change journal behind `/api/v1/changes/`: which synced object changed, and its new state.

Writing side. Receivers in `sync.signals` call `journal_record()` after every save or delete of a
synced type, and `journal_record_parent()` after a change to something a partner mirrors inside a
parent (a participation inside its event, a stance inside its issue). `sync` sits above every
domain app, so it names their models directly.

A row records the object's visibility *state* (editorial status published? publish-at?), not
whether it was visible; the feed (`sync.changes`) reads it against the clock. Drafts that were
never visible write nothing: their slugs could leak unpublished work.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

from core.editorial import EditorialStatus
from events.models import (
    Event,
    EventCitation,
    EventParticipation,
    EventSeries,
    Source,
    Statement,
    StatementCitation,
)
from issues.models import Development, DevelopmentCitation, Issue, Stance, StanceCitation
from people.models import Organization, Person, PersonIdentifier, PersonName, Position
from review.models import Correction
from sync.models import ChangeLog

# Synced model → public type name in the feed.
SYNCED_TYPES: dict[type[models.Model], str] = {
    Organization: "organization",
    Person: "person",
    Source: "source",
    Event: "event",
    Statement: "statement",
    Issue: "issue",
}

# Child model → attribute paths to the synced parent(s) a partner mirrors it inside.
CHILD_PARENTS: dict[type[models.Model], tuple[str, ...]] = {
    PersonName: ("person",),
    PersonIdentifier: ("person",),
    Position: ("person",),
    EventParticipation: ("event", "person"),
    EventCitation: ("event",),
    StatementCitation: ("statement",),
    Stance: ("issue",),
    Development: ("issue",),
    StanceCitation: ("stance.issue",),
    DevelopmentCitation: ("development.issue",),
    # Not synced on its own: its name and slug are shown inside every event of the series.
    EventSeries: ("events",),
}

# When a synced object's visibility changes, these related objects' public content changes too
# (a statement is visible only with its speaker and event; an event lists published participants;
# an issue's timeline hides developments at unpublished events; a person's positions, an issue's
# stances, a source's outlet and a parent show only while the organization or event is
# published). Reverse accessor names.
DEPENDENTS: dict[type[models.Model], tuple[str, ...]] = {
    Organization: ("positions__person", "stances__issue", "sources", "children"),
    Person: ("statements", "events", "authored_sources"),
    Event: ("statements", "issues", "developments__issue", "children"),
    Source: ("events", "statements", "stances__issue", "developments__issue"),
    Issue: ("events", "related_issues"),
}


@dataclass(frozen=True)
class State:
    """What decides an object's visibility: published status and the time it takes effect."""

    slug: str
    published: bool
    publish_at: datetime | None
    deleted: bool = False

    def is_public_at(self, when: datetime) -> bool:
        return (
            not self.deleted
            and self.published
            and (self.publish_at is None or self.publish_at <= when)
        )

    def is_scheduled_at(self, when: datetime) -> bool:
        return (
            not self.deleted
            and self.published
            and self.publish_at is not None
            and (self.publish_at > when)
        )


def synced_type(model: type[models.Model]) -> str | None:
    """The feed's type name for a model, or None when the model is not synced."""
    return SYNCED_TYPES.get(model)


def synced_models() -> dict[str, type[models.Model]]:
    """Feed type name → model class."""
    return {name: model for model, name in SYNCED_TYPES.items()}


def _combine(states: Iterable[tuple[bool, datetime | None]]) -> tuple[bool, datetime | None]:
    """Visible only when every part is: all published, from the latest publish-at on."""
    published, publish_at = True, None
    for part_published, part_publish_at in states:
        published = published and part_published
        if part_publish_at is not None and (publish_at is None or part_publish_at > publish_at):
            publish_at = part_publish_at
    return published, publish_at


def _editorial(obj: models.Model) -> tuple[bool, datetime | None]:
    return obj.editorial_status == EditorialStatus.PUBLISHED, obj.publish_at


def object_state(instance: models.Model, *, deleted: bool = False) -> State:
    """The visibility state of a synced object as it is now."""
    if synced_type(type(instance)) == "statement":
        # Mirrors StatementQuerySet.published(): the speaker and the event (if any) both visible.
        parts = [_editorial(instance.speaker)]
        if instance.event_id:
            parts.append(_editorial(instance.event))
        published, publish_at = _combine(parts)
    else:
        published, publish_at = _editorial(instance)
    return State(getattr(instance, "slug", "") or "", published, publish_at, deleted)


def _same(row: ChangeLog, state: State) -> bool:
    return (row.slug, row.state_published, row.publish_at, row.deleted) == (
        state.slug,
        state.published,
        state.publish_at,
        state.deleted,
    )


# Journal rows written by the current thread's open transaction (and request): no reader can have
# seen them yet, so a correction may mark one of them in place (journal_record_correction).
# Forgotten on commit, and when a request starts (tests run every request inside one transaction).
_unread = threading.local()


def forget_unread(**kwargs: object) -> None:
    _unread.ids = None


def _remember_unread(row_id: int) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        return  # committed at once: readable from now on
    ids = getattr(_unread, "ids", None)
    if ids is None:
        ids = _unread.ids = set()
        connection.on_commit(forget_unread, robust=True)
    ids.add(row_id)


def _unread_by_anyone(row: ChangeLog) -> bool:
    return row.pk in (getattr(_unread, "ids", None) or ())


def journal_record(instance: models.Model, *, deleted: bool = False, _depth: int = 0) -> None:
    """Write a journal row for a synced object that was saved or deleted (skips invisible noise)."""
    object_type = synced_type(type(instance))
    if object_type is None or instance.pk is None:
        return
    now = timezone.now()
    state = object_state(instance, deleted=deleted)
    previous = (
        ChangeLog.objects.filter(object_type=object_type, object_id=instance.pk)
        .order_by("-id")
        .first()
    )
    was_visible = previous is not None and previous.is_public_at(now)
    ever_public = was_visible or (previous is not None and previous.ever_public)
    visible = state.is_public_at(now)
    if not visible and not state.is_scheduled_at(now) and not ever_public:
        return  # never visible and not about to be: nothing a partner may know
    if not visible and previous is not None and _same(previous, state):
        return  # the same hidden state again
    row = ChangeLog.objects.create(
        object_type=object_type,
        object_id=instance.pk,
        slug=state.slug,
        at=now,
        deleted=state.deleted,
        state_published=state.published,
        publish_at=state.publish_at,
        was_visible=was_visible,
        ever_public=ever_public,
    )
    _remember_unread(row.pk)
    visibility_changed = previous is None or (
        previous.state_published,
        previous.publish_at,
        previous.deleted,
    ) != (state.published, state.publish_at, state.deleted)
    # A deleted object's relations are gone by now; sync.signals saved its dependents beforehand.
    if visibility_changed and not deleted and _depth == 0:
        for related in dependents(instance):
            journal_record(related, _depth=_depth + 1)


def dependents(instance: models.Model) -> list[models.Model]:
    """Synced objects whose public content follows this object's visibility."""
    found: list[models.Model] = []
    for path in DEPENDENTS.get(type(instance), ()):
        accessor, _, through = path.partition("__")
        related = getattr(instance, accessor, None)
        if related is None:
            continue
        if through:
            model = related.model._meta.get_field(through).related_model
            found.extend(model.objects.filter(pk__in=related.values(through)).distinct())
        else:
            found.extend(related.all())
    return found


def resolve_path(instance: models.Model, path: str) -> list[models.Model]:
    """Follow "stance.issue" (or a to-many "events") from a child to its parents."""
    obj: object = instance
    for attr in path.split("."):
        try:
            obj = getattr(obj, attr)
        except models.ObjectDoesNotExist:
            return []
        if obj is None:
            return []
    if isinstance(obj, models.Manager):
        return list(obj.all()) if instance.pk is not None else []
    return [obj]  # type: ignore[list-item]


def journal_record_parent(instance: models.Model) -> None:
    """A child changed: record its synced parents as updated, so mirrors refresh them."""
    for path in CHILD_PARENTS.get(type(instance), ()):
        for parent in resolve_path(instance, path):
            journal_record(parent)


def journal_bulk_published(instances: Iterable[models.Model]) -> int:
    """Journal rows for objects created with `bulk_create` (which sends no signals)."""
    now = timezone.now()
    rows = []
    for instance in instances:
        object_type = synced_type(type(instance))
        state = object_state(instance)
        if object_type is None or not (state.is_public_at(now) or state.is_scheduled_at(now)):
            continue
        rows.append(
            ChangeLog(
                object_type=object_type,
                object_id=instance.pk,
                slug=state.slug,
                at=now,
                state_published=state.published,
                publish_at=state.publish_at,
            )
        )
    ChangeLog.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def journal_record_correction(correction: Correction) -> None:
    """A correction was made public: mark the item's latest journal row with it, so the feed,
    webhooks and alerts tell it. In place only when that row was written by this same transaction
    (the change being corrected, not yet readable by anyone); a new row when it already carries a
    correction or was committed before, since readers past it would never see the mark. A hidden
    item's correction marks nothing."""
    if correction.published_at is None or ChangeLog.objects.filter(correction=correction).exists():
        return
    model = correction.content_type.model_class()
    object_type = synced_type(model) if model is not None else None
    if object_type is None:
        return
    latest = (
        ChangeLog.objects.filter(object_type=object_type, object_id=correction.object_id)
        .order_by("-id")
        .first()
    )
    if latest is None or latest.deleted or not latest.state_published:
        return
    if latest.correction_id is None and _unread_by_anyone(latest):
        latest.correction = correction
        latest.save(update_fields=["correction"])
        return
    now = timezone.now()
    ChangeLog.objects.create(
        object_type=object_type,
        object_id=correction.object_id,
        slug=latest.slug,
        at=now,
        state_published=latest.state_published,
        publish_at=latest.publish_at,
        was_visible=latest.is_public_at(now),
        ever_public=latest.ever_public or latest.is_public_at(now),
        correction=correction,
    )
