"""The site-wide RSS/Atom feed: the latest events and issue developments across the site.

Items are capped, so the feed costs the same few queries at any size.
"""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from core.web.feeds import FeedItemMixin, latest_published, newest_first
from events.models import Event
from issues.models import Development


class LatestFeed(FeedItemMixin):
    """RSS: the latest events and issue developments across the site."""

    def title(self) -> str:
        return _("Relations Tracker: latest events and developments")

    def link(self) -> str:
        return reverse("public:home")

    def description(self) -> str:
        return _("New and updated events, and how each issue developed.")

    def items(self) -> list[Any]:
        return newest_first(
            latest_published(Event.objects.all()),
            latest_published(Development.objects.select_related("issue")),
        )


class LatestRssFeed(LatestFeed, Feed):
    pass


class LatestAtomFeed(LatestFeed, Feed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()
