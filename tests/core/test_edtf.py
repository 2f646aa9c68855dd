"""Dates in their ISO 8601-2 / EDTF form, checked by an independent EDTF parser (`edtf`)."""

from __future__ import annotations

import datetime as dt

import pytest
from edtf import parse_edtf

from core.dates import FuzzyDate, Precision
from tests.factories import EventFactory


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (FuzzyDate(dt.date(2026, 1, 5)), "2026-01-05"),
        (FuzzyDate(dt.date(2026, 1, 1), Precision.MONTH), "2026-01"),
        (FuzzyDate(dt.date(2026, 1, 1), Precision.QUARTER), "2026-33"),
        (FuzzyDate(dt.date(2026, 11, 1), Precision.QUARTER), "2026-36"),
        (FuzzyDate(dt.date(2026, 1, 1), Precision.YEAR), "2026"),
    ],
)
def test_edtf_form_means_the_same_period_to_an_edtf_parser(value, expected):
    assert value.edtf() == expected
    parsed = parse_edtf(value.edtf())
    assert dt.date(*parsed.lower_strict()[:3]) == value.first
    assert dt.date(*parsed.upper_strict()[:3]) == value.last
    assert FuzzyDate.parse(value.edtf()) == value


@pytest.mark.parametrize("text", ["2026-32", "2026-37", "2026-21"])
def test_other_edtf_season_codes_are_not_quarters(text):
    with pytest.raises(ValueError, match="month must be in 1..12|Not a date"):
        FuzzyDate.parse(text)


@pytest.mark.django_db
def test_api_dates_carry_edtf_and_filters_accept_it(client):
    EventFactory(slug="q1-talks", start_date=dt.date(2026, 1, 1), start_precision=Precision.QUARTER)
    EventFactory(slug="may-visit", start_date=dt.date(2026, 5, 3))
    body = client.get("/api/v1/events/q1-talks/").json()
    assert body["start"]["edtf"] == "2026-33"
    assert parse_edtf(body["start"]["edtf"]).upper_strict()[:3] == (2026, 3, 31)
    by_edtf = client.get("/api/v1/events/", {"date_from": "2026-33", "date_to": "2026-33"})
    by_quarter = client.get("/api/v1/events/", {"date_from": "2026-Q1", "date_to": "2026-Q1"})
    assert by_edtf.status_code == 200
    assert [e["slug"] for e in by_edtf.json()["results"]] == ["q1-talks"]
    assert by_edtf.json()["results"] == by_quarter.json()["results"]
    bad = client.get("/api/v1/events/", {"date_from": "2026-37"})
    assert bad.status_code == 400
    assert "date_from" in bad.json()
