"""Date expressions in a report, resolved against its publication date, with their precision.

Finding the expressions is ours (patterns below, longest first); resolving a day written in words
("Jan. 5", "January 5, 2026", "1월 5일") is dateparser's, with the publication date as the
relative base. Our own rules cover what dateparser does not read as a period: quarters
("within the January-March period"), months ("early in January", "in April": the month closest
to the publication date), years ("last year", "2016"), weekdays ("Tuesday": the last one on or
before the publication day) and Chinese dates ("1月5日").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.dates import FuzzyDate, Precision

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    value: FuzzyDate
    rule: str

    @property
    def iso(self) -> str:
        return self.value.iso()


def _month_number(word: str) -> int:
    word = word.casefold().rstrip(".")
    return MONTHS["sept" if word.startswith("sept") else word[:3]]


_PAST = re.compile(
    r"\b(since|took|taking office|was|were|had|did|held|last|ago|visited|met)\b", re.I
)
_FUTURE = re.compile(
    r"\b(will|would|planned|plans?|expected|upcoming|ahead|anticipated|next|pursuing)\b", re.I
)


def _tense(before: str) -> str:
    """'past' or 'future' from the words just before a date, '' when they say neither."""
    past, future = _PAST.findall(before), _FUTURE.findall(before)
    if past and not future:
        return "past"
    if future and not past:
        return "future"
    return ""


def _nearest_year(month: int, base: date, hint: str = "") -> int:
    """The year that puts `month` closest to `base` (a December report's "April" is next year);
    with a tense hint, the closest on that side of the publication month."""
    candidates = [base.year - 1, base.year, base.year + 1]
    if hint == "past":
        candidates = [y for y in candidates if (y, month) <= (base.year, base.month)]
    elif hint == "future":
        candidates = [y for y in candidates if (y, month) >= (base.year, base.month)]
    return min(candidates, key=lambda y: abs((date(y, month, 15) - base).days))


def _parse_day(text: str, base: date) -> date | None:
    import dateparser  # imported on first use: it loads its language data once

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month"],
    }
    parsed = dateparser.parse(text, languages=["en", "ko", "zh"], settings=settings)
    return parsed.date() if parsed else None


_EN_MONTHS = {
    1: "January",
    2: "February",
    3: "March",
    4: "April",
    5: "May",
    6: "June",
    7: "July",
    8: "August",
    9: "September",
    10: "October",
    11: "November",
    12: "December",
}


def _quarter_of(first_month: int, last_month: int) -> int | None:
    if first_month % 3 == 1 and last_month == first_month + 2:
        return (first_month - 1) // 3 + 1
    return None


PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso-day", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    (
        "quarter-range",
        re.compile(
            rf"\b(?P<m1>{_MONTH})\.?\s*(?:-|–|—|to|through)\s*(?P<m2>{_MONTH})\.?"
            r"(?:\s+period)?(?:,?\s+(?P<y>\d{4}))?",
        ),
    ),
    (
        "quarter-words",
        re.compile(
            r"\b(?P<n>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(?P<y>\d{4}))?",
            re.I,
        ),
    ),
    (
        "month-day-year",
        re.compile(
            rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
            r"(?:,?\s+(?P<y>\d{4})|,?\s+(?P<rel>last|this|next)\s+year)?"
        ),
    ),
    (
        "day-month-year",
        re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH})\.?(?:,?\s+(?P<y>\d{{4}}))?\b"),
    ),
    ("month-year", re.compile(rf"\b(?P<mon>{_MONTH})\.?,?\s+(?P<y>\d{{4}})\b")),
    (
        "month",
        re.compile(
            rf"\b(?P<pre>(?:early|late|mid|earlier|later)[\s-](?:in\s+)?|in\s+|since\s+|by\s+)"
            rf"(?P<mon>{_MONTH})\b(?!\s+\d)"
        ),
    ),
    ("ko-day", re.compile(r"(?:(?P<y>\d{4})년\s*)?(?P<m>\d{1,2})월\s*(?P<d>\d{1,2})일")),
    ("ko-month", re.compile(r"(?:(?P<y>\d{4})년\s*)?(?P<m>\d{1,2})월(?!\s*\d)")),
    ("zh-day", re.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]")),
    ("zh-month", re.compile(r"(?:(?P<y>\d{4})年)(?P<m>\d{1,2})月(?!\d)")),
    ("relative-year", re.compile(r"\b(?P<which>last|this|next)\s+year\b", re.I)),
    ("this-month", re.compile(r"\b(?P<which>earlier this|this|last|next)\s+month\b", re.I)),
    (
        "weekday",
        re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    ),
    ("year", re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d{2})(?:년|年)?(?![\d-])")),
]


def find_dates(text: str, published: FuzzyDate | date) -> list[DateMention]:
    """Every date expression in `text`, longest and most specific first, never overlapping.

    A weekday is resolved only against a publication day; against a month it gives the month.
    """
    if isinstance(published, FuzzyDate):
        coarse = published.precision != Precision.DAY
        published = published.first if not coarse else published.first + timedelta(days=14)
    else:
        coarse = False
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for rule, pattern in PATTERNS:
        for match in pattern.finditer(text):
            a, b = match.span()
            if not free(a, b):
                continue
            hint = _tense(text[max(0, a - 60) : a])
            value = _resolve(rule, match, published, hint, coarse)
            if value is None:
                continue
            taken.append((a, b))
            found.append(DateMention(a, b, match.group(0), value, rule))
    found.sort(key=lambda m: m.start)
    return found


def _year(match: re.Match[str], default: int | None = None) -> int | None:
    y = match.groupdict().get("y")
    return int(y) if y else default


def _resolve(
    rule: str, match: re.Match[str], base: date, hint: str = "", coarse: bool = False
) -> FuzzyDate | None:
    g = match.groupdict()
    try:
        if rule == "iso-day":
            return FuzzyDate(date(int(g["y"]), int(g["m"]), int(g["d"])))
        if rule == "quarter-range":
            m1, m2 = _month_number(g["m1"]), _month_number(g["m2"])
            quarter = _quarter_of(m1, m2)
            if quarter is None:
                return None
            year = _year(match) or _nearest_year(m1 + 1, base)
            return FuzzyDate(date(year, 3 * quarter - 2, 1), Precision.QUARTER)
        if rule == "quarter-words":
            n = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(g["n"].casefold())
            n = n or int(g["n"][0])
            return FuzzyDate(date(_year(match, base.year), 3 * n - 2, 1), Precision.QUARTER)
        if rule in ("month-day-year", "day-month-year"):
            month, day = _month_number(g["mon"]), int(g["d"])
            year = _year(match) or _nearest_year(month, base, hint)
            if g.get("rel"):
                year = base.year + {"last": -1, "this": 0, "next": 1}[g["rel"].casefold()]
            parsed = _parse_day(f"{_EN_MONTHS[month]} {day}, {year}", base)
            return FuzzyDate(parsed or date(year, month, day))
        if rule == "month-year":
            return FuzzyDate(date(int(g["y"]), _month_number(g["mon"]), 1), Precision.MONTH)
        if rule == "month":
            month = _month_number(g["mon"])
            return FuzzyDate(date(_nearest_year(month, base, hint), month, 1), Precision.MONTH)
        if rule in ("ko-day", "zh-day"):
            month, day = int(g["m"]), int(g["d"])
            year = _year(match) or _nearest_year(month, base)
            parsed = _parse_day(match.group(0), base) if rule == "ko-day" and g["y"] else None
            return FuzzyDate(parsed or date(year, month, day))
        if rule in ("ko-month", "zh-month"):
            month = int(g["m"])
            year = _year(match) or _nearest_year(month, base)
            return FuzzyDate(date(year, month, 1), Precision.MONTH)
        if rule == "relative-year":
            shift = {"last": -1, "this": 0, "next": 1}[g["which"].casefold()]
            return FuzzyDate(date(base.year + shift, 1, 1), Precision.YEAR)
        if rule == "this-month":
            which = g["which"].casefold()
            if which == "last":
                first = (base.replace(day=1) - timedelta(days=1)).replace(day=1)
            elif which == "next":
                first = (base.replace(day=28) + timedelta(days=4)).replace(day=1)
            else:
                first = base.replace(day=1)
            return FuzzyDate(first, Precision.MONTH)
        if rule == "weekday":
            wanted = _WEEKDAYS.index(g["wd"].casefold())
            if coarse:
                return FuzzyDate(base, Precision.MONTH)
            back = (base.weekday() - wanted) % 7
            return FuzzyDate(base - timedelta(days=back))
        if rule == "year":
            return FuzzyDate(date(int(g["y"]), 1, 1), Precision.YEAR)
    except (ValueError, KeyError):
        return None
    return None
