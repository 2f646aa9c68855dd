"""iCalendar views for events: the timeline's calendar and each event's.

Everything starts from `.published()`; the timeline's calendar is capped at CALENDAR_EVENTS.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.web.feeds import CALENDAR_EVENTS

from .calendar import calendar_response
from .filters import EventFilter
from .models import Event


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
