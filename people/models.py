"""People, the organizations they serve, and their positions over time (the base layer)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.dates import (
    PRECISION_FIELD_KWARGS,
    FuzzyDateDescriptor,
    normalise_fuzzy_dates,
    period_end,
)
from core.editorial import Publishable, PublishableQuerySet, published_q
from core.search import text_search
from core.versions import Versioned


class OrganizationKind(models.TextChoices):
    HEAD_OF_STATE_OFFICE = "head_office", _("Head of state's office")
    MINISTRY = "ministry", _("Ministry")
    AGENCY = "agency", _("Agency")
    PARTY = "party", _("Political party")
    MEDIA = "media", _("Media outlet")
    INTERNATIONAL = "international", _("International body")
    GOVERNMENT = "government", _("Government")
    OTHER = "other", _("Other")


class OrganizationQuerySet(PublishableQuerySet):
    def with_parent(self, user: Any = None) -> OrganizationQuerySet:
        """Each organization's `parent` loaded only when `user` may see it, else None."""
        return self.prefetch_related(
            Prefetch("parent", queryset=Organization.objects.visible_to(user))
        )


class Organization(Publishable):
    name = models.CharField(_("name"), max_length=200)
    native_name = models.CharField(_("name in native script"), max_length=200, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    country = CountryField(_("country"), blank=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = OrganizationQuerySet.as_manager()
    # `history` (simple-history) is registered in translation.py, after the translated columns.

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        permissions = [("publish_organization", "Can publish and archive organizations")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="organization_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def get_absolute_url(self) -> str:
        return reverse("people:organization_detail", kwargs={"slug": self.slug})


class PersonQuerySet(PublishableQuerySet):
    def search(self, query: str) -> PersonQuerySet:
        """People known by the query in any script or spelling (or whose bio matches), best first.

        The index holds every name form, its words and its words run together, so case, spaces,
        hyphens and word order do not matter ("LEE JAEMYUNG", "jae myung lee", "이재명").
        """
        return text_search(self, query)


class Person(Publishable):
    display_name = models.CharField(
        _("display name"), max_length=200, help_text=_("As written in English, e.g. Lee Jae Myung.")
    )
    native_name = models.CharField(
        _("name in native script"), max_length=200, blank=True, help_text=_("e.g. 이재명, 习近平")
    )
    sort_name = models.CharField(
        _("sort name"), max_length=200, blank=True, help_text=_("Family name first, for sorting.")
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    bio = models.TextField(_("short bio"), blank=True, help_text=_("Basic HTML is allowed."))
    portrait = models.ImageField(_("portrait"), upload_to="portraits/", blank=True)
    portrait_credit = models.CharField(_("portrait credit"), max_length=200, blank=True)
    wikidata_id = models.CharField(
        _("Wikidata QID"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9]\d*$", _("A Wikidata QID looks like Q12345."))],
    )
    # Every name form, normalised (see core.text.normalize_name); refreshed by
    # people.services.person_refresh_search_key after the person or their names change.
    search_key = models.TextField(editable=False, blank=True, default="")

    objects = PersonQuerySet.as_manager()
    # `history` (simple-history) is registered in translation.py, after the translated columns.

    class Meta:
        ordering = ["sort_name", "display_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [("publish_person", "Can publish and archive people")]
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="person_unique_wikidata_id",
                violation_error_message=_("Another person already has this Wikidata QID."),
            ),
        ]

    def __str__(self) -> str:
        if self.native_name:
            return f"{self.display_name} ({self.native_name})"
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("people:person_detail", kwargs={"slug": self.slug})

    @classmethod
    def dependency_paths(cls) -> list[tuple[type[Publishable], str]]:
        """A person's page names the organizations of their positions."""
        return [(Organization, "positions__person")]

    def name_forms(self) -> list[str]:
        """Every name this person is known by: display, native and other names."""
        forms = [self.display_name, self.native_name, self.sort_name]
        forms += [other.name for other in self.other_names.all()]
        return [form for form in dict.fromkeys(forms) if form]

    def position_on(self, day: date | None = None) -> Position | None:
        """The position held on `day` (today by default); the most senior-started if several."""
        day = day or timezone.localdate()
        held = [p for p in self.positions.all() if p.is_held_on(day)]
        held.sort(key=lambda p: (p.is_primary, p.start_date or date.min), reverse=True)
        return held[0] if held else None

    def title_on(self, day: date | None = None) -> str:
        """The title held on `day`, e.g. "Foreign Minister"; "" when none is known."""
        position = self.position_on(day)
        return position.title if position else ""


class NameKind(models.TextChoices):
    ROMANIZATION = "romanization", _("Other romanization")
    NATIVE = "native", _("Native script")
    TRANSLATION = "translation", _("Translation")
    ALIAS = "alias", _("Alias or nickname")
    FORMER = "former", _("Former name")


class PersonName(Versioned):
    """Another name a person is known by: romanizations, scripts, translations."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="other_names"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=NameKind.choices, default=NameKind.ROMANIZATION
    )
    language = models.CharField(
        _("language"), max_length=20, blank=True, help_text=_("BCP 47 tag, e.g. ko, zh-Hans, en.")
    )
    script = models.CharField(
        _("script"), max_length=4, blank=True, help_text=_("ISO 15924 code, e.g. Hang, Hans, Latn.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "name"]
        verbose_name = _("other name")
        verbose_name_plural = _("other names")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "name"],
                name="person_name_unique",
                violation_error_message=_("This person already has this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IdentifierScheme(models.TextChoices):
    WIKIDATA = "wikidata", "Wikidata"
    VIAF = "viaf", "VIAF"
    ISNI = "isni", "ISNI"
    OFFICIAL = "official", _("Official page")
    OTHER = "other", _("Other")


class PersonIdentifier(Versioned):
    """An identifier of a person in another database (Wikidata, VIAF, an official page…)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="identifiers"
    )
    scheme = models.CharField(_("scheme"), max_length=20, choices=IdentifierScheme.choices)
    value = models.CharField(_("value"), max_length=300)

    # Its own history, so comparing and reverting a person's revisions include their identifiers.
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "scheme"]
        verbose_name = _("identifier")
        verbose_name_plural = _("identifiers")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "value"],
                name="person_identifier_unique",
                violation_error_message=_("This identifier already belongs to a person."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()}: {self.value}"


