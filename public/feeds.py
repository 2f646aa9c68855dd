"""The site-wide RSS/Atom feed: the latest events and issue developments across the site.

Items are capped, so the feed costs the same few queries at any size.
"""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from events.feeds import ItemMixin, latest_events, newest_first
from issues.feeds import latest_developments


class LatestFeed(ItemMixin):
    """RSS: the latest events and issue developments across the site."""

    def title(self) -> str:
        return _("Relations Tracker: latest events and developments")

    def link(self) -> str:
        return reverse("public:home")

    def description(self) -> str:
        return _("New and updated events, and how each issue developed.")

    def items(self) -> list[Any]:
        return newest_first(latest_events(), latest_developments())


class LatestRssFeed(LatestFeed, Feed):
    pass


class LatestAtomFeed(LatestFeed, Feed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()
