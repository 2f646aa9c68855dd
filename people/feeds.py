"""RSS/Atom feeds and an iCalendar view of each person's events and statements.

Everything starts from `.published()`; item counts are capped so each feed costs the same few
queries however large the database grows.
"""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.web.feeds import (
    CALENDAR_EVENTS,
    FEED_ITEMS,
    FeedItemMixin,
    latest_published,
    newest_first,
)
from events.calendar import calendar_response
from events.models import Event, Statement

from .models import Person


class PersonFeed(FeedItemMixin):
    """RSS: a person's latest events and statements."""

    def get_object(self, request: HttpRequest, slug: str) -> Person:
        return get_object_or_404(Person.objects.published(), slug=slug)

    def title(self, obj: Person) -> str:
        return _("%(name)s — Relations Tracker") % {"name": str(obj)}

    def link(self, obj: Person) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Person) -> str:
        return _("Events %(name)s took part in and statements they made.") % {
            "name": obj.display_name
        }

    def items(self, obj: Person) -> list[Any]:
        events = latest_published(Event.objects.filter(participations__person=obj))
        statements = list(
            Statement.objects.published()
            .filter(speaker=obj)
            .select_related("speaker", "event")
            .order_by("-updated_at", "-pk")[:FEED_ITEMS]
        )
        return newest_first(events, statements)


class PersonRssFeed(PersonFeed, Feed):
    def description(self, obj: Person) -> str:
        # Readers render an RSS channel's description as HTML; names are plain text.
        return escape(super().description(obj))


class PersonAtomFeed(PersonFeed, Feed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Person) -> str:
        return self.description(obj)


def person_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """The events a published person took part in, as iCalendar."""
    person = get_object_or_404(Person.objects.published(), slug=slug)
    events = (
        Event.objects.published()
        .filter(participations__person=person)
        .order_by("-start_date", "title")[:CALENDAR_EVENTS]
    )
    name = _("Relations Tracker: %(name)s") % {"name": person.display_name}
    return calendar_response(events, name=name, filename=person.slug)
