"""iCalendar views for events: the timeline's calendar and each event's.

Everything starts from `.published()`. The timeline's calendar is a window around today,
TIMELINE_CALENDAR_EVENTS events at any size of the archive; the whole history is the API's
paged calendar (`/api/v1/events/?format=ics`), linked from the response's `Link` header.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from core.pagination import API_MAX_PAGE_SIZE
from core.web.feeds import TIMELINE_CALENDAR_EVENTS

from .calendar import around_today, calendar_response
from .filters import EventFilter
from .models import Event


def event_calendar(request: HttpRequest) -> HttpResponse:
    """Published events around today as iCalendar, narrowed by the same query string as /events/.

    Bounded (TIMELINE_CALENDAR_EVENTS: the next and the latest past events), so it costs the
    same at 1,000 events as at 100,000; the `Link` header names the API's paged calendar of
    the same filter, which holds every event.
    """
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
    events = around_today(filterset.qs, limit=TIMELINE_CALENDAR_EVENTS)
    name = _("Relations Tracker: events")
    if request.GET:
        name = _("Relations Tracker: filtered events")
    response = calendar_response(events, name=name, filename="events")
    query = request.GET.copy()
    query["format"], query["page_size"] = "ics", str(API_MAX_PAGE_SIZE)
    history = reverse("api:event-list") + "?" + query.urlencode()
    response["Link"] = f'<{history}>; rel="alternate"; type="text/calendar"; title="all events"'
    return response


def single_event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """One published event as iCalendar, to add it to a calendar app."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    return calendar_response([event], name=event.title, filename=event.slug)
