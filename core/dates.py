"""Dates with a precision: "5 January 2026", "January 2026", "January–March 2026", "2026".

One value type (`FuzzyDate`) serves every dated field. A model stores it as two columns,
`<name>_date` (always the *first* day of the period) and `<name>_precision`, and exposes it through
`FuzzyDateDescriptor` as `<name>`. Sorting uses the first day; range filters use the first and last
day, so "January–March 2026" overlaps 2026-02-10.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils import formats
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _


class Precision(models.TextChoices):
    DAY = "day", gettext_lazy("day")
    MONTH = "month", gettext_lazy("month")
    QUARTER = "quarter", gettext_lazy("quarter")
    YEAR = "year", gettext_lazy("year")


# Checked on every FuzzyDate made (an API page makes hundreds): `Precision.values` builds a list
# each time it is read.
PRECISIONS = frozenset(Precision.values)

PRECISION_FIELD_KWARGS = {
    "max_length": 7,
    "choices": Precision.choices,
    "default": Precision.DAY,
}

# EDTF (ISO 8601-2) level 2 writes the quarters of a year as the "season" codes 33-36.
EDTF_QUARTER_BASE = 32

_PARSE_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), Precision.DAY),
    (re.compile(r"^(\d{4})-[Qq]([1-4])$"), Precision.QUARTER),
    (re.compile(r"^(\d{4})-(3[3-6])$"), Precision.QUARTER),  # EDTF: 2026-33 is 2026-Q1
    (re.compile(r"^(\d{4})-(\d{2})$"), Precision.MONTH),
    (re.compile(r"^(\d{4})$"), Precision.YEAR),
]


def period_start(day: date, precision: str) -> date:
    """The first day of the period of `precision` that contains `day`."""
    if precision == Precision.YEAR:
        return date(day.year, 1, 1)
    if precision == Precision.QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if precision == Precision.MONTH:
        return date(day.year, day.month, 1)
    return day


def period_end(day: date, precision: str) -> date:
    """The last day of the period of `precision` that contains `day`."""
    if precision == Precision.YEAR:
        return date(day.year, 12, 31)
    if precision == Precision.QUARTER:
        last_month = 3 * ((day.month - 1) // 3) + 3
        return date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])
    if precision == Precision.MONTH:
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


@dataclass(frozen=True)
class FuzzyDate:
    """A date known to a day, month, quarter or year; `first` is the period's first day."""

    first: date
    precision: str = Precision.DAY

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"Unknown date precision: {self.precision!r}")
        object.__setattr__(self, "first", period_start(self.first, self.precision))

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Parse "2026-01-05", "2026-01", "2026-Q1" (or its EDTF form "2026-33") or "2026".

        Raise ValueError otherwise.
        """
        text = (text or "").strip()
        for pattern, precision in _PARSE_PATTERNS:
            match = pattern.match(text)
            if not match:
                continue
            year = int(match.group(1))
            if precision == Precision.DAY:
                return cls(date(year, int(match.group(2)), int(match.group(3))), precision)
            if precision == Precision.MONTH:
                return cls(date(year, int(match.group(2)), 1), precision)
            if precision == Precision.QUARTER:
                quarter = int(match.group(2))
                if quarter > EDTF_QUARTER_BASE:  # the EDTF code: 33 -> Q1 ... 36 -> Q4
                    quarter -= EDTF_QUARTER_BASE
                return cls(date(year, 3 * (quarter - 1) + 1, 1), precision)
            return cls(date(year, 1, 1), precision)
        raise ValueError(
            f"Not a date: {text!r}. Use YYYY-MM-DD, YYYY-MM, YYYY-Qn (or EDTF YYYY-33..36) or YYYY."
        )

    @property
    def last(self) -> date:
        return period_end(self.first, self.precision)

    def __lt__(self, other: FuzzyDate) -> bool:
        return (self.first, self.last) < (other.first, other.last)

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """True when any day of this period lies within [start, end] (open ends allowed)."""
        return (end is None or self.first <= end) and (start is None or self.last >= start)

    def iso(self) -> str:
        """Machine form that round-trips through `parse`."""
        if self.precision == Precision.YEAR:
            return f"{self.first.year:04d}"
        if self.precision == Precision.QUARTER:
            return f"{self.first.year:04d}-Q{(self.first.month - 1) // 3 + 1}"
        if self.precision == Precision.MONTH:
            return f"{self.first.year:04d}-{self.first.month:02d}"
        return self.first.isoformat()

    def edtf(self) -> str:
        """The ISO 8601-2 / EDTF form: 2026-01-05, 2026-01, 2026-33 (January–March), 2026."""
        if self.precision == Precision.QUARTER:
            quarter = (self.first.month - 1) // 3 + 1
            return f"{self.first.year:04d}-{EDTF_QUARTER_BASE + quarter}"
        return self.iso()

    def display(self) -> str:
        """The way a person writes it, in the active language.

        English "January–March 2026", Korean "2026년 1분기", Chinese "2026年第一季度"; months and
        days follow each language's Django formats ("2026년 1월", "2026年1月5日").
        """
        if self.precision == Precision.YEAR:
            return _("%(year)s") % {"year": self.first.year}
        if self.precision == Precision.QUARTER:
            return _quarter_text(self.quarter) % {"year": self.first.year}
        if self.precision == Precision.MONTH:
            return formats.date_format(self.first, "YEAR_MONTH_FORMAT")
        return formats.date_format(self.first, "DATE_FORMAT")

    @property
    def quarter(self) -> int:
        return (self.first.month - 1) // 3 + 1

    def html_datetime(self) -> str:
        """A `<time datetime>` value that claims no more than is known.

        Day "2026-01-05", month "2026-01", year "2026". HTML has no value for a quarter, and the
        year-month of its first month would claim January alone, so a quarter gives its year: true,
        if less precise (the visible text says which quarter).
        """
        if self.precision == Precision.DAY:
            return self.first.isoformat()
        if self.precision == Precision.MONTH:
            return f"{self.first.year:04d}-{self.first.month:02d}"
        return f"{self.first.year:04d}"

    def __str__(self) -> str:
        return self.display()

    def as_dict(self) -> dict[str, str]:
        return {
            "date": self.first.isoformat(),
            "precision": self.precision,
            "display": self.display(),
            "edtf": self.edtf(),
        }


# A month in little room (chart axes): "Jan 26" in English; Korean and Chinese readers write the
# year first and number the month (Django's "M" would give "1월 26", "一月 26").
SHORT_YEAR_MONTH_FORMATS = {"ko": "y년 n월", "zh-hans": "y年n月"}


def short_year_month(day: date) -> str:
    """A month as a chart axis writes it, in the active language: Jan 26, 26년 1월, 26年1月."""
    pattern = SHORT_YEAR_MONTH_FORMATS.get(get_language(), "M y")
    return formats.date_format(day, pattern)


def _quarter_text(quarter: int) -> str:
    """The quarter's pattern in the active language (one message each: Chinese numbers them 一…四)."""
    return {
        1: _("January–March %(year)s"),
        2: _("April–June %(year)s"),
        3: _("July–September %(year)s"),
        4: _("October–December %(year)s"),
    }[quarter]


