"""Issues at stake, where each side stands, and how each issue developed (top layer)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.dates import PRECISION_FIELD_KWARGS, FuzzyDateDescriptor, normalise_fuzzy_dates
from core.editorial import Publishable, PublishableQuerySet, published_q
from core.search import text_search
from core.versions import Versioned
from events.models import Citation, Event, Source
from people.models import Organization


class IssueCategory(models.TextChoices):
    CULTURE = "culture", _("Culture")
    MARITIME = "maritime", _("Maritime")
    SECURITY = "security", _("Security")
    ECONOMY = "economy", _("Economy and trade")
    DIPLOMACY = "diplomacy", _("Diplomacy")
    FISHERIES = "fisheries", _("Fisheries")
    TECHNOLOGY = "technology", _("Technology")
    OTHER = "other", _("Other")


class IssueStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    UNDER_CONSULTATION = "consultation", _("Under consultation")
    EASING = "easing", _("Easing")
    RESOLVED = "resolved", _("Resolved")
    DORMANT = "dormant", _("Dormant")


class IssueQuerySet(PublishableQuerySet):
    def search(self, query: str) -> IssueQuerySet:
        """Issues whose title, keywords, summary or background match the query, best first."""
        return text_search(self, query)


class Issue(Publishable):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    background = models.TextField(
        _("background"), blank=True, help_text=_("Basic HTML is allowed.")
    )
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_(
            "Words reports use for this issue, one per line (e.g. Hallyu ban, THAAD, 한한령): "
            "“New from a report” recognises the issue by them."
        ),
    )
    category = models.CharField(_("category"), max_length=20, choices=IssueCategory.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=IssueStatus.choices,
        default=IssueStatus.ACTIVE,
        db_index=True,
        help_text=_("Where the issue stands now; developments record how it got here."),
    )
    started_date = models.DateField(_("started"), null=True, blank=True)
    started_precision = models.CharField(_("started precision"), **PRECISION_FIELD_KWARGS)
    related_issues = models.ManyToManyField(
        "self", verbose_name=_("related issues"), blank=True, symmetrical=True
    )
    events = models.ManyToManyField(
        Event,
        verbose_name=_("events where it was discussed"),
        blank=True,
        related_name="issues",
    )

    started = FuzzyDateDescriptor("started")
    objects = IssueQuerySet.as_manager()
    # `history` (simple-history) is registered in translation.py, after the translated columns.

    class Meta:
        ordering = ["title"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        permissions = [("publish_issue", "Can publish and archive issues")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("issues:issue_detail", kwargs={"slug": self.slug})

    @classmethod
    def dependency_paths(cls) -> list[tuple[type[Publishable], str]]:
        """An issue shows its stances' parties and sources, its timeline's events and sources,
        and the events where it was discussed."""
        return [
            (Organization, "stances__issue"),
            (Source, "stances__issue"),
            (Event, "developments__issue"),
            (Source, "developments__issue"),
            (Event, "issues"),
        ]

    def clean(self) -> None:
        normalise_fuzzy_dates(self, "started")

    def status_on(self, day: date) -> str:
        """The issue's status on `day`: the status after the last development up to then."""
        known = [
            d
            for d in self.developments.all()
            if d.status_after and d.happened_date and d.happened_date <= day
        ]
        if not known:
            return "" if self.started_date and self.started_date > day else self.status
        return max(known, key=lambda d: (d.happened_date, d.pk)).status_after


class StanceQuerySet(models.QuerySet):
    def published(self) -> StanceQuerySet:
        """Stances on published issues by a country or a published organization."""
        return self.filter(published_q("issue__")).by_parties_visible_to(None)

    def by_parties_visible_to(self, user: Any = None) -> StanceQuerySet:
        """Stances by a country or an organization `user` may see, the organization joined.

        The party is what a stance is about: while its organization is hidden the stance is not
        shown at all, so neither its name nor a label derived from it (`party_name`) ever is.
        """
        queryset = self
        if not getattr(user, "is_staff", False):
            queryset = queryset.filter(Q(organization__isnull=True) | published_q("organization__"))
        return queryset.select_related("organization")


