"""What every RSS/Atom feed of the site shares: item caps, merging, and how an item reads.

A feed item names itself: its model has `feed_title()` and `feed_text()` (and may have
`feed_categories()`), so one mixin serves events, statements and developments without `core`
knowing any of them. Item counts are capped, so each feed costs the same few queries at any size.
"""

from __future__ import annotations

import heapq
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.html import escape

FEED_ITEMS = 30
FEED_AUTHOR = "Relations Tracker"
# A calendar app re-downloads the whole file on every refresh; older events past this many are
# still on the site and in the API.
CALENDAR_EVENTS = 1000
# The timeline's calendar (all events, or a filter of them) is the window around today a
# subscriber needs: the next events and the latest past ones, this many in all, whatever the
# size of the archive. The whole history is in the API, page by page (`?format=ics`).
TIMELINE_CALENDAR_EVENTS = 200


def newest_first(*item_lists: list[Any], limit: int = FEED_ITEMS) -> list[Any]:
    """Merge lists of items (events, developments, statements) by when they last changed."""
    merged = heapq.merge(*item_lists, key=lambda item: item.updated_at, reverse=True)
    return list(merged)[:limit]


def latest_published(queryset: QuerySet, limit: int = FEED_ITEMS) -> list[Any]:
    """The most recently changed published rows of `queryset`, newest first."""
    return list(queryset.published().order_by("-updated_at", "-pk")[:limit])


class FeedItemMixin:
    """Titles, descriptions and dates of feed items, asked of each item itself."""

    # RFC 4287 4.1.1: an Atom feed names its author; the entries name theirs too, so each one
    # stands alone when a reader quotes it. Editors write for the site, not under their names.
    author_name = FEED_AUTHOR

    def item_author_name(self, item: Any) -> str:
        return FEED_AUTHOR

    def item_title(self, item: Any) -> str:
        return item.feed_title()

    def item_description(self, item: Any) -> str:
        # RSS <description> and Atom <summary type="html"> are HTML to a reader, while editors'
        # summaries and quotes are plain text (the site escapes them): escape them here too, so
        # the feed says what the page says and never runs an editor's markup.
        return escape(item.feed_text())

    def item_pubdate(self, item: Any) -> datetime:
        # When the item became public: its scheduled publish time if it had one.
        return getattr(item, "publish_at", None) or item.created_at

    def item_updateddate(self, item: Any) -> datetime:
        return item.updated_at

    def item_categories(self, item: Any) -> list[str]:
        categories = getattr(item, "feed_categories", None)
        return categories() if categories else []