def display_range(start: FuzzyDate | None, end: FuzzyDate | None) -> str:
    """ "4–7 January 2026", or "November 2025 – March 2026" across periods."""
    if start is None:
        return ""
    if end is None or end == start:
        return start.display()
    both_days = start.precision == end.precision == Precision.DAY
    if both_days and (start.first.year, start.first.month) == (end.first.year, end.first.month):
        return _("%(first_day)s–%(last_day)s %(month_year)s") % {
            "first_day": start.first.day,
            "last_day": end.first.day,
            "month_year": formats.date_format(start.first, "YEAR_MONTH_FORMAT"),
        }
    return f"{start.display()} – {end.display()}"


class FuzzyDateDescriptor:
    """Exposes a `<name>_date` + `<name>_precision` column pair as one `FuzzyDate` attribute."""

    def __init__(self, name: str) -> None:
        self.date_attr = f"{name}_date"
        self.precision_attr = f"{name}_precision"

    def __get__(self, instance: object, owner: type | None = None) -> FuzzyDate | None:
        if instance is None:
            return self  # type: ignore[return-value]
        value = getattr(instance, self.date_attr)
        if value is None:
            return None
        return FuzzyDate(value, getattr(instance, self.precision_attr) or Precision.DAY)

    def __set__(self, instance: object, value: FuzzyDate | str | None) -> None:
        if isinstance(value, str):
            value = FuzzyDate.parse(value)
        setattr(instance, self.date_attr, value.first if value else None)
        setattr(instance, self.precision_attr, value.precision if value else Precision.DAY)


def normalise_fuzzy_dates(instance: object, *names: str) -> None:
    """Move each stored `<name>_date` to the first day of its period (done in `clean()`)."""
    for name in names:
        value = getattr(instance, f"{name}_date")
        precision = getattr(instance, f"{name}_precision") or Precision.DAY
        if value is not None:
            setattr(instance, f"{name}_date", period_start(value, precision))


def overlap_q(
    prefix_first: str, prefix_last: str, start: date | None, end: date | None
) -> models.Q:
    """Q for rows whose [first, last] day range overlaps [start, end]; either end may be open."""
    q = models.Q()
    if end is not None:
        q &= models.Q(**{f"{prefix_first}__lte": end})
    if start is not None:
        q &= models.Q(**{f"{prefix_last}__gte": start})
    return q
