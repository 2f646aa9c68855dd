from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from core.dates import FuzzyDate, Precision, display_range


@pytest.mark.parametrize(
    ("text", "first", "last", "display"),
    [
        ("2026-01-05", dt.date(2026, 1, 5), dt.date(2026, 1, 5), "5 January 2026"),
        ("2025-11", dt.date(2025, 11, 1), dt.date(2025, 11, 30), "November 2025"),
        ("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31), "January–March 2026"),
        ("2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "2026"),
    ],
)
def test_parse_gives_period_bounds_and_display(text, first, last, display):
    with translation.override("en"):
        value = FuzzyDate.parse(text)
        assert (value.first, value.last, value.display()) == (first, last, display)
    assert FuzzyDate.parse(value.iso()) == value


def test_a_date_inside_a_quarter_is_moved_to_the_quarter_start():
    assert FuzzyDate(dt.date(2026, 2, 17), Precision.QUARTER).first == dt.date(2026, 1, 1)


@pytest.mark.parametrize("bad", ["yesterday", "2026-13", "2026-Q5", "2026-02-30", ""])
def test_parse_rejects_what_is_not_a_date(bad):
    with pytest.raises(ValueError, match="date|month|day"):
        FuzzyDate.parse(bad)


def test_sorting_is_by_first_day_then_shorter_period_first():
    values = [FuzzyDate.parse(t) for t in ["2026", "2026-01-05", "2026-Q1", "2025-11"]]
    assert [v.iso() for v in sorted(values)] == ["2025-11", "2026-Q1", "2026", "2026-01-05"]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2026, 2, 10), dt.date(2026, 2, 10), True),
        (dt.date(2026, 3, 31), None, True),
        (None, dt.date(2026, 1, 1), True),
        (dt.date(2026, 4, 1), None, False),
        (None, dt.date(2025, 12, 31), False),
    ],
)
def test_quarter_overlaps_ranges_touching_any_of_its_days(start, end, expected):
    assert FuzzyDate.parse("2026-Q1").overlaps(start, end) is expected


def test_range_display_in_one_month():
    with translation.override("en"):
        text = display_range(FuzzyDate.parse("2026-01-04"), FuzzyDate.parse("2026-01-07"))
    assert text == "4–7 January 2026"


# Each precision as people write it in each language (Django's ko and zh_Hans formats, ours for
# quarters and years).
DISPLAY_IN_EACH_LANGUAGE = {
    "2026-01-05": {"en": "5 January 2026", "ko": "2026년 1월 5일", "zh-hans": "2026年1月5日"},
    "2026-01": {"en": "January 2026", "ko": "2026년 1월", "zh-hans": "2026年1月"},
    "2026-Q1": {"en": "January–March 2026", "ko": "2026년 1분기", "zh-hans": "2026年第一季度"},
    "2026-Q2": {"en": "April–June 2026", "ko": "2026년 2분기", "zh-hans": "2026年第二季度"},
    "2026-Q3": {"en": "July–September 2026", "ko": "2026년 3분기", "zh-hans": "2026年第三季度"},
    "2026-Q4": {"en": "October–December 2026", "ko": "2026년 4분기", "zh-hans": "2026年第四季度"},
    "2026": {"en": "2026", "ko": "2026년", "zh-hans": "2026年"},
}


@pytest.mark.parametrize("language", ["en", "ko", "zh-hans"])
@pytest.mark.parametrize("text", list(DISPLAY_IN_EACH_LANGUAGE))
def test_each_precision_reads_as_people_write_it_in_each_language(text, language):
    with translation.override(language):
        assert FuzzyDate.parse(text).display() == DISPLAY_IN_EACH_LANGUAGE[text][language]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2026-01-05", "2026-01-05"),
        ("2026-01", "2026-01"),
        # No HTML value means "a quarter"; its year claims neither a day nor a single month.
        ("2026-Q2", "2026"),
        ("2026", "2026"),
    ],
)
def test_html_datetime_never_claims_a_day_it_does_not_know(text, value):
    assert FuzzyDate.parse(text).html_datetime() == value


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Jan 26"), ("ko", "26년 1월"), ("zh-hans", "26年1月")]
)
def test_a_chart_axis_month_is_written_the_local_way(language, text):
    from core.dates import short_year_month

    with translation.override(language):
        assert short_year_month(dt.date(2026, 1, 1)) == text
