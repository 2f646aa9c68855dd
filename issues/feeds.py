"""RSS/Atom feeds of each issue's developments and events, and issue calendars.

Items are capped, so each feed costs the same few queries at any size.
"""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.web.feeds import CALENDAR_EVENTS, FeedItemMixin, latest_published, newest_first
from events.calendar import calendar_response
from events.models import Event

from .models import Development, Issue


class IssueFeed(FeedItemMixin):
    """RSS: one issue's developments and the events where it was discussed."""

    def get_object(self, request: HttpRequest, slug: str) -> Issue:
        return get_object_or_404(Issue.objects.published(), slug=slug)

    def title(self, obj: Issue) -> str:
        return _("%(issue)s — Relations Tracker") % {"issue": obj.title}

    def link(self, obj: Issue) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Issue) -> str:
        return obj.summary or _("Developments and events on %(issue)s.") % {"issue": obj.title}

    def items(self, obj: Issue) -> list[Any]:
        events = latest_published(Event.objects.filter(issues=obj))
        developments = latest_published(
            Development.objects.filter(issue=obj).select_related("issue")
        )
        return newest_first(events, developments)


class IssueRssFeed(IssueFeed, Feed):
    def description(self, obj: Issue) -> str:
        # Readers render an RSS channel's description as HTML; the summary is plain text.
        return escape(super().description(obj))


class IssueAtomFeed(IssueFeed, Feed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Issue) -> str:
        return self.description(obj)


def issue_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """The published events where a published issue was discussed, as iCalendar."""
    issue = get_object_or_404(Issue.objects.published(), slug=slug)
    events = Event.objects.published().filter(issues=issue).order_by("-start_date", "title")
    name = _("Relations Tracker: %(issue)s") % {"issue": issue.title}
    return calendar_response(events[:CALENDAR_EVENTS], name=name, filename=issue.slug)
