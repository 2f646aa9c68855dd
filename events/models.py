"""Events, who took part, what was said, and the sources every fact cites (builds on people)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, FilteredRelation, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.dates import (
    PRECISION_FIELD_KWARGS,
    FuzzyDateDescriptor,
    display_range,
    normalise_fuzzy_dates,
    overlap_q,
    period_end,
)
from core.editorial import Publishable, PublishableQuerySet, published_q
from core.search import text_search
from core.versions import Versioned
from people.models import Organization, Person


class SourceKind(models.TextChoices):
    NEWS = "news", _("News report")
    READOUT = "readout", _("Official readout")
    BRIEFING = "briefing", _("Briefing")
    TRANSCRIPT = "transcript", _("Transcript")
    STATEMENT = "statement", _("Official statement")
    ANALYSIS = "analysis", _("Analysis or opinion")
    OTHER = "other", _("Other")


class SourceQuerySet(PublishableQuerySet):
    def with_outlet(self, user: Any = None) -> SourceQuerySet:
        """Each source's `outlet` loaded only when `user` may see it, else None."""
        return self.prefetch_related(
            Prefetch("outlet", queryset=Organization.objects.visible_to(user))
        )


class Source(Publishable):
    """A report, readout or transcript that facts cite. The URL is optional but unique."""

    # The headline as published, in the source's `language`; never translated in place.
    title = models.CharField(_("title"), max_length=500)
    # Our translations of the headline (translated_title_en, _ko, _zh_hans), shown marked as ours.
    translated_title = models.CharField(
        _("translated headline"),
        max_length=500,
        blank=True,
        help_text=_("Our translation of the headline; the original stays as published."),
    )
    outlet = models.ForeignKey(
        Organization,
        verbose_name=_("outlet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sources",
        help_text=_("Leave empty when the outlet is unknown."),
    )
    outlet_note = models.CharField(
        _("outlet note"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 'from ANN / The Korea Herald', 'International Desk'."),
    )
    authors = models.ManyToManyField(
        Person, verbose_name=_("authors"), blank=True, related_name="authored_sources"
    )
    byline = models.CharField(_("byline"), max_length=300, blank=True)
    url = models.URLField(_("URL"), max_length=1000, null=True, blank=True)
    published_on_date = models.DateField(_("published"), null=True, blank=True)
    published_on_precision = models.CharField(_("published precision"), **PRECISION_FIELD_KWARGS)
    language = models.CharField(_("language"), max_length=20, default="en")
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices, default="news")
    summary = models.TextField(_("summary"), blank=True)

    published_on = FuzzyDateDescriptor("published_on")
    objects = SourceQuerySet.as_manager()
    # `history` (simple-history) is registered in translation.py, after the translated columns.

    class Meta:
        ordering = ["-published_on_date", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        permissions = [("publish_source", "Can publish and archive sources")]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=Q(url__isnull=False) & ~Q(url=""),
                name="source_unique_url",
                violation_error_message=_("A source with this URL already exists."),
            ),
        ]

    def __str__(self) -> str:
        outlet = self.outlet.name if self.outlet else _("unknown outlet")
        return f"{self.title} ({outlet})"

    def get_absolute_url(self) -> str:
        return reverse("events:source_detail", kwargs={"pk": self.pk})

    @classmethod
    def dependency_paths(cls) -> list[tuple[type[Publishable], str]]:
        """A source names its outlet and its authors."""
        return [(Organization, "sources"), (Person, "authored_sources")]

    def clean(self) -> None:
        normalise_fuzzy_dates(self, "published_on")
        if self.url == "":
            self.url = None


class CitationQuerySet(models.QuerySet):
    def published(self) -> CitationQuerySet:
        """Citations of published sources, each source's outlet only when that is published."""
        return (
            self.filter(published_q("source__"))
            .select_related("source")
            .prefetch_related(Prefetch("source__outlet", queryset=Organization.objects.published()))
        )

    def of_published_facts(self) -> CitationQuerySet:
        """Citations whose citing fact (event, statement, stance, development) is published."""
        field = self.model._meta.get_field(self.model.fact_field)
        # EXISTS per citation, not `IN (every published fact)`: SQLite built the list of all
        # ~95,000 published event ids to check a source's 10 citations (1 s at 100k).
        return self.filter(
            Exists(field.related_model.objects.published().filter(pk=OuterRef(field.attname)))
        )


class Citation(Versioned):
    """Abstract link from a fact to a source, with where in the source it is said."""

    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT)
    locator = models.CharField(
        _("where in the source"), max_length=200, blank=True, help_text=_("e.g. paragraph 4")
    )
    note = models.CharField(
        _("note"),
        max_length=500,
        blank=True,
        help_text=_("What this source says here, especially where reports disagree."),
    )
    conflicts = models.BooleanField(
        _("conflicts with other reports"),
        default=False,
        help_text=_("Tick when this source's account differs from the others cited."),
    )

    objects = CitationQuerySet.as_manager()
    # The foreign key to the fact that cites the source (set by each concrete citation).
    fact_field: ClassVar[str]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.source)


