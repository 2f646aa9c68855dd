"""bench/extraction.py's scorer on the five seed articles meets the targets of issue 9."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from bench.extraction import SEEDS, TARGETS, meets_targets, report, score_all

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside the project")
def test_the_reader_meets_the_targets_on_the_seed_articles():
    call_command("load_demo", stdout=io.StringIO())

    totals = score_all()

    assert meets_targets(totals) == [], report(totals, misses=True)
    assert set(TARGETS) == {"people", "dates", "quotes", "issues"}
    # dates are scored on the day *and* the precision: every labelled one was read
    assert totals["dates"]["wanted"] == 29
