"""The API's JSON is written by orjson (FastJSONRenderer), byte for byte what DRF's renderer writes."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from core.api.formats import FastJSONRenderer
from tests.factories import EventFactory, EventSeriesFactory

SEOUL = dt.timezone(dt.timedelta(hours=9))

PAYLOADS = [
    {},
    [],
    {"next": None, "previous": None, "results": []},
    {"title": "이재명–习近平 summit", "emoji": "🇰🇷🇨🇳", "quote": "He said \"no\"\\ then 'yes'"},
    {
        "separators": "\u2028 line \u2029 paragraph",
        "controls": "".join(map(chr, range(32))) + "\x7f",
    },
    {"nested": {"a": [1, -2, 0, True, False, None, {"b": [[], {}]}]}, "big": 2**63 - 1},
    {"lazy": gettext_lazy("Relations Tracker events"), "tuple": (1, "two")},
    {
        "aware": dt.datetime(2026, 1, 5, 9, 30, 15, 123456, tzinfo=dt.UTC),
        "seoul": dt.datetime(2026, 1, 5, 9, 30, tzinfo=SEOUL),
        "naive": dt.datetime(2026, 1, 5, 9, 30),
        "day": dt.date(2026, 1, 5),
        "time": dt.time(9, 30, 1, 500),
        "duration": dt.timedelta(hours=1, seconds=3),
    },
    {"id": uuid.UUID("12345678-1234-5678-1234-567812345678"), "amount": Decimal("12.50")},
    ReturnDict({"results": ReturnList([{"slug": "x"}], serializer=None)}, serializer=None),
    {"generator": (n * n for n in range(3))},
]


@pytest.mark.parametrize("data", PAYLOADS)
def test_same_bytes_as_drf(data):
    if isinstance(data, dict) and "generator" in data:  # consumed once: build it twice
        expected = JSONRenderer().render({"generator": (n * n for n in range(3))})
    else:
        expected = JSONRenderer().render(data)
    assert FastJSONRenderer().render(data) == expected


@pytest.mark.parametrize(
    "data",
    [{1: "int key"}, {"huge": 2**70}, {"nan": float("nan")}],
    ids=["non-string key", "integer past 64 bits", "nan"],
)
def test_what_orjson_refuses_is_left_to_drf(data):
    if "nan" in data:
        # DRF refuses NaN (strict JSON); orjson would write null. No answer holds a float.
        with pytest.raises(ValueError, match="Out of range float"):
            JSONRenderer().render(data)
        return
    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)


def test_indented_output_is_drfs():
    data = {"a": [1, {"b": "c"}]}
    media_type = "application/json; indent=4"
    assert FastJSONRenderer().render(data, media_type) == JSONRenderer().render(data, media_type)
    assert b"\n    " in FastJSONRenderer().render(data, media_type)


@pytest.mark.django_db
def test_api_answers_are_drfs_bytes(client):
    """Through the API: every list and detail answer re-rendered by DRF gives the same bytes."""
    series = EventSeriesFactory(name="한중 전략대화")
    EventFactory(slug="dialogue", title="Dialogue\u2028with 习近平", series=series, round_number=2)
    for url in ("/api/v1/events/", "/api/v1/events/dialogue/", "/api/v1/events/?lang=ko"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.content == JSONRenderer().render(response.data), url
        assert b"\\u2028" in response.content