class EventKind(models.TextChoices):
    SUMMIT = "summit", _("Summit")
    STATE_VISIT = "state_visit", _("State visit")
    OFFICIAL_VISIT = "official_visit", _("Official visit")
    MINISTERIAL = "ministerial", _("Ministerial meeting")
    STRATEGIC_DIALOGUE = "strategic_dialogue", _("Strategic dialogue")
    WORKING_LEVEL = "working_level", _("Working-level talks")
    PHONE_CALL = "phone_call", _("Phone call")
    BRIEFING = "briefing", _("Briefing")
    STATEMENT = "statement", _("Statement")
    SIGNING = "signing", _("Signing ceremony")
    CABINET = "cabinet", _("Cabinet meeting")
    PRESS = "press", _("Press remarks")
    CULTURAL = "cultural", _("Cultural event")
    OTHER = "other", _("Other")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    EXPECTED = "expected", _("Expected")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")


UPCOMING_STATUSES = (EventStatus.PLANNED, EventStatus.EXPECTED, EventStatus.UNCONFIRMED)


class EventSeries(Publishable):
    """A recurring format with numbered rounds, e.g. the Vice Foreign Ministerial Strategic Dialogue.

    Publishable: its name is shown on every event of the series, so a new or renamed series is
    public content, made public by a Publisher like any other.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    # `history` (simple-history) is registered in translation.py, after the translated columns.

    class Meta:
        ordering = ["name"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        permissions = [("publish_eventseries", "Can publish and archive event series")]

    def __str__(self) -> str:
        return self.name


# The join `EventQuerySet.with_series` loads the visible series through.
SHOWN_SERIES = "shown_series"


class _ShownSeriesIterable(models.query.ModelIterable):
    """Events whose `series` is the one joined as visible (None when hidden).

    The join sets `shown_series` only where it found a visible series: none is a hidden one.
    """

    def __iter__(self) -> Any:
        field = Event._meta.get_field("series")
        for obj in super().__iter__():
            field.set_cached_value(obj, obj.__dict__.pop(SHOWN_SERIES, None))
            yield obj


class EventQuerySet(PublishableQuerySet):
    def with_parent(self, user: Any = None) -> EventQuerySet:
        """Each event's `parent` loaded only when `user` may see it, else None."""
        return self.prefetch_related(Prefetch("parent", queryset=Event.objects.visible_to(user)))

    def with_series(self, user: Any = None) -> EventQuerySet:
        """Each event's `series` loaded only when `user` may see it, else None.

        In the same query (a join on the visible series), not a prefetch: the event page is held
        to its query budget (tests/pages.py).
        """
        if getattr(user, "is_staff", False):
            return self.select_related("series")
        queryset = self.annotate(
            **{SHOWN_SERIES: FilteredRelation("series", condition=published_q("series__"))}
        ).select_related(SHOWN_SERIES)
        queryset._iterable_class = _ShownSeriesIterable
        return queryset

    def upcoming(self) -> EventQuerySet:
        """Planned, expected or unconfirmed events whose period has not yet ended.

        As a subquery on the (status, last_date) index: a plain filter let SQLite walk every
        published event in date order to find the first few upcoming ones (0.4 s at 100k).
        """
        return self.filter(
            pk__in=self.model._default_manager.filter(
                status__in=UPCOMING_STATUSES, last_date__gte=timezone.localdate()
            ).values("pk")
        )

    def overlapping(self, start: date | None = None, end: date | None = None) -> EventQuerySet:
        """Events whose date range, read at its precision, overlaps [start, end]."""
        return self.filter(overlap_q("start_date", "last_date", start, end))

    def search(self, query: str) -> EventQuerySet:
        """Events whose title, summary, body or place (any language) match the query, best first."""
        return text_search(self, query)


