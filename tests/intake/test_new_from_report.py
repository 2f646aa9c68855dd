"""The "New from a report" admin page (issue 9): paste, read, tick, create drafts citing the source."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from lxml import etree

from events.models import Event, EventCitation, Source, Statement
from issues.models import Development
from people.models import Person
from tests.factories import SourceFactory
from tests.intake.conftest import form_data

pytestmark = pytest.mark.django_db
URL = reverse("intake:new_from_report")


def _counts():
    return (
        Event.objects.count(),
        Source.objects.count(),
        Person.objects.count(),
        Statement.objects.count(),
        Development.objects.count(),
    )


def _read(client, text, **meta):
    return client.post(URL, {"step": "read", "text": text, **meta})


def test_the_page_is_for_staff_only(editor_client):
    assert Client().get(URL).status_code == 302  # to the admin sign-in
    page = editor_client.get(URL)
    assert page.status_code == 200
    assert 'name="text"' in page.content.decode()


def test_reading_article_003_proposes_without_writing(editor_client, known, article_003):
    before = _counts()

    page = _read(editor_client, article_003, published="2025-12-18")

    assert page.status_code == 200
    html = page.content.decode()
    assert _counts() == before
    # the text with every proposal highlighted where found
    assert '<mark class="intake-person" title="Park Yoon-joo">Park Yoon-joo</mark>' in html
    assert '<mark class="intake-date" title="2026-04">in April</mark>' in html
    assert 'class="intake-issue"' in html
    assert '<q class="intake-quote">' in html
    # marks and quotes nest properly (a strict XML parse of the highlighted text)
    highlighted = re.search(r'id="intake-text"[^>]*>(.*?)</div>', html, re.S).group(1)
    etree.fromstring(f"<div>{highlighted}</div>".encode())
    data = form_data(html, "intake-proposals")
    # the dialogue proposed as a new strategic dialogue in Beijing on 2025-12-18, held
    assert data["event_choice"] == "new:0"
    assert data["newevent_0_kind"] == "strategic_dialogue"
    assert data["newevent_0_start"] == "2025-12-18"
    assert data["newevent_0_status"] == "held"
    assert data["newevent_0_city"] == "Beijing"
    assert "Vice Foreign Ministerial Strategic Dialogue" in data["newevent_0_title"]
    # Park and Ma ticked as participants; Lee and Xi, only mentioned, are not
    ticked = {n for n in data if n.startswith("person_") and n.count("_") == 1}
    assert len(ticked) == 2
    # the K-pop concert proposed as unconfirmed, the April visit as planned
    statuses = {data[k] for k in data if k.endswith("_status")}
    assert {"unconfirmed", "planned"} <= statuses
    assert "Restoring high-level exchanges" in html
    # each proposal says which words produced it
    assert "“Park Yoon-joo”" in html
    assert "“Park”" in html


def test_one_submit_creates_every_ticked_proposal_as_drafts_citing_the_source(
    editor_client, known, article_003
):
    page = _read(editor_client, article_003, published="2025-12-18")
    data = form_data(page.content.decode(), "intake-proposals")
    quote = next(k for k in data if k.endswith("_text") and "faithfully" in data[k])
    q = quote.split("_")[1]
    data[f"quote_{q}"] = "on"
    data[f"quote_{q}_speaker"] = str(known["park"].pk)
    issue = known["exchanges"].pk
    data[f"issue_{issue}_dev"] = "on"
    data[f"issue_{issue}_summary"] = "Both sides agree to step up high-level exchanges."
    data.pop(f"issue_{known['hallyu'].pk}", None)

    response = editor_client.post(URL, data)

    assert response.status_code == 302, response.context.get("errors")
    assert response["Location"].startswith(reverse("intake:created"))
    event = Event.objects.get()
    assert event.editorial_status == "draft"
    assert (event.kind, event.start.iso(), event.city) == (
        "strategic_dialogue",
        "2025-12-18",
        "Beijing",
    )
    source = Source.objects.get()
    assert source.editorial_status == "draft"
    assert source.published_on.iso() == "2025-12-18"
    assert EventCitation.objects.filter(event=event, source=source).exists()
    participants = {p.person.display_name: p for p in event.participations.all()}
    assert set(participants) == {"Park Yoon-joo", "Ma Zhaoxu"}
    assert participants["Park Yoon-joo"].side == "KR"
    assert participants["Park Yoon-joo"].title == "First Vice Foreign Minister"
    statement = Statement.objects.get()
    assert (statement.speaker, statement.event) == (known["park"], event)
    assert statement.sources.get() == source
    assert list(known["exchanges"].events.all()) == [event]
    assert not known["hallyu"].events.exists()  # unticked: not linked
    development = Development.objects.get()
    assert (development.issue, development.event) == (known["exchanges"], event)
    assert development.sources.get() == source
    # nothing unticked was created: one event only (the concert and the visit were not ticked)
    assert Event.objects.count() == 1
    assert Person.objects.count() == 4


def test_a_refused_submit_keeps_every_choice_and_writes_nothing(editor_client, known, article_003):
    page = _read(editor_client, article_003, published="2025-12-18")
    data = form_data(page.content.decode(), "intake-proposals")
    data["newevent_0_title"] = "My corrected title"
    data["newevent_0_start"] = "2025-13"
    data["quote_0"] = "on"
    data["quote_0_speaker"] = ""
    before = _counts()

    response = editor_client.post(URL, data)

    assert response.status_code == 200
    assert _counts() == before
    html = response.content.decode()
    assert "Please correct the errors below" in html
    again = form_data(html, "intake-proposals")
    assert again["newevent_0_title"] == "My corrected title"
    assert again["newevent_0_start"] == "2025-13"
    assert again["quote_0"] == "on"
    assert "is not a date" in html
    assert "Choose who said it" in html
    assert {k: v for k, v in again.items() if k != "csrfmiddlewaretoken"} == {
        k: v for k, v in data.items() if k != "csrfmiddlewaretoken"
    }


def test_an_existing_source_is_recognised_by_its_normalized_url(editor_client, known, article_003):
    existing = SourceFactory(
        url="https://www.example-news.com/seoul-beijing-dialogue",
        published_on_date=dt.date(2025, 12, 18),
    )

    page = _read(
        editor_client,
        article_003,
        published="2025-12-18",
        url="http://example-news.com/seoul-beijing-dialogue/?utm_source=newsletter",
    )

    data = form_data(page.content.decode(), "intake-proposals")
    assert data["source_mode"] == f"existing:{existing.pk}"


def test_the_submit_is_atomic(editor_client, known, article_003, monkeypatch):
    page = _read(editor_client, article_003, published="2025-12-18")
    data = form_data(page.content.decode(), "intake-proposals")
    data["quote_0"] = "on"
    data["quote_0_speaker"] = str(known["park"].pk)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Statement, "save", boom)
    before = _counts()
    editor_client.raise_request_exception = False

    response = editor_client.post(URL, data)

    assert response.status_code == 500
    assert _counts() == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "Paste the text of a report"),
        ("   \n  ", "Paste the text of a report"),
        ("x" * 1_048_576, "characters long"),
        (
            "<html><body><script>alert(1)</script><p>President <b>Lee Jae Myung</b> met "
            "Xi Jinping in Beijing on Jan. 5.</p></body></html>",
            "The paste was HTML",
        ),
        ("The weather in Paris was pleasant on Monday, officials said.", "No known person"),
        (
            "이재명 대통령은 1월 5일 베이징에서 习近平 주석과 정상회담을 했다. Lee Jae Myung said "
            "\u201cthis summit is a turning point for us.\u201d",
            "2026-01-05",
        ),
        ("이재명 대통령과 시진핑 주석은 2026년 1월 5일 베이징에서 정상회담을 가졌다.", "이재명"),
        (
            "2026年1月5日，习近平主席在北京同韩国总统李在明举行会谈。双方同意扩大高层交往。",
            "1月5日",
        ),
    ],
)
def test_bad_or_foreign_input_gives_a_clear_page(editor_client, known, text, expected):
    before = _counts()

    response = _read(editor_client, text, published="2026-01-05")

    assert response.status_code == 200
    assert expected in response.content.decode()
    assert _counts() == before


def test_an_unknown_titled_person_is_offered_as_a_new_person_draft(editor_client, known):
    text = (
        "From the South Korean side, the delegation included Deputy Prime Minister and Finance "
        "Minister Koo Yun-cheol, who met President Lee Jae Myung in Beijing on Monday."
    )
    page = _read(editor_client, text, published="2026-01-05")
    data = form_data(page.content.decode(), "intake-proposals")

    assert data["newperson_0_name"] == "Koo Yun-cheol"
    assert "Deputy Prime Minister and Finance Minister" in data["newperson_0_title"]
    assert "newperson_0" not in data  # offered, not ticked


def test_a_stated_title_that_differs_from_the_record_is_offered(editor_client, known):
    text = "Special Envoy Park Yoon-joo met Ma Zhaoxu in Beijing on Monday to discuss trade."
    page = _read(editor_client, text, published="2026-01-05")

    assert "Title change?" in page.content.decode()


def test_ambiguous_surnames_are_flagged_not_guessed(editor_client, known):
    from tests.factories import PersonFactory

    PersonFactory(display_name="Lee Moon-bae", country="KR", slug="lee-moon-bae")
    text = (
        "Lee Jae Myung and Lee Moon-bae spoke in Seoul on Monday. Later, Lee said the talks "
        "went well."
    )
    html = _read(editor_client, text, published="2026-01-05").content.decode()

    assert "is ambiguous" in html


def test_the_publisher_publishes_everything_created_in_one_click(
    editor_client, publisher, known, article_003
):
    page = _read(editor_client, article_003, published="2025-12-18")
    response = editor_client.post(URL, form_data(page.content.decode(), "intake-proposals"))
    created_url = response["Location"]
    editor_page = editor_client.get(created_url).content.decode()
    assert "intake-publish-all" not in editor_page  # an editor submits for review

    publisher_client = Client()
    publisher_client.force_login(publisher)
    publisher_client.post(created_url, {"action": "publish"})

    event, source = Event.objects.get(), Source.objects.get()
    assert (event.editorial_status, source.editorial_status) == ("published", "published")


def test_an_editor_cannot_publish_through_the_created_page(editor_client, known, article_003):
    page = _read(editor_client, article_003, published="2025-12-18")
    response = editor_client.post(URL, form_data(page.content.decode(), "intake-proposals"))

    editor_client.post(response["Location"], {"action": "publish"})

    assert Event.objects.get().editorial_status == "draft"


def test_the_admin_home_links_to_it(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()

    assert f'href="{URL}"' in html
