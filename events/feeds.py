"""iCalendar views for events, and the item formatting every feed shares.

Everything starts from `.published()`; item counts are capped so each feed costs the same few
queries however large the database grows.
"""

from __future__ import annotations

import heapq
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.html import escape
from django.utils.translation import gettext as _

from .calendar import calendar_response
from .filters import EventFilter
from .models import Event, Statement

FEED_ITEMS = 30
FEED_AUTHOR = "Relations Tracker"
# A calendar app re-downloads the whole file on every refresh; older events past this many are
# still on the site and in the API.
CALENDAR_EVENTS = 1000


def newest_first(*item_lists: list[Any], limit: int = FEED_ITEMS) -> list[Any]:
    """Merge lists of items (events, developments, statements) by when they last changed."""
    merged = heapq.merge(*item_lists, key=lambda item: item.updated_at, reverse=True)
    return list(merged)[:limit]


def latest_events(queryset: Any = None, limit: int = FEED_ITEMS) -> list[Event]:
    """The most recently changed published events, newest first."""
    queryset = Event.objects.all() if queryset is None else queryset
    return list(queryset.published().order_by("-updated_at", "-pk")[:limit])


class ItemMixin:
    """Titles, descriptions and dates for the three kinds of item a feed may carry."""

    # RFC 4287 4.1.1: an Atom feed names its author; the entries name theirs too, so each one
    # stands alone when a reader quotes it. Editors write for the site, not under their names.
    author_name = FEED_AUTHOR

    def item_author_name(self, item: Any) -> str:
        return FEED_AUTHOR

    def item_title(self, item: Any) -> str:
        if isinstance(item, Event):
            return item.title
        if isinstance(item, Statement):
            return _("%(speaker)s, %(date)s") % {
                "speaker": item.speaker.display_name,
                "date": item.said.display(),
            }
        # issues.Development (events may not import issues; duck-typed).
        return _("%(issue)s: %(date)s") % {
            "issue": item.issue.title,
            "date": item.happened.display(),
        }

    def item_description(self, item: Any) -> str:
        # RSS <description> and Atom <summary type="html"> are HTML to a reader, while editors'
        # summaries and quotes are plain text (the site escapes them): escape them here too, so
        # the feed says what the page says and never runs an editor's markup.
        return escape(self.item_text(item))

    def item_text(self, item: Any) -> str:
        if isinstance(item, Event):
            facts = [item.date_display, item.get_status_display()]
            country = str(item.country.name) if item.country else ""
            place = ", ".join(part for part in [item.city, country] if part)
            if place:
                facts.append(place)
            return " · ".join(facts) + (f" — {item.summary}" if item.summary else "")
        if isinstance(item, Statement):
            return f"“{item.text}”"
        status = f" ({item.get_status_after_display()})" if item.status_after else ""
        return f"{item.summary}{status}"

    def item_pubdate(self, item: Any) -> datetime:
        # When the item became public: its scheduled publish time if it had one.
        return getattr(item, "publish_at", None) or item.created_at

    def item_updateddate(self, item: Any) -> datetime:
        return item.updated_at

    def item_categories(self, item: Any) -> list[str]:
        if isinstance(item, Event):
            return [str(item.get_kind_display())]
        return []


def event_calendar(request: HttpRequest) -> HttpResponse:
    """All published events as iCalendar, narrowed by the same query string as /events/."""
    filterset = EventFilter(request.GET, queryset=Event.objects.published(), request=request)
    if not filterset.is_valid():
        lines = [
            f"{field}: {' '.join(str(m) for m in messages)}"
            for field, messages in filterset.errors.items()
        ]
        return HttpResponseBadRequest(
            "\n".join([_("Invalid filter:"), *lines]) + "\n",
            content_type="text/plain; charset=utf-8",
        )
    events = filterset.qs.order_by("-start_date", "title")[:CALENDAR_EVENTS]
    name = _("Relations Tracker: events")
    if request.GET:
        name = _("Relations Tracker: filtered events")
    return calendar_response(events, name=name, filename="events")


def single_event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """One published event as iCalendar, to add it to a calendar app."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    return calendar_response([event], name=event.title, filename=event.slug)