class Title(Versioned):
    """A job title in the shared trilingual glossary, entered once and reused by positions.

    "Minister of Foreign Affairs" / 외교부 장관 / 外交部长: `name` is translated (people/translation.py);
    a position that points here takes its title, in every language, from it.
    """

    name = models.CharField(
        _("name"), max_length=200, help_text=_("In English, e.g. Foreign Minister.")
    )
    # One English title can be two offices: the President of South Korea is 대통령 / 总统, of China
    # 国家主席. An entry names its country when its translations are that country's own.
    country = CountryField(
        _("country"),
        blank=True,
        help_text=_("The country whose office this is, when its translations are that country's."),
    )

    # `history` (simple-history) is registered in translation.py, after the translated columns.

    class Meta:
        ordering = ["name"]
        verbose_name = _("job title")
        verbose_name_plural = _("job titles")

    def __str__(self) -> str:
        return f"{self.name} ({self.country.code})" if self.country else self.name

    def clean(self) -> None:
        # Unique by English name and country, checked here rather than by a database constraint:
        # modeltranslation would repeat one for every language's column, and two English names of
        # one office ("Minister of Trade, Industry and Energy" / "… and Resources") share their
        # Korean and Chinese.
        same = Title.objects.filter(name=self.name, country=self.country).exclude(pk=self.pk)
        if same.exists():
            raise ValidationError(_("This title is already in the glossary."))


class PositionQuerySet(models.QuerySet):
    def published(self) -> PositionQuerySet:
        """Positions of published people, at no organization or a published one."""
        return self.filter(published_q("person__")).at_organizations_visible_to(None)

    def at_organizations_visible_to(self, user: Any = None) -> PositionQuerySet:
        """Positions at no organization or one `user` may see, the organization joined.

        A position links a person to an organization; like a participation with a hidden person,
        it is not shown while the organization is hidden, so its name never is either.
        """
        queryset = self
        if not getattr(user, "is_staff", False):
            queryset = queryset.filter(Q(organization__isnull=True) | published_q("organization__"))
        return queryset.select_related("organization")

    def held_on(self, day: date) -> PositionQuerySet:
        """Positions that had started by `day` and had not ended before it."""
        return self.filter(start_date__lte=day).filter(
            Q(last_date__isnull=True) | Q(last_date__gte=day)
        )


class Position(Versioned):
    """A title a person held in an organization from start to end (open end = current)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="positions"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Taken from the glossary when chosen.")
    )
    # The glossary entry: when set, `title` in every language is copied from it on save (so pages
    # read the title from the position's own row, no join), else `title` is free text.
    glossary_title = models.ForeignKey(
        Title,
        verbose_name=_("title from the glossary"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    start_precision = models.CharField(_("start precision"), **PRECISION_FIELD_KWARGS)
    end_date = models.DateField(_("end"), null=True, blank=True, help_text=_("Empty = current."))
    end_precision = models.CharField(_("end precision"), **PRECISION_FIELD_KWARGS)
    # Last day covered by `end` (derived from end_date + end_precision), for date queries.
    last_date = models.DateField(null=True, blank=True, editable=False, db_index=True)
    is_primary = models.BooleanField(
        _("primary"), default=True, help_text=_("Shown as the person's title when several overlap.")
    )

    start = FuzzyDateDescriptor("start")
    end = FuzzyDateDescriptor("end")

    objects = PositionQuerySet.as_manager()
    # `history` (simple-history) is registered in translation.py, after the translated columns.

    class Meta:
        ordering = ["person", "-start_date"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        indexes = [models.Index(fields=["organization", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date"))
                | (~Q(end_precision="day") & Q(last_date__gte=models.F("start_date"))),
                name="position_end_after_start",
                violation_error_message=_("A position cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        where = f", {self.organization.name}" if self.organization else ""
        return f"{self.title}{where}"

    def save(self, *args: object, **kwargs: object) -> None:
        normalise_fuzzy_dates(self, "start", "end")
        if self.glossary_title_id:
            self.copy_glossary_title()
        self.last_date = period_end(self.end_date, self.end_precision) if self.end_date else None
        super().save(*args, **kwargs)

    def copy_glossary_title(self) -> None:
        """Take the title, in every language, from the glossary entry."""
        glossary = self.glossary_title
        for language in ("en", "ko", "zh_hans"):
            setattr(self, f"title_{language}", getattr(glossary, f"name_{language}", None))
        self.__dict__["title"] = glossary.name_en or glossary.__dict__["name"]

    def clean(self) -> None:
        normalise_fuzzy_dates(self, "start", "end")
        if self.glossary_title_id:
            self.copy_glossary_title()
        elif not self.title:
            raise ValidationError({"title": _("Choose a title from the glossary or write one.")})
        if (
            self.start_date
            and self.end_date
            and period_end(self.end_date, self.end_precision) < self.start_date
        ):
            raise ValidationError({"end_date": _("A position cannot end before it starts.")})

    def is_held_on(self, day: date) -> bool:
        started = self.start_date is None or self.start_date <= day
        ended = self.end_date is not None and period_end(self.end_date, self.end_precision) < day
        return started and not ended