class Event(Publishable):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.HELD,
        db_index=True,
        help_text=_("Whether the event happened; not the editorial state."),
    )
    start_date = models.DateField(_("start"))
    start_precision = models.CharField(_("start precision"), **PRECISION_FIELD_KWARGS)
    end_date = models.DateField(
        _("end"), null=True, blank=True, help_text=_("Empty = one day/period.")
    )
    end_precision = models.CharField(_("end precision"), **PRECISION_FIELD_KWARGS)
    # Last day the event may cover (derived from end, or start, at its precision), for overlap
    # filters: "January–March 2026" runs to 2026-03-31.
    last_date = models.DateField(editable=False, db_index=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("Basic HTML is allowed."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("e.g. the state visit a summit took place during."),
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    round_number = models.PositiveSmallIntegerField(_("round"), null=True, blank=True)
    participants = models.ManyToManyField(
        Person, through="EventParticipation", related_name="events", blank=True
    )
    sources = models.ManyToManyField(
        Source, through="EventCitation", related_name="events", blank=True
    )

    start = FuzzyDateDescriptor("start")
    end = FuzzyDateDescriptor("end")

    objects = EventQuerySet.as_manager()
    # `history` (simple-history) is registered in translation.py, after the translated columns.

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("publish_event", "Can publish and archive events")]
        indexes = [
            models.Index(fields=["start_date", "last_date"]),
            # The API's and the timeline's default order over published rows: without it SQLite
            # sorts every published event (with select_related columns) to return 50.
            models.Index(
                fields=["editorial_status", "start_date", "id"], name="event_published_date_idx"
            ),
            # The event page's children, in date order: without it SQLite walks every published
            # event in date order looking for this parent's. Partial (rows with a parent only):
            # ANALYZE counts the NULLs of a full index as one value, and the planner, thinking
            # `parent_id = ?` matched every row, walked the date index instead (1.2 s at 100k).
            models.Index(
                fields=["parent", "start_date"],
                name="event_children_idx",
                condition=Q(parent__isnull=False),
            ),
            # The home page's "announced but not reported held": upcoming statuses whose period
            # has passed; without it SQLite walked every event in date order (1.7 s at 100k).
            models.Index(fields=["status", "last_date"], name="event_status_last_date_idx"),
            # The latest feed's order over published rows (SQLite sorted every published event).
            models.Index(
                fields=["editorial_status", "updated_at", "id"], name="event_published_updated_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                # An end coarser than a day is compared by the last day of its period:
                # "2026-Q1" may end an event that starts on 2026-01-05.
                condition=Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date"))
                | (~Q(end_precision="day") & Q(last_date__gte=models.F("start_date"))),
                name="event_end_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["series", "round_number"],
                condition=Q(series__isnull=False) & Q(round_number__isnull=False),
                name="event_unique_series_round",
                violation_error_message=_("This series already has an event for this round."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="event_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start.display() if self.start_date else '?'})"

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", kwargs={"slug": self.slug})

    @classmethod
    def dependency_paths(cls) -> list[tuple[type[Publishable], str]]:
        """An event shows its series, the sources it and its statements cite, its people and
        speakers."""
        return [
            (EventSeries, "events"),
            (Source, "events"),
            (Source, "statements__event"),
            (Person, "participations__event"),
            (Person, "statements__event"),
        ]

    # How the event reads as an item of a feed (core.web.feeds.FeedItemMixin asks each item).
    def feed_title(self) -> str:
        return self.title

    def feed_text(self) -> str:
        facts = [self.date_display, self.get_status_display()]
        country = str(self.country.name) if self.country else ""
        place = ", ".join(part for part in [self.city, country] if part)
        if place:
            facts.append(place)
        return " · ".join(facts) + (f" — {self.summary}" if self.summary else "")

    def feed_categories(self) -> list[str]:
        return [str(self.get_kind_display())]

    def clean(self) -> None:
        normalise_fuzzy_dates(self, "start", "end")
        if (
            self.start_date
            and self.end_date
            and period_end(self.end_date, self.end_precision) < self.start_date
        ):
            raise ValidationError({"end_date": _("An event cannot end before it starts.")})
        if self.round_number and not self.series_id:
            raise ValidationError({"series": _("Choose the series this round belongs to.")})
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An event cannot be part of itself.")})

    def save(self, *args: object, **kwargs: object) -> None:
        normalise_fuzzy_dates(self, "start", "end")
        if self.end_date:
            self.last_date = period_end(self.end_date, self.end_precision)
        else:
            self.last_date = period_end(self.start_date, self.start_precision)
        super().save(*args, **kwargs)

    @property
    def date_display(self) -> str:
        return display_range(self.start, self.end)

    @property
    def series_label(self) -> str:
        # `series` is None while hidden from the reader (EventQuerySet.with_series).
        series = self.series if self.series_id else None
        if series is None:
            return ""
        if self.round_number:
            return _("Round %(round)s of %(series)s") % {
                "round": self.round_number,
                "series": series.name,
            }
        return series.name


class EventCitation(Citation):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="citations"
    )

    fact_field = "event"
    # Its own history, so comparing and reverting the item's revisions include its citations.
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "id"]
        verbose_name = _("event citation")
        verbose_name_plural = _("event citations")
        constraints = [
            models.UniqueConstraint(fields=["event", "source"], name="event_citation_unique")
        ]


class ParticipationRole(models.TextChoices):
    HOST = "host", _("Host")
    GUEST = "guest", _("Guest")
    PRINCIPAL = "principal", _("Principal")
    DELEGATION = "delegation", _("Delegation member")
    SPOKESPERSON = "spokesperson", _("Spokesperson")
    SPEAKER = "speaker", _("Speaker")
    OBSERVER = "observer", _("Observer")
    MENTIONED = "mentioned", _("Mentioned")


class ParticipationQuerySet(models.QuerySet):
    def published(self) -> ParticipationQuerySet:
        """Participations where both the event and the person are published."""
        return self.filter(published_q("event__") & published_q("person__"))


class EventParticipation(Versioned):
    """A person at an event: which side, in what role, with the title they held then."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    side = CountryField(_("side"), blank=True, help_text=_("The country they represented."))
    role = models.CharField(
        _("role"), max_length=20, choices=ParticipationRole.choices, default="delegation"
    )
    title = models.CharField(
        _("title at the time"),
        max_length=200,
        blank=True,
        help_text=_("Left blank, it is filled from the person's position on the event date."),
    )
    # Whether `title` was derived from the person's positions (then it follows the event's date,
    # see events.services.event_rederive_titles) rather than typed by an editor.
    title_derived = models.BooleanField(
        _("title derived from positions"), default=False, db_default=False, editable=False
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ParticipationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "side", "order", "id"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                name="participation_unique_person_event",
                violation_error_message=_("This person is already listed at this event."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.display_name} — {self.event.title}"

    def derived_title(self) -> str:
        """The title the person held on the event's date, from their positions ("" if none)."""
        return self.person.title_on(self.event.start_date) if self.event.start_date else ""

    def fill_from_positions(self) -> None:
        """Fill a blank title (then marked derived) and side from the person's positions."""
        if not self.person_id or not self.event_id:
            return
        if not self.title:
            self.title = self.derived_title()
            self.title_derived = True
        if not self.side and self.person.country:
            self.side = self.person.country

    def clean(self) -> None:
        self.fill_from_positions()


class StatementQuerySet(models.QuerySet):
    def published(self) -> StatementQuerySet:
        """Statements by published speakers, at published events (or no event)."""
        return self.filter(published_q("speaker__")).filter(
            Q(event__isnull=True) | published_q("event__")
        )

    def search(self, query: str) -> StatementQuerySet:
        """Statements whose quote or speaker description match the query, best first."""
        return text_search(self, query)


class Statement(Versioned):
    """Something a person said, where and when, in which language, from which source."""

    speaker = models.ForeignKey(
        Person, verbose_name=_("speaker"), on_delete=models.PROTECT, related_name="statements"
    )
    speaker_label = models.CharField(
        _("speaker described as"),
        max_length=200,
        blank=True,
        help_text=_(
            "When a source names only a role, e.g. 'China's foreign ministry spokesperson'."
        ),
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
    )
    said_date = models.DateField(_("date"))
    said_precision = models.CharField(_("date precision"), **PRECISION_FIELD_KWARGS)
    # The quote in the language it was spoken (`language`); never translated in place.
    text = models.TextField(_("quote"))
    language = models.CharField(_("language"), max_length=20, default="en")
    # Our translations of the quote (translated_text_en, _ko, _zh_hans), shown marked as such.
    translated_text = models.TextField(
        _("translated quote"),
        blank=True,
        help_text=_("Our translation of the quote; the quote itself stays as spoken."),
    )
    is_paraphrase = models.BooleanField(_("paraphrase"), default=False)
    sources = models.ManyToManyField(
        Source, through="StatementCitation", related_name="statements", blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    said = FuzzyDateDescriptor("said")
    objects = StatementQuerySet.as_manager()
    # `history` (simple-history) is registered in translation.py, after the translated columns.

    class Meta:
        ordering = ["-said_date", "id"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 60 else self.text[:57] + "…"
        return f"{self.speaker.display_name}: “{text}”"

    def get_absolute_url(self) -> str:
        if self.event_id:
            return self.event.get_absolute_url() + f"#statement-{self.pk}"
        return self.speaker.get_absolute_url() + f"#statement-{self.pk}"

    # How the statement reads as an item of a feed (see core.web.feeds.FeedItemMixin).
    def feed_title(self) -> str:
        return gettext("%(speaker)s, %(date)s") % {
            "speaker": self.speaker.display_name,
            "date": self.said.display(),
        }

    def feed_text(self) -> str:
        return f"“{self.text}”"

    def clean(self) -> None:
        normalise_fuzzy_dates(self, "said")


class StatementCitation(Citation):
    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="citations"
    )

    fact_field = "statement"
    # Its own history, so comparing and reverting the item's revisions include its citations.
    history = HistoricalRecords()

    class Meta:
        ordering = ["statement", "id"]
        verbose_name = _("statement citation")
        verbose_name_plural = _("statement citations")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "source"], name="statement_citation_unique"
            )
        ]
