"""Readers who follow the tracker by e-mail: subscribers, what they follow, what waits for them.

An address is personal data: it is stored once, on `Subscriber`, with a keyed hash for lookups;
it never appears in a URL (links carry the subscriber's id and a random key, signed) and the row
and its follows are deleted when the reader unsubscribes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.editorial import published_q
from events.models import EventSeries
from issues.models import Issue
from people.models import Person


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As it happens")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> SubscriberQuerySet:
        """Subscribers who confirmed their address (nothing is sent to the others)."""
        return self.filter(confirmed_at__isnull=False)


class Subscriber(models.Model):
    """One reader's address, language and how often they want mail."""

    email = models.EmailField(_("e-mail address"), max_length=254)
    # HMAC of the normalised address (SECRET_KEY): finds the row without comparing addresses.
    email_hash = models.CharField(_("address hash"), max_length=64, unique=True)
    # Random; part of every signed link, so a link never outlives its subscriber.
    key = models.CharField(_("link key"), max_length=32)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(frequency__in=Frequency.values), name="subscriber_frequency"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('subscriber')} #{self.pk}"  # never the address (admin logs, tracebacks)


class FollowKind(models.TextChoices):
    ALL = "all", _("Everything")
    ISSUE = "issue", _("An issue")
    PERSON = "person", _("A person")
    SERIES = "series", _("An event series")
    SEARCH = "search", _("A timeline search")


class FollowQuerySet(models.QuerySet):
    def active(self) -> FollowQuerySet:
        """Confirmed follows of confirmed subscribers: the only ones anything is sent for."""
        return self.filter(confirmed_at__isnull=False, subscriber__confirmed_at__isnull=False)

    def with_public_target(self) -> FollowQuerySet:
        """Follows whose issue, person or series the public can see now (a hidden one is not
        named)."""
        return (
            self.filter(models.Q(issue__isnull=True) | published_q("issue__"))
            .filter(models.Q(person__isnull=True) | published_q("person__"))
            .filter(models.Q(series__isnull=True) | published_q("series__"))
        )


class Follow(models.Model):
    """What one subscriber follows: everything, an issue, a person, a series or a search."""

    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FollowKind.choices)
    issue = models.ForeignKey(
        Issue, verbose_name=_("issue"), on_delete=models.CASCADE, null=True, blank=True
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, null=True, blank=True
    )
    series = models.ForeignKey(
        EventSeries, verbose_name=_("series"), on_delete=models.CASCADE, null=True, blank=True
    )
    # A timeline search: the query string of /events/, normalised (sorted, blanks dropped).
    query = models.CharField(_("search"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="all", issue=None, person=None, series=None, query="")
                    | models.Q(kind="issue", issue__isnull=False, person=None, series=None)
                    | models.Q(kind="person", person__isnull=False, issue=None, series=None)
                    | models.Q(kind="series", series__isnull=False, issue=None, person=None)
                    | models.Q(kind="search", issue=None, person=None, series=None)
                    & ~models.Q(query="")
                ),
                name="follow_kind_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class PendingItem(models.Model):
    """Something public a subscriber is to be told about, waiting for their next e-mail.

    Urgent items (immediate subscribers, corrections) go out within the minute; the others wait
    for the daily or weekly digest. Whether it is still public is judged again when it is sent.
    """

    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="pending"
    )
    object_type = models.CharField(_("type"), max_length=20)
    object_id = models.BigIntegerField(_("object id"))
    action = models.CharField(_("action"), max_length=20)
    # Set for a correction: its public note and date, as the change journal told them.
    correction_note = models.TextField(_("correction note"), blank=True)
    correction_date = models.DateTimeField(_("corrected on"), null=True, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("pending item")
        verbose_name_plural = _("pending items")
        indexes = [models.Index(fields=["subscriber", "urgent"], name="pending_subscriber_idx")]

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id} ({self.action})"


class JournalCursor(models.Model):
    """How far the alerts have read the change journal (one row, `name="alerts"`)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    token = models.CharField(_("cursor"), max_length=200)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("journal cursor")
        verbose_name_plural = _("journal cursors")

    def __str__(self) -> str:
        return self.name
