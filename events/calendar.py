"""iCalendar (RFC 5545) export of events, shared by the public .ics views and the API's ?format=ics.

Events carry dates, never times, so every VEVENT is all-day: DTSTART is the first day of the
period and DTEND the day after its last day (DTEND is exclusive). An event known only to a month,
quarter or year therefore spans the whole period, and its SUMMARY and DESCRIPTION say so — a
calendar must not pass "January–March 2026" off as 1 January.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import icalendar
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.dates import Precision

from .models import Event, EventKind, EventStatus

PRODID = "-//Relations Tracker//Events//EN"

# RFC 5545 knows only three event statuses. A postponed or merely expected event is not yet
# fixed, so it is TENTATIVE; the DESCRIPTION carries the exact status.
ICAL_STATUS = {
    EventStatus.PLANNED: "CONFIRMED",
    EventStatus.HELD: "CONFIRMED",
    EventStatus.EXPECTED: "TENTATIVE",
    EventStatus.UNCONFIRMED: "TENTATIVE",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}

# Least precise first: a range is only as precise as its vaguest end.
_PRECISION_ORDER = [Precision.YEAR, Precision.QUARTER, Precision.MONTH, Precision.DAY]


def event_uid(event: Event) -> str:
    """A UID that stays the same across exports, so calendar apps update rather than duplicate."""
    return f"event-{event.pk}@relations-tracker"


def event_precision(event: Event) -> str:
    """The coarsest precision among the event's start and end."""
    precisions = [event.start_precision]
    if event.end_date:
        precisions.append(event.end_precision)
    return min(precisions, key=_PRECISION_ORDER.index)


def precision_note(event: Event) -> str:
    """ "date known only to the quarter: January–March 2026", or "" for day-precise events."""
    precision = event_precision(event)
    period = event.date_display
    if precision == Precision.MONTH:
        return _("date known only to the month: %(period)s") % {"period": period}
    if precision == Precision.QUARTER:
        return _("date known only to the quarter: %(period)s") % {"period": period}
    if precision == Precision.YEAR:
        return _("date known only to the year: %(period)s") % {"period": period}
    return ""


def event_location(event: Event) -> str:
    parts = [event.venue, event.city, str(event.country.name) if event.country else ""]
    return ", ".join(part for part in parts if part)


def event_url(event: Event) -> str:
    return settings.SITE_URL.rstrip("/") + event.get_absolute_url()


def _labels() -> tuple[dict[str, str], dict[str, str]]:
    """Kind and status labels in the active language, looked up once per calendar.

    `get_FOO_display()` rebuilds a dict of every (lazily translated) choice on each call: a
    quarter of a 1,000-event calendar's time went there.
    """
    return (
        {value: str(label) for value, label in EventKind.choices},
        {value: str(label) for value, label in EventStatus.choices},
    )


def build_vevent(
    event: Event, labels: tuple[dict[str, str], dict[str, str]] | None = None
) -> icalendar.Event:
    """One all-day VEVENT covering every day the event may fall on."""
    kinds, statuses = labels or _labels()
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    note = precision_note(event)
    vevent.add("summary", f"{event.title} ({note})" if note else event.title)
    vevent.add("dtstart", event.start_date)
    # last_date is the last day covered at the event's precision; DTEND is exclusive.
    vevent.add("dtend", event.last_date + timedelta(days=1))
    vevent.add("dtstamp", event.updated_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("sequence", event.version)
    vevent.add("status", ICAL_STATUS.get(event.status, "TENTATIVE"))
    # A period-long block would mark a subscriber busy for a month or a quarter (Outlook does):
    # only a day-precise event may be busy time.
    vevent.add("transp", "OPAQUE" if event_precision(event) == Precision.DAY else "TRANSPARENT")
    vevent.add("url", event_url(event))
    vevent.add("categories", [kinds.get(event.kind, event.kind)])
    location = event_location(event)
    if location:
        vevent.add("location", location)
    description = []
    if note:
        description.append(note[:1].upper() + note[1:] + ".")
    status = statuses.get(event.status, event.status)
    description.append(_("Status: %(status)s.") % {"status": status})
    if event.summary:
        description.append(event.summary)
    description.append(event_url(event))
    vevent.add("description", "\n\n".join(description))
    return vevent


def build_calendar(events: Iterable[Event], *, name: str) -> bytes:
    """An iCalendar document of `events` (the caller passes only published ones)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # An X- property is not typed as TEXT by icalendar: wrap it, so commas, semicolons and line
    # breaks in a name are escaped instead of breaking (or injecting) content lines.
    cal.add("x-wr-calname", icalendar.vText(name))
    labels = _labels()
    for event in events:
        cal.add_component(build_vevent(event, labels))
    if not cal.subcomponents:
        # RFC 5545 3.4: a calendar holds at least one component, even an empty filter's.
        cal.add_component(icalendar.Timezone.from_tzid(settings.TIME_ZONE))
    return cal.to_ical()


def around_today(queryset: QuerySet[Event], *, limit: int) -> list[Event]:
    """The `limit` events nearest today: the next ones (at least half, when there are that
    many) and the latest past ones, newest first. Two indexed queries, each reading at most
    `limit` rows, at any size of `queryset`.
    """
    today = timezone.localdate()
    upcoming = list(queryset.filter(start_date__gte=today).order_by("start_date", "pk")[:limit])
    past = list(queryset.filter(start_date__lt=today).order_by("-start_date", "-pk")[:limit])
    ahead = min(len(upcoming), max(limit // 2, limit - len(past)))
    chosen = upcoming[:ahead] + past[: limit - ahead]
    chosen.sort(key=lambda event: event.title)
    chosen.sort(key=lambda event: event.start_date, reverse=True)
    return chosen


def calendar_response(events: Iterable[Event], *, name: str, filename: str = "") -> HttpResponse:
    """An HTTP response carrying the calendar, offered as `<filename>.ics` for download."""
    response = HttpResponse(
        build_calendar(events, name=name), content_type="text/calendar; charset=utf-8"
    )
    filename = slugify(filename or name) or "events"
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response
