"""Every public page renders in English, Korean and Simplified Chinese, at its URL per language
(/, /ko/, /zh-hans/; core.web.language)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from tests.factories import (
    EventCitationFactory,
    EventFactory,
    EventParticipationFactory,
    IssueFactory,
    OrganizationFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

PAGES = {
    "home": "/",
    "events": "/events/",
    "event": "/events/summit/",
    "people": "/people/",
    "person": "/people/cho-hyun/",
    "issues": "/issues/",
    "issue": "/issues/hallyu-ban/",
    "organization": "/organizations/mofa/",
    "sources": "/sources/",
    "search": "/search/?q=Cho",
}
# The URL prefix of each language (English has none).
PREFIX = {"en": "", "ko": "/ko", "zh-hans": "/zh-hans"}
# Text every page shows (the main navigation), as each language writes it.
NAV = {"en": "Timeline", "ko": "타임라인", "zh-hans": "时间线"}
# Something specific to each page, in each language.
PAGE_TEXT = {
    "events": {"en": "Filter events", "ko": "행사 필터", "zh-hans": "筛选活动"},
    "event": {"en": "Who took part", "ko": "참석자", "zh-hans": "参与者"},
    "person": {"en": "Events attended", "ko": "참석한 행사", "zh-hans": "参加的活动"},
    "issue": {"en": "Where each side stands", "ko": "양측의 입장", "zh-hans": "双方立场"},
    "sources": {"en": "Cited by:", "ko": "인용한 항목:", "zh-hans": "引用者："},
}
# Dates follow the language too: 5 January 2026.
EVENT_DATE = {"en": "5 January 2026", "ko": "2026년 1월 5일", "zh-hans": "2026年1月5日"}


@pytest.fixture
def site_content():
    organization = OrganizationFactory(slug="mofa", name="Ministry of Foreign Affairs")
    position = PositionFactory(organization=organization, title="Foreign Minister")
    person = position.person
    person.slug, person.display_name = "cho-hyun", "Cho Hyun"
    person.save()
    event = EventFactory(slug="summit", title="Summit", start_date=dt.date(2026, 1, 5))
    EventParticipationFactory(event=event, person=person)
    EventCitationFactory(event=event)
    issue = IssueFactory(slug="hallyu-ban", title="Hallyu ban")
    issue.events.add(event)


@pytest.mark.parametrize("language", ["en", "ko", "zh-hans"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_in_the_language_of_its_url(client, site_content, name, language):
    response = client.get(PREFIX[language] + PAGES[name])

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert NAV[language] in html
    if name in PAGE_TEXT:
        assert PAGE_TEXT[name][language] in html


@pytest.mark.parametrize("language", ["ko", "zh-hans"])
def test_the_switchers_cookie_sends_an_unprefixed_visit_to_that_language(
    client, site_content, language
):
    # The language switcher stores the choice in this cookie.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get("/events/summit/", follow=True)

    assert response.redirect_chain == [(f"{PREFIX[language]}/events/summit/", 302)]
    assert f'<html lang="{language}"' in response.content.decode()


@pytest.mark.parametrize(
    ("accept", "language"), [("ko-KR,ko;q=0.9", "ko"), ("zh-CN,zh;q=0.9", "zh-hans")]
)
def test_browser_language_is_honoured_without_a_cookie(client, site_content, accept, language):
    response = client.get("/events/summit/", HTTP_ACCEPT_LANGUAGE=accept, follow=True)

    assert response.redirect_chain == [(f"{PREFIX[language]}/events/summit/", 302)]
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert EVENT_DATE[language] in html


def test_cached_page_is_not_served_in_the_wrong_language(client, site_content):
    assert NAV["en"] in client.get("/events/").content.decode()

    html = client.get("/ko/events/").content.decode()

    assert NAV["ko"] in html
    assert EVENT_DATE["ko"].rsplit(" ", 1)[0] in html  # the month heading: 2026년 1월


def test_quarter_dates_read_naturally_in_each_language(client, site_content):
    EventFactory(title="Talks", start_date=dt.date(2026, 1, 1), start_precision="quarter")
    expected = {"en": "January–March 2026", "ko": "2026년 1분기", "zh-hans": "2026年第一季度"}

    for language, text in expected.items():
        assert text in client.get(f"{PREFIX[language]}/events/").content.decode(), language


def test_an_unannounced_place_is_said_in_the_page_language(client, site_content):
    """JSON-LD's location name for an event with no place known (was English on every page)."""
    EventFactory(slug="somewhere", city="", venue="", country="", kind="ministerial")
    expected = {"en": "Place not announced", "ko": "장소 미발표", "zh-hans": "地点未公布"}
    for language, text in expected.items():
        html = client.get(f"{PREFIX[language]}/events/somewhere/").content.decode()
        assert f'"name": "{text}"' in html or f'"name":"{text}"' in html, language
