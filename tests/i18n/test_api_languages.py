"""The API answers in the language asked for: `?lang=`, else Accept-Language, else English."""

from __future__ import annotations

import csv
import io

import icalendar
import pytest

from tests.api_utils import get_json
from tests.factories import (
    EventFactory,
    IssueFactory,
    OrganizationFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/events/"


@pytest.fixture
def talks():
    return EventFactory(
        slug="talks",
        title="Foreign ministers meet",
        title_ko="외교장관 회담",
        title_zh_hans="外长会晤",
        summary="They met in Seoul.",
        summary_ko="서울에서 만났다.",
    )


@pytest.mark.parametrize(
    ("query", "headers", "title", "summary", "language"),
    [
        ("", {}, "Foreign ministers meet", "They met in Seoul.", "en"),
        ("?lang=ko", {}, "외교장관 회담", "서울에서 만났다.", "ko"),
        ("?lang=zh-hans", {}, "外长会晤", "They met in Seoul.", "zh-hans"),
        ("", {"HTTP_ACCEPT_LANGUAGE": "ko"}, "외교장관 회담", "서울에서 만났다.", "ko"),
        (
            "",
            {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"},
            "外长会晤",
            "They met in Seoul.",
            "zh-hans",
        ),
        (
            "?lang=en",
            {"HTTP_ACCEPT_LANGUAGE": "ko"},
            "Foreign ministers meet",
            "They met in Seoul.",
            "en",
        ),
    ],
)
def test_list_and_detail_answer_in_the_language_asked_for(
    client, talks, query, headers, title, summary, language
):
    for url in (f"{EVENTS}{query}", f"{EVENTS}talks/{query}"):
        response = client.get(url, **headers)
        assert response.status_code == 200
        payload = response.json()
        row = payload["results"][0] if "results" in payload else payload
        assert (row["title"], row["summary"]) == (title, summary)
        assert response["Content-Language"] == language
        assert "Accept-Language" in response["Vary"]


def test_detail_carries_every_language_with_null_for_missing(client, talks):
    payload = get_json(client, f"{EVENTS}talks/?lang=ko")
    assert payload["translations"]["en"]["title"] == "Foreign ministers meet"
    assert payload["translations"]["ko"]["summary"] == "서울에서 만났다."
    assert payload["translations"]["zh-hans"] == {
        "title": "外长会晤",
        "summary": None,
        "body": None,
    }


def test_an_unknown_lang_is_a_400_naming_the_parameter(client, talks):
    response = client.get(f"{EVENTS}?lang=fr")
    assert response.status_code == 400
    assert "lang" in response.json()


def test_issue_and_organization_details_carry_translations(client):
    IssueFactory(slug="fisheries", title="Fisheries", title_ko="어업 분쟁")
    OrganizationFactory(slug="mofa", name="Ministry of Foreign Affairs", name_zh_hans="外交部")
    issue = get_json(client, "/api/v1/issues/fisheries/?lang=ko")
    assert issue["title"] == "어업 분쟁"
    assert issue["translations"]["ko"]["title"] == "어업 분쟁"
    organization = get_json(client, "/api/v1/organizations/mofa/?lang=zh-hans")
    assert organization["name"] == "外交部"
    assert organization["translations"]["ko"]["name"] is None


def test_a_source_keeps_its_headline_and_gives_our_translation_apart(client):
    source = SourceFactory(
        title="한중 외교장관 회담", language="ko", translated_title_en="Korea–China foreign talks"
    )
    payload = get_json(client, f"/api/v1/sources/{source.pk}/?lang=en")
    assert payload["title"] == "한중 외교장관 회담"
    assert payload["translated_title"] == "Korea–China foreign talks"
    assert payload["translations"]["zh-hans"]["translated_title"] is None
    korean = get_json(client, f"/api/v1/sources/{source.pk}/?lang=zh-hans")
    assert korean["translated_title"] is None


def test_a_statement_keeps_its_quote_and_gives_our_translation_apart(client):
    statement = StatementFactory(
        text="我们欢迎", language="zh-Hans", translated_text_en="We welcome"
    )
    payload = get_json(client, f"/api/v1/statements/{statement.pk}/")
    assert (payload["text"], payload["language"]) == ("我们欢迎", "zh-Hans")
    assert payload["translated_text"] == "We welcome"


def test_csv_follows_lang(client, talks):
    response = client.get(f"{EVENTS}?format=csv&lang=ko")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["title"] == "외교장관 회담"
    assert response["Content-Language"] == "ko"


def test_csv_download_follows_lang(client, talks):
    response = client.get(f"{EVENTS}download/?lang=zh-hans")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.DictReader(io.StringIO(body)))[0]["title"] == "外长会晤"


def test_ics_follows_lang(client, talks):
    response = client.get(f"{EVENTS}?format=ics&lang=ko")
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "외교장관 회담"
    assert response["Content-Language"] == "ko"


def test_the_language_asked_for_does_not_stick_to_the_next_request(client, talks):
    get_json(client, f"{EVENTS}?lang=ko")
    assert get_json(client, EVENTS)["results"][0]["title"] == "Foreign ministers meet"


def test_the_openapi_schema_documents_lang_and_translations(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/events/{slug}/"]["get"]
    lang = next(p for p in operation["parameters"] if p["name"] == "lang")
    assert lang["schema"]["enum"] == ["en", "ko", "zh-hans"]
    assert "Content-Language" in operation["responses"]["200"]["headers"]
    detail = schema["components"]["schemas"]["EventDetail"]
    assert set(detail["properties"]["translations"]["properties"]) == {"en", "ko", "zh-hans"}


def test_the_popolo_export_stays_in_english_whatever_the_reader(client):
    OrganizationFactory(slug="mofa", name="Ministry of Foreign Affairs", name_ko="외교부")
    response = client.get("/api/v1/export/popolo/", HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    body = response.content.decode()
    assert "Ministry of Foreign Affairs" in body
    assert "외교부" not in body
