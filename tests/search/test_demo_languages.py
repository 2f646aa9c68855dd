"""Issue 10: search finds each demo issue by a Korean and by a Chinese phrase from its translated
summary (no spaces between words in Chinese, few in Korean), on SQLite and PostgreSQL alike."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from issues.models import Issue

HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]{3,}")
HAN_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo, db) -> None:
    """The demo dataset, with its Korean and Chinese."""


def phrase(text: str, pattern: re.Pattern[str]) -> str:
    """The longest run of the script in `text` (from the middle of a sentence, not its start),
    cut to 4 characters: what a reader would type, not a whole summary."""
    runs = sorted(pattern.findall(re.sub(r"<[^>]+>", " ", text)), key=len, reverse=True)
    assert runs, text
    run = runs[0]
    return run[1:5] if len(run) >= 5 else run[:4]


def issues_with_phrases() -> list[tuple[str, str, str]]:
    return [
        (issue.slug, phrase(issue.summary_ko, HANGUL_RUN), phrase(issue.summary_zh_hans, HAN_RUN))
        for issue in Issue.objects.published().order_by("slug")
    ]


def test_every_demo_issue_is_found_by_a_korean_and_a_chinese_phrase(demo, client):
    found = issues_with_phrases()
    assert len(found) >= 5
    for slug, korean, chinese in found:
        for prefix, query in (("/ko", korean), ("/zh-hans", chinese)):
            page = client.get(f"{prefix}/search/", {"q": query})
            assert page.status_code == 200
            assert f"/issues/{slug}/" in page.content.decode(), (slug, query)
            listed = client.get("/api/v1/issues/", {"q": query})
            assert slug in {row["slug"] for row in listed.json()["results"]}, (slug, query)
            assert slug in {i.slug for i in Issue.objects.published().search(query)}, query
