"""Activity chart: events per month, drawn as server-rendered SVG with a table alternative."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import formats

from core.dates import short_year_month

WIDTH = 640
HEIGHT = 180
LABEL_SPACE = 28
TOP_SPACE = 16
MAX_MONTHS = 24
# A short history is still drawn over a year, so a single busy month is not one giant bar.
MIN_MONTHS = 12


@dataclass(frozen=True)
class Bar:
    month: date
    count: int
    x: float
    cx: float
    y: float
    width: float
    height: float
    label: str
    short_label: str
    show_label: bool


def _months_between(first: date, last: date) -> list[date]:
    months, current = [], date(first.year, first.month, 1)
    while current <= last:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def _months_back(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def monthly_counts(events: QuerySet) -> dict[date, int]:
    """Events per month of their start (one aggregate query)."""
    rows = (
        events.order_by()
        .annotate(month=TruncMonth("start_date"))
        .values("month")
        .annotate(count=Count("id"))
        .values_list("month", "count")
    )
    counts: dict[date, int] = {}
    for month, count in rows:
        key = date(month.year, month.month, 1)
        counts[key] = counts.get(key, 0) + count
    return counts


def activity_chart(counts: dict[date, int]) -> dict[str, object] | None:
    """Geometry for the SVG bars (at most the last 24 months with data), or None if empty."""
    if not counts:
        return None
    last = max(counts)
    first = min(min(counts), _months_back(last, MIN_MONTHS - 1))
    months = _months_between(first, last)[-MAX_MONTHS:]
    peak = max(counts.get(m, 0) for m in months) or 1
    slot = WIDTH / len(months)
    plot_height = HEIGHT - LABEL_SPACE - TOP_SPACE
    label_every = max(1, len(months) // 8)
    bars = []
    for index, month in enumerate(months):
        count = counts.get(month, 0)
        height = plot_height * count / peak
        bars.append(
            Bar(
                month=month,
                count=count,
                x=round(index * slot + slot * 0.15, 2),
                cx=round(index * slot + slot / 2, 2),
                y=round(TOP_SPACE + plot_height - height, 2),
                width=round(slot * 0.7, 2),
                height=round(height, 2),
                label=formats.date_format(month, "YEAR_MONTH_FORMAT"),
                short_label=short_year_month(month),
                # Counted from the newest month, so the last bar is labelled and no two labels collide.
                show_label=(len(months) - 1 - index) % label_every == 0,
            )
        )
    return {
        "bars": bars,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": HEIGHT - LABEL_SPACE,
        "label_y": HEIGHT - LABEL_SPACE + 16,
        "peak": peak,
        "total": sum(b.count for b in bars),
        "first": bars[0].label,
        "last": bars[-1].label,
    }