class Stance(Versioned):
    """Where one party (a country, or an organization) stands on an issue, as of a date."""

    issue = models.ForeignKey(
        Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="stances"
    )
    country = CountryField(_("country"), blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stances",
    )
    position = models.TextField(_("position"))
    as_of_date = models.DateField(_("as of"))
    as_of_precision = models.CharField(_("as-of precision"), **PRECISION_FIELD_KWARGS)
    sources = models.ManyToManyField(
        Source, through="StanceCitation", related_name="stances", blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    as_of = FuzzyDateDescriptor("as_of")
    objects = StanceQuerySet.as_manager()
    # `history` (simple-history) is registered in translation.py, after the translated columns.

    class Meta:
        ordering = ["issue", "country", "-as_of_date"]
        verbose_name = _("stance")
        verbose_name_plural = _("stances")
        constraints = [
            models.CheckConstraint(
                condition=~Q(country="") | Q(organization__isnull=False),
                name="stance_has_party",
                violation_error_message=_("Choose the country or organization taking this stance."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_name} on {self.issue.title}"

    @property
    def party_name(self) -> str:
        if self.organization_id:
            return self.organization.name
        return str(self.country.name) if self.country else ""

    def clean(self) -> None:
        normalise_fuzzy_dates(self, "as_of")
        if not self.country and not self.organization_id:
            raise ValidationError(_("Choose the country or organization taking this stance."))


class StanceCitation(Citation):
    stance = models.ForeignKey(
        Stance, verbose_name=_("stance"), on_delete=models.CASCADE, related_name="citations"
    )

    fact_field = "stance"
    # Its own history, so comparing and reverting the item's revisions include its citations.
    history = HistoricalRecords()

    class Meta:
        ordering = ["stance", "id"]
        verbose_name = _("stance citation")
        verbose_name_plural = _("stance citations")
        constraints = [
            models.UniqueConstraint(fields=["stance", "source"], name="stance_citation_unique")
        ]


class DevelopmentQuerySet(models.QuerySet):
    def published(self) -> DevelopmentQuerySet:
        """Developments of published issues, linked to no event or a published one."""
        return self.filter(published_q("issue__")).filter(
            Q(event__isnull=True) | published_q("event__")
        )


class Development(Versioned):
    """A dated step in an issue's timeline, with the issue's status after it."""

    issue = models.ForeignKey(
        Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="developments"
    )
    happened_date = models.DateField(_("date"))
    happened_precision = models.CharField(_("date precision"), **PRECISION_FIELD_KWARGS)
    summary = models.TextField(_("summary"))
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="developments",
    )
    status_after = models.CharField(
        _("status after"), max_length=20, choices=IssueStatus.choices, blank=True
    )
    sources = models.ManyToManyField(
        Source, through="DevelopmentCitation", related_name="developments", blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    happened = FuzzyDateDescriptor("happened")
    objects = DevelopmentQuerySet.as_manager()
    # `history` (simple-history) is registered in translation.py, after the translated columns.

    class Meta:
        ordering = ["issue", "-happened_date", "-id"]
        verbose_name = _("development")
        verbose_name_plural = _("developments")
        indexes = [models.Index(fields=["happened_date"])]

    def __str__(self) -> str:
        return f"{self.issue.title}: {self.happened.display()}"

    def get_absolute_url(self) -> str:
        return self.issue.get_absolute_url() + f"#development-{self.pk}"

    # How the development reads as an item of a feed (see core.web.feeds.FeedItemMixin).
    def feed_title(self) -> str:
        return gettext("%(issue)s: %(date)s") % {
            "issue": self.issue.title,
            "date": self.happened.display(),
        }

    def feed_text(self) -> str:
        status = f" ({self.get_status_after_display()})" if self.status_after else ""
        return f"{self.summary}{status}"

    def clean(self) -> None:
        normalise_fuzzy_dates(self, "happened")


class DevelopmentCitation(Citation):
    development = models.ForeignKey(
        Development,
        verbose_name=_("development"),
        on_delete=models.CASCADE,
        related_name="citations",
    )

    fact_field = "development"
    # Its own history, so comparing and reverting the item's revisions include its citations.
    history = HistoricalRecords()

    class Meta:
        ordering = ["development", "id"]
        verbose_name = _("development citation")
        verbose_name_plural = _("development citations")
        constraints = [
            models.UniqueConstraint(
                fields=["development", "source"], name="development_citation_unique"
            )
        ]
