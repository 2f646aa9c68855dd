"""Public pages print content in the reader's language, or the English marked lang="en"."""

from __future__ import annotations

import re

import pytest

from tests.factories import (
    EventFactory,
    IssueFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    SourceFactory,
    StatementFactory,
    TitleFactory,
)

pytestmark = pytest.mark.django_db

MARKER = {"ko": "아직 번역되지 않음", "zh-hans": "尚未翻译"}


def page(client, url: str, language: str, *, redirected: bool = False) -> str:
    """The page at its URL in `language` (/ko/…, /zh-hans/…), or, `redirected`, as a reader
    whose browser asks for the language arrives at the unprefixed URL."""
    if redirected:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language, follow=True)
    else:
        response = client.get(url if language == "en" else f"/{language}{url}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def issue():
    return IssueFactory(
        slug="fisheries",
        title="Fishing in the Yellow Sea",
        title_ko="서해 어업 분쟁",
        title_zh_hans="黄海渔业争端",
        summary="Boats keep crossing the line.",
        summary_ko="어선들이 계속 선을 넘는다.",
    )


@pytest.mark.parametrize(
    ("language", "title", "redirected"),
    [("ko", "서해 어업 분쟁", False), ("zh-hans", "黄海渔业争端", True)],
)
def test_a_translated_title_is_shown_in_the_readers_language(
    client, issue, language, title, redirected
):
    html = page(client, "/issues/fisheries/", language, redirected=redirected)
    assert f"<h1>{title}</h1>" in html


def test_a_missing_translation_shows_the_english_marked_lang_en_with_a_marker(client, issue):
    html = page(client, "/issues/fisheries/", "zh-hans")
    assert re.search(
        r'<span lang="en" class="fallback">Boats keep crossing the line\.</span>'
        r' <span class="untranslated"[^>]*>' + MARKER["zh-hans"] + "</span>",
        html,
    )


def test_a_translated_summary_has_no_marker(client, issue):
    html = page(client, "/issues/fisheries/", "ko")
    assert "어선들이 계속 선을 넘는다." in html
    assert MARKER["ko"] not in html.split("<main", 1)[1].split("lede", 1)[1].split("</p>", 1)[0]


def test_english_readers_see_no_marker(client, issue):
    html = page(client, "/issues/fisheries/", "en")
    assert "Boats keep crossing the line." in html
    assert 'class="untranslated"' not in html


def test_an_untranslated_body_falls_back_in_a_block_marked_english(client):
    EventFactory(slug="talks", title="Talks", body="<p>Long account.</p>")
    html = page(client, "/events/talks/", "ko")
    assert '<div lang="en" class="fallback"><p>Long account.</p></div>' in html
    assert MARKER["ko"] in html


def test_a_position_title_from_the_glossary_reads_in_each_language(client):
    minister = TitleFactory(
        name="Minister of Foreign Affairs", name_ko="외교부 장관", name_zh_hans="外交部长"
    )
    person = PersonFactory(slug="cho")
    PositionFactory(person=person, glossary_title=minister, organization=OrganizationFactory())
    assert "외교부 장관" in page(client, "/people/cho/", "ko")
    assert "外交部长" in page(client, "/people/cho/", "zh-hans")


def test_a_statement_keeps_its_quote_and_shows_our_translation_marked(client):
    person = PersonFactory(slug="wang")
    StatementFactory(
        speaker=person, text="我们欢迎", language="zh-Hans", translated_text_ko="환영합니다"
    )
    html = page(client, "/people/wang/", "ko")
    assert '<span lang="zh-Hans">我们欢迎</span>' in html
    assert '<span class="translation">환영합니다</span>' in html
    assert "우리의 번역" in html


def test_a_source_headline_stays_as_published_with_its_language(client):
    source = SourceFactory(
        title="한중 회담", language="ko", translated_title_en="Korea–China talks"
    )
    html = page(client, f"/sources/{source.pk}/", "en")
    assert "Korea–China talks" in html
    assert '<span lang="ko">한중 회담</span>' in html
    # A Korean reader reads the Korean headline itself, no translation, no marker.
    korean = page(client, f"/sources/{source.pk}/", "ko")
    assert '<h1><span lang="ko">한중 회담</span></h1>' in korean


def test_feeds_and_calendars_follow_the_language(client, issue):
    EventFactory(slug="talks", title="Talks", title_ko="회담")
    assert "회담" in page(client, "/events/calendar.ics", "ko")
    assert "서해 어업 분쟁" in page(client, "/issues/fisheries/feed.rss", "ko")


def test_structured_data_is_in_the_page_language(client):
    EventFactory(slug="talks", title="Talks", title_ko="회담", summary="Met.", summary_ko="만났다.")
    html = page(client, "/events/talks/", "ko")
    data = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert '"name": "회담"' in data or '"name":"회담"' in data
