"""Reading side of the change journal: what changed for partners since a cursor or a time.

A page of the feed is two queries:

1. Journal rows after the cursor's row id, oldest first. Each row is judged at the moment it
   stopped being the latest for its object (or now, if it still is): visible → "published" (it
   was hidden before) or "updated"; hidden → a tombstone ("unpublished"/"deleted") if the object
   had ever been visible, else nothing (a never-published draft must not leak its slug).
2. Scheduled publications that took effect by time alone: rows the partner already consumed
   (id ≤ cursor) whose `publish_at` fell in (cursor time, now] and that were not replaced before
   that moment. No job runs at publish time; the clock is read here.

The cursor carries both the last row id and the time the page was computed, so nothing is missed
or reported twice. Rows younger than `CHANGES_SETTLE_SECONDS` wait for the next call: on
PostgreSQL a slow transaction can commit a lower id after a higher one has been read.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from core.pagination import CHANGES_DEFAULT_PAGE_SIZE, CHANGES_MAX_PAGE_SIZE
from sync.models import ChangeLog

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Cursor:
    """Where a partner's mirror stands: journal rows up to `row_id`, judged at `as_of`."""

    row_id: int
    as_of: datetime

    def encode(self) -> str:
        micros = int((self.as_of - _EPOCH) / timedelta(microseconds=1))
        raw = f"1:{self.row_id}:{micros}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> Cursor | None:
        """The cursor in an opaque token, or None when the token is not one of ours."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
            version, row_id, micros = raw.split(":")
            if version != "1":
                return None
            return cls(int(row_id), _EPOCH + timedelta(microseconds=int(micros)))
        except (binascii.Error, UnicodeDecodeError, ValueError, OverflowError):
            return None


def current_cursor() -> Cursor:
    """A cursor for "everything up to now" (handed out with a full export)."""
    last = ChangeLog.objects.order_by("-id").values_list("id", flat=True).first()
    return Cursor(last or 0, timezone.now())


def parse_since(value: str | None) -> Cursor:
    """A cursor from `since`: empty (from the start), a cursor token or an ISO 8601 time."""
    value = (value or "").strip()
    if not value:
        return Cursor(0, _EPOCH)
    message = (
        "Not a cursor or a time. Pass the `cursor` of a previous response, or an ISO 8601 "
        "time such as 2026-01-05T09:00:00Z."
    )
    if "\x00" in value or len(value) > 100:
        raise ValidationError({"since": [message]})
    cursor = Cursor.decode(value)
    if cursor is not None:
        return cursor
    try:
        when = parse_datetime(value)
        if when is None:
            day = parse_date(value)
            when = datetime(day.year, day.month, day.day) if day else None
    except ValueError:
        when = None
    if when is None:
        raise ValidationError({"since": [message]})
    if timezone.is_naive(when):
        when = timezone.make_aware(when, UTC)
    try:
        # PostgreSQL refuses UTC offsets beyond ±15:59, which Python accepts: compare in UTC.
        when = when.astimezone(UTC)
    except OverflowError:
        raise ValidationError({"since": [message]}) from None
    when = min(when, timezone.now())
    last = (
        ChangeLog.objects.filter(at__lte=when).order_by("-id").values_list("id", flat=True).first()
    )
    return Cursor(last or 0, when)


def parse_page_size(value: str | None) -> int:
    if value in (None, ""):
        return CHANGES_DEFAULT_PAGE_SIZE
    if not value.isdigit() or not 1 <= int(value) <= CHANGES_MAX_PAGE_SIZE:
        raise ValidationError({"page_size": [f"A whole number from 1 to {CHANGES_MAX_PAGE_SIZE}."]})
    return int(value)


def settle_seconds() -> float:
    """How long a journal row waits before the feed reports it (settings.CHANGES_SETTLE_SECONDS)."""
    return settings.CHANGES_SETTLE_SECONDS


def _change(row: ChangeLog, action: str, at: datetime) -> dict[str, object]:
    correction = None
    if row.correction is not None and action in ("published", "updated"):
        # Only a visible item's correction is told (a hidden item's never is).
        correction = {"note": row.correction.note, "date": row.correction.published_at}
    return {
        "type": row.object_type,
        "id": row.object_id,
        "slug": row.slug,
        "action": action,
        "at": at,
        "correction": correction,
    }


def _action(row: ChangeLog, when: datetime) -> str | None:
    """What a partner must do with this row, judged at `when`; None: nothing to report."""
    if row.is_public_at(when):
        return "updated" if row.was_visible else "published"
    if row.was_visible or row.ever_public:
        return "deleted" if row.deleted else "unpublished"
    return None


def changes_page(
    cursor: Cursor, page_size: int = CHANGES_DEFAULT_PAGE_SIZE, *, with_rows: bool = False
) -> dict[str, object]:
    """One page of changes after `cursor`: {"results", "cursor", "has_more"} (two queries).

    `with_rows`: each result also carries its journal row as "row" (the webhooks read the feed
    through this function, so a webhook and the feed never disagree)."""
    now = timezone.now()
    results: list[dict[str, object]] = []
    if cursor.row_id and cursor.as_of < now:
        replaced_before = ChangeLog.objects.filter(
            object_type=OuterRef("object_type"),
            object_id=OuterRef("object_id"),
            id__gt=OuterRef("id"),
            at__lt=OuterRef("publish_at"),
        )
        scheduled = (
            ChangeLog.objects.filter(
                id__lte=cursor.row_id,
                state_published=True,
                deleted=False,
                publish_at__gt=cursor.as_of,
                publish_at__lte=now,
            )
            .exclude(Exists(replaced_before))
            .select_related("correction")
            .order_by("publish_at", "id")
        )
        for row in scheduled:
            results.append(_change(row, "published", row.publish_at))
            if with_rows:
                results[-1]["row"] = row

    next_row = ChangeLog.objects.filter(
        object_type=OuterRef("object_type"), object_id=OuterRef("object_id"), id__gt=OuterRef("id")
    ).order_by("id")
    rows = list(
        ChangeLog.objects.filter(
            id__gt=cursor.row_id, at__lte=now - timedelta(seconds=settle_seconds())
        )
        .annotate(replaced_at=Subquery(next_row.values("at")[:1]))
        .select_related("correction")
        .order_by("id")[: page_size + 1]
    )
    has_more = len(rows) > page_size
    rows = rows[:page_size]
    for row in rows:
        when = min(now, row.replaced_at) if row.replaced_at else now
        action = _action(row, when)
        if action is not None:
            results.append(_change(row, action, row.at))
            if with_rows:
                results[-1]["row"] = row
    last_id = rows[-1].id if rows else cursor.row_id
    return {
        "results": results,
        "cursor": Cursor(last_id, now).encode(),
        "has_more": has_more,
        "next_cursor": Cursor(last_id, now),
    }
