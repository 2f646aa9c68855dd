"""A URL per language: every public page, feed and calendar at /, /ko/ and /zh-hans/, with
hreflang alternates, x-default and a canonical of its own; only unprefixed pages redirect."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

from tests.factories import (
    DevelopmentFactory,
    EventCitationFactory,
    EventFactory,
    EventParticipationFactory,
    IssueFactory,
    PositionFactory,
    StanceFactory,
)
from tests.pages import FEED_PATHS, LANGUAGE_PREFIXES, PAGE_PATHS, assert_page_queries

pytestmark = pytest.mark.django_db
HREFLANG = {"en": "en", "ko": "ko", "zh-hans": "zh-Hans"}
OG_LOCALE = {"en": "en_US", "ko": "ko_KR", "zh-hans": "zh_CN"}
NAV = {"en": "Timeline", "ko": "타임라인", "zh-hans": "时间线"}
LATEST_FEED_TITLE = {"ko": "최신 행사와 경과", "zh-hans": "最新活动与进展"}


@pytest.fixture
def site(db):
    """One of each public object, with the slugs PAGE_PATHS and FEED_PATHS use."""
    event = EventFactory(slug="summit")
    person = PositionFactory(person__slug="lee", organization__slug="office").person
    EventParticipationFactory(event=event, person=person)
    source = EventCitationFactory(event=event).source
    issue = IssueFactory(slug="hallyu")
    event.issues.add(issue)
    StanceFactory(issue=issue)
    DevelopmentFactory(issue=issue, event=event)
    return {"source": source.get_absolute_url()}


def head_links(html: str) -> dict[str, str]:
    """rel=canonical and every hreflang alternate of a page, as {hreflang or "canonical": href}."""
    links = {}
    for tag in re.findall(r"<link [^>]*>", html.split("</head>", 1)[0]):
        href = re.search(r'href="([^"]*)"', tag).group(1)
        if 'rel="canonical"' in tag:
            links["canonical"] = href
        elif hreflang := re.search(r'hreflang="([^"]*)"', tag):
            links[hreflang.group(1)] = href
    return links


def all_paths(site) -> list[str]:
    return [*PAGE_PATHS, site["source"], *FEED_PATHS]


@pytest.mark.parametrize("language", list(LANGUAGE_PREFIXES))
def test_every_page_feed_and_calendar_answers_in_every_prefix(client, site, language):
    prefix = LANGUAGE_PREFIXES[language]
    for path in all_paths(site):
        response = client.get(prefix + path)

        assert response.status_code == 200, prefix + path
        assert response["Content-Language"] == language, prefix + path
        body = response.content.decode()
        if path.endswith(".rss"):
            assert f"<language>{language}</language>" in body, path
        elif path.endswith("/"):
            assert f'<html lang="{language}">' in body, path
            assert NAV[language] in body, path


@pytest.mark.parametrize("language", list(LANGUAGE_PREFIXES))
def test_every_page_names_each_language_x_default_and_its_own_canonical(client, site, language):
    base = settings.SITE_URL
    for path in [*PAGE_PATHS, site["source"]]:
        bare = path.split("?", 1)[0]
        html = client.get(LANGUAGE_PREFIXES[language] + path).content.decode()

        links = head_links(html)

        assert links["canonical"] == base + LANGUAGE_PREFIXES[language] + bare, path
        for code, tag in HREFLANG.items():
            assert links[tag] == base + LANGUAGE_PREFIXES[code] + bare, (path, tag)
        assert links["x-default"] == base + bare, path


@pytest.mark.parametrize("language", list(LANGUAGE_PREFIXES))
def test_open_graph_locale_is_the_pages_language(client, site, language):
    html = client.get(LANGUAGE_PREFIXES[language] + "/issues/hallyu/").content.decode()

    assert f'<meta property="og:locale" content="{OG_LOCALE[language]}">' in html
    for other, locale in OG_LOCALE.items():
        if other != language:
            assert f'<meta property="og:locale:alternate" content="{locale}">' in html
    assert (
        f'<meta property="og:url" content="{settings.SITE_URL}'
        f'{LANGUAGE_PREFIXES[language]}/issues/hallyu/">' in html
    )


# --- Which visits redirect ---


@pytest.mark.parametrize(
    ("accept", "location"),
    [("ko-KR,ko;q=0.9,en;q=0.5", "/ko/"), ("zh-CN,zh;q=0.9", "/zh-hans/")],
)
def test_an_unprefixed_visit_goes_to_the_browsers_language(client, site, accept, location):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == location
    vary = response["Vary"]
    assert "Accept-Language" in vary
    assert "Cookie" in vary


def test_the_redirect_keeps_the_path_and_query(client, site):
    response = client.get("/events/?country=KR&page=1", HTTP_ACCEPT_LANGUAGE="ko")

    assert response["Location"] == "/ko/events/?country=KR&page=1"


@pytest.mark.parametrize("accept", [None, "en-US,en;q=0.9,ko;q=0.5", "fr-FR,fr;q=0.9"])
def test_crawlers_and_english_readers_get_the_unprefixed_page_itself(client, site, accept):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}

    response = client.get("/issues/hallyu/", **headers)

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert "Accept-Language" in response["Vary"]  # a Korean reader would have been redirected


@pytest.mark.parametrize("language", ["ko", "zh-hans"])
def test_a_prefixed_page_never_redirects_nor_varies_by_browser_language(client, site, language):
    other = "zh-hans" if language == "ko" else "ko"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = other

    response = client.get(f"/{language}/issues/hallyu/", HTTP_ACCEPT_LANGUAGE=other)

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")


def test_feeds_and_calendars_at_unprefixed_urls_are_never_redirected(client, site):
    for path in FEED_PATHS:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="ko")
        assert response.status_code == 200, path
        assert response["Content-Language"] == "en", path


def test_the_admin_and_api_keep_choosing_by_browser_language(client, site):
    response = client.get("/api/v1/issues/", HTTP_ACCEPT_LANGUAGE="ko")

    assert response.status_code == 200
    assert response["Content-Language"] == "ko"
    assert client.get("/ko/api/v1/issues/").status_code == 404


def test_a_post_to_an_unprefixed_page_is_not_redirected(client, site):
    response = client.post("/search/", HTTP_ACCEPT_LANGUAGE="ko")

    assert response.status_code != 302


# --- The switcher ---


def switcher_links(html: str) -> dict[str, str]:
    nav = html.split('<nav class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    return {
        lang: href.replace("&amp;", "&")
        for href, lang in re.findall(r'<a href="([^"]*)" hreflang="[^"]*" lang="([^"]*)"', nav)
    }


def test_the_switcher_links_to_this_page_and_query_in_each_language(client, site):
    html = client.get("/ko/events/?country=KR&type=summit").content.decode()

    links = switcher_links(html)

    assert links == {
        "en": "/i18n/switch/en/?next=/events/%3Fcountry%3DKR%26type%3Dsummit",
        "ko": "/i18n/switch/ko/?next=/ko/events/%3Fcountry%3DKR%26type%3Dsummit",
        "zh-Hans": "/i18n/switch/zh-hans/?next=/zh-hans/events/%3Fcountry%3DKR%26type%3Dsummit",
    }
    assert '<nav class="language-switcher" aria-label="언어">' in html
    assert 'lang="ko" aria-current="true">한국어</a>' in html


def test_choosing_a_language_lands_on_the_same_page_in_it(client, site):
    html = client.get("/ko/issues/hallyu/?tab=1").content.decode()

    response = client.get(switcher_links(html)["zh-Hans"], follow=True)

    assert response.redirect_chain == [("/zh-hans/issues/hallyu/?tab=1", 302)]
    assert '<html lang="zh-hans">' in response.content.decode()


def test_choosing_english_sticks_for_a_korean_browser(client, site):
    korean = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9"}
    html = client.get("/ko/issues/hallyu/", **korean).content.decode()

    response = client.get(switcher_links(html)["en"], **korean)

    assert response["Location"] == "/issues/hallyu/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "no-store" in response["Cache-Control"]
    again = client.get("/", **korean)
    assert again.status_code == 200
    assert '<html lang="en">' in again.content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_the_switcher_goes_only_to_this_site(client, target):
    response = client.get("/i18n/switch/ko/", {"next": target})

    assert response["Location"] == "/"


def test_the_switcher_refuses_an_unknown_language(client):
    assert client.get("/i18n/switch/fr/", {"next": "/"}).status_code == 404


# --- Caches keep languages apart ---


def test_each_language_is_cached_apart(client, site):
    assert NAV["en"] in client.get("/issues/").content.decode()
    assert NAV["ko"] in client.get("/ko/issues/").content.decode()
    assert NAV["zh-hans"] in client.get("/zh-hans/issues/").content.decode()
    assert NAV["en"] in client.get("/issues/").content.decode()
    etags = {client.get(f"{p}/issues/")["ETag"] for p in LANGUAGE_PREFIXES.values()}
    assert len(etags) == 3


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize("language", ["ko", "zh-hans"])
def test_prefixed_issue_list_query_count_is_constant(
    client, rows, language, django_assert_num_queries
):
    IssueFactory.create_batch(rows)
    english = _count_queries(client, "/issues/")
    assert_page_queries(client, f"/{language}/issues/", django_assert_num_queries, english)


def _count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.web.cache import content_version

    content_version()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# --- Feeds and calendars in their language ---


@pytest.mark.parametrize("language", ["ko", "zh-hans"])
def test_a_feed_links_to_the_pages_of_its_language(client, site, language):
    prefix = LANGUAGE_PREFIXES[language]
    rss = client.get(f"{prefix}/issues/hallyu/feed.rss").content.decode()
    channel = ET.fromstring(rss).find("channel")

    assert channel.findtext("link") == f"http://testserver{prefix}/issues/hallyu/"
    assert channel.findtext("language") == language
    for item in channel.findall("item"):
        assert item.findtext("link").startswith(f"http://testserver{prefix}/"), item

    atom = client.get(f"{prefix}/feeds/latest.atom").content.decode()
    assert f'href="http://testserver{prefix}/"' in atom
    assert f'xml:lang="{language}"' in atom
    assert LATEST_FEED_TITLE[language] in atom


def test_a_calendar_links_to_the_event_page_of_its_language(client, site):
    ics = client.get("/ko/events/summit/calendar.ics").content.decode().replace("\r\n ", "")

    assert f"URL:{settings.SITE_URL.rstrip('/')}/ko/events/summit/" in ics


# --- The sitemap ---


def test_the_sitemap_lists_each_page_in_each_language_with_alternates(client, site):
    ns = {
        "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "xhtml": "http://www.w3.org/1999/xhtml",
    }
    root = ET.fromstring(client.get("/sitemap-issues.xml").content)

    urls = {u.findtext("sm:loc", namespaces=ns): u for u in root.findall("sm:url", ns)}

    expected = {f"http://testserver{p}/issues/hallyu/" for p in LANGUAGE_PREFIXES.values()}
    assert set(urls) == expected
    for url in urls.values():
        alternates = {
            link.get("hreflang").lower(): link.get("href") for link in url.findall("xhtml:link", ns)
        }
        assert alternates == {
            "en": "http://testserver/issues/hallyu/",
            "ko": "http://testserver/ko/issues/hallyu/",
            "zh-hans": "http://testserver/zh-hans/issues/hallyu/",
            "x-default": "http://testserver/issues/hallyu/",
        }


@pytest.mark.parametrize("language", ["ko", "zh-hans"])
def test_an_unknown_prefixed_page_is_a_404_in_its_language(client, language):
    response = client.get(f"/{language}/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert switcher_links(html)["en"] == "/i18n/switch/en/?next=/"


def test_the_switchers_cookie_is_lax_http_only_and_secure_when_asked(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = True

    cookie = client.get("/i18n/switch/ko/", {"next": "/ko/"}).cookies[settings.LANGUAGE_COOKIE_NAME]

    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]
    assert cookie["secure"]


@pytest.mark.parametrize(
    "path", ["/sitemap.xml", "/robots.txt", "/healthz", "/readyz", "/admin/login/", "/api/v1/"]
)
def test_site_wide_urls_have_no_language_prefix(client, path):
    assert client.get(path).status_code in (200, 302), path
    assert client.get(f"/ko{path}").status_code == 404, path
