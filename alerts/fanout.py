"""From the change journal to each follower's waiting items.

Driven by `sync.changes.changes_page`, the feed partners mirror from, with a cursor of our own
(`JournalCursor`): what it reports as published or updated is what the public could see, judged as
partners' mirrors judge it (drafts never, scheduled items once their time has come). Each item is
matched to the active follows it concerns and stored as a `PendingItem`; whether it is still
public is judged again when the mail is sent (`alerts.mail`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.http import QueryDict
from django.utils import timezone

from alerts.models import Follow, FollowKind, Frequency, JournalCursor, PendingItem
from alerts.services import JOURNAL_CURSOR
from events.filters import EventFilter
from events.models import Event, EventParticipation
from issues.models import Issue
from sync.changes import Cursor, changes_page

JOURNAL_PAGE_SIZE = 500
FOLLOWED_TYPES = ("event", "issue", "person", "source")


def read_journal() -> list[int]:
    """Read the journal since our cursor; store each follower's items. Returns the ids of the
    subscribers with urgent items (to be mailed now).

    One run at a time (the task holds a lock). Reading and matching happen outside any
    transaction; each page's items and the cursor past it are written together in a short one,
    so editors' saves never wait for a fan-out (SQLite has one writer at a time).
    """
    state = JournalCursor.objects.filter(name=JOURNAL_CURSOR).first()
    if state is None:  # nobody has confirmed a follow yet
        return []
    cursor = Cursor.decode(state.token) or Cursor(0, timezone.now())
    urgent: set[int] = set()
    while True:
        page = changes_page(cursor, JOURNAL_PAGE_SIZE)
        items = fan_out(page["results"])
        with transaction.atomic():
            PendingItem.objects.bulk_create(items, batch_size=1000)
            JournalCursor.objects.filter(pk=state.pk).update(
                token=page["cursor"], updated_at=timezone.now()
            )
        urgent |= {item.subscriber_id for item in items if item.urgent}
        cursor = Cursor.decode(page["cursor"]) or cursor
        if not page["has_more"]:
            break
    return sorted(urgent)


def _relevant(change: dict[str, Any]) -> bool:
    return change["type"] in FOLLOWED_TYPES and change["action"] in ("published", "updated")


def fan_out(changes: list[dict[str, Any]]) -> list[PendingItem]:
    """One `PendingItem` (unsaved) per follower of each change."""
    changes = [c for c in changes if _relevant(c)]
    if not changes:
        return []
    follows = list(Follow.objects.active().select_related("subscriber"))
    if not follows:
        return []
    by_kind: dict[str, list[Follow]] = defaultdict(list)
    for follow in follows:
        by_kind[follow.kind].append(follow)
    event_ids = [c["id"] for c in changes if c["type"] == "event"]
    events = _events(event_ids)
    searches = _search_matches(by_kind[FollowKind.SEARCH], list(events))
    pending: dict[tuple[int, str, int, str], PendingItem] = {}
    for change in changes:
        corrected = change.get("correction")
        told = change["action"] == "published" or corrected is not None
        followers: list[Follow] = []
        if change["type"] == "event":
            event = events.get(change["id"])
            if event is None or not told:
                continue
            followers += by_kind[FollowKind.ALL]
            followers += [f for f in by_kind[FollowKind.ISSUE] if f.issue_id in event.issue_ids]
            followers += [f for f in by_kind[FollowKind.PERSON] if f.person_id in event.person_ids]
            followers += [
                f for f in by_kind[FollowKind.SERIES] if f.series_id == event.public_series_id
            ]
            followers += [f for f in by_kind[FollowKind.SEARCH] if event.pk in searches[f.query]]
        elif change["type"] == "issue":
            followers += [f for f in by_kind[FollowKind.ISSUE] if f.issue_id == change["id"]]
            followers += by_kind[FollowKind.ALL] if told else []
        elif change["type"] == "person":
            followers += [f for f in by_kind[FollowKind.PERSON] if f.person_id == change["id"]]
            followers += by_kind[FollowKind.ALL] if told else []
        elif corrected is not None:  # a source: its correction goes to those following all
            followers += by_kind[FollowKind.ALL]
        for follow in followers:
            subscriber = follow.subscriber
            note = corrected["note"] if corrected else ""
            key = (subscriber.pk, change["type"], change["id"], note)
            pending.setdefault(
                key,
                PendingItem(
                    subscriber=subscriber,
                    object_type=change["type"],
                    object_id=change["id"],
                    action="corrected" if corrected else change["action"],
                    correction_note=note,
                    correction_date=corrected["date"] if corrected else None,
                    urgent=corrected is not None or subscriber.frequency == Frequency.IMMEDIATE,
                    at=change["at"],
                ),
            )
    return list(pending.values())


def _events(ids: list[int]) -> dict[int, Event]:
    """The public events among `ids`, with their public issues', participants' and series' ids."""
    if not ids:
        return {}
    events = (
        Event.objects.published()
        .filter(pk__in=ids)
        .with_series()
        .prefetch_related(
            Prefetch(
                "issues", queryset=Issue.objects.published().only("pk"), to_attr="public_issues"
            ),
            Prefetch(
                "participations",
                queryset=EventParticipation.objects.published().only("event_id", "person_id"),
                to_attr="public_participations",
            ),
        )
    )
    found = {}
    for event in events:
        event.issue_ids = {issue.pk for issue in event.public_issues}
        event.person_ids = {p.person_id for p in event.public_participations}
        # A hidden series is followed by no one for now: its followers are not told.
        event.public_series_id = event.series.pk if event.series_id and event.series else None
        found[event.pk] = event
    return found


def _search_matches(follows: list[Follow], events: list[int]) -> dict[str, set[int]]:
    """For each followed search, which of these events it matches (one query per search)."""
    matches: dict[str, set[int]] = defaultdict(set)
    if not events:
        return matches
    for query in {f.query for f in follows}:
        filterset = EventFilter(QueryDict(query), queryset=Event.objects.published())
        if filterset.is_valid():
            matches[query] = set(filterset.qs.filter(pk__in=events).values_list("pk", flat=True))
    return matches
