"""RSS and Atom feeds of the public corrections."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from alerts.corrections import FEED_CORRECTIONS, CorrectionRow, correction_rows
from core.web.feeds import FEED_AUTHOR
from review.models import Correction


class CorrectionsFeed:
    author_name = FEED_AUTHOR

    def title(self) -> str:
        return _("Relations Tracker: corrections")

    def link(self) -> str:
        return reverse("alerts:correction_list")

    def description(self) -> str:
        return _("Published facts we corrected, with what was corrected.")

    def items(self) -> list[CorrectionRow]:
        corrections = Correction.objects.public().select_related("content_type")
        return correction_rows(list(corrections[:FEED_CORRECTIONS]))

    def item_title(self, row: CorrectionRow) -> str:
        return _("Corrected: %(title)s") % {"title": row.title}

    def item_description(self, row: CorrectionRow) -> str:
        return row.correction.note

    def item_link(self, row: CorrectionRow) -> str:
        return row.url

    def item_guid(self, row: CorrectionRow) -> str:
        return f"correction-{row.correction.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, row: CorrectionRow) -> datetime:
        return row.date

    def item_updateddate(self, row: CorrectionRow) -> datetime:
        return row.date


class CorrectionsRssFeed(CorrectionsFeed, Feed):
    pass


class CorrectionsAtomFeed(CorrectionsFeed, Feed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()
