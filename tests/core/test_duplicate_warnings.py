"""Adding a person, event or source warns of a likely duplicate first (issue 9, faster forms)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.text import normalize_url
from events.models import Event, Source
from people.models import Person
from tests.admin_utils import admin_form_data
from tests.factories import (
    EventFactory,
    EventParticipationFactory,
    PersonFactory,
    PersonNameFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

CONFIRM = "_save_duplicate"


@pytest.fixture
def lee(db):
    person = PersonFactory(display_name="Lee Jae Myung", native_name="이재명", slug="lee-jae-myung")
    PersonNameFactory(person=person, name="李在明")
    return person


def _post_person(client, **changes):
    url = reverse("admin:people_person_add")
    data = admin_form_data(client.get(url), editorial_status="draft", **changes)
    return client.post(url, data)


@pytest.mark.parametrize(
    ("display_name", "native_name"),
    [("Lee Jae-myung", ""), ("LEE JAE MYUNG", ""), ("Yi Jae", "이재명"), ("X", "李在明")],
)
def test_a_new_person_matching_a_known_name_form_is_warned_with_a_link(
    editor_client, lee, display_name, native_name
):
    response = _post_person(
        editor_client, display_name=display_name, native_name=native_name, slug="new-person"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "may already exist" in html
    assert reverse("admin:people_person_change", args=[lee.pk]) in html
    assert f'name="{CONFIRM}"' in html
    assert Person.objects.count() == 1


def test_the_editor_can_confirm_and_save_anyway(editor_client, lee):
    response = _post_person(
        editor_client, display_name="Lee Jae-myung", slug="another-lee", **{CONFIRM: "1"}
    )

    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_an_other_name_typed_in_the_inline_is_checked_too(editor_client, lee):
    url = reverse("admin:people_person_add")
    data = admin_form_data(
        editor_client.get(url), display_name="Someone", slug="someone", editorial_status="draft"
    )
    data["other_names-0-name"] = "이재명"

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "may already exist" in response.content.decode()


def test_a_different_person_is_not_warned(editor_client, lee):
    response = _post_person(editor_client, display_name="Lee Moon-bae", slug="lee-moon-bae")

    assert response.status_code == 302


def test_editing_an_existing_person_is_not_warned(editor_client, lee):
    url = reverse("admin:people_person_change", args=[lee.pk])
    response = editor_client.post(url, admin_form_data(editor_client.get(url), bio="President."))

    assert response.status_code == 302


def _post_event(client, person, **changes):
    url = reverse("admin:events_event_add")
    data = admin_form_data(
        client.get(url),
        title_en="Vice-ministerial dialogue",
        slug="vm-dialogue",
        kind="strategic_dialogue",
        status="held",
        start_date="2025-12-18",
        editorial_status="draft",
        **changes,
    )
    data.update({"participations-0-person": str(person.pk), "participations-0-role": "principal"})
    return client.post(url, data)


def test_a_new_event_on_the_same_date_with_a_shared_participant_is_warned(editor_client):
    park = PersonFactory(display_name="Park Yoon-joo")
    existing = EventFactory(title="11th dialogue", start_date=dt.date(2025, 12, 18))
    EventParticipationFactory(event=existing, person=park)

    response = _post_event(editor_client, park)

    assert response.status_code == 200
    html = response.content.decode()
    assert "may already exist" in html
    assert reverse("admin:events_event_change", args=[existing.pk]) in html
    assert Event.objects.count() == 1

    confirmed = _post_event(editor_client, park, **{CONFIRM: "1"})
    assert confirmed.status_code == 302
    assert Event.objects.count() == 2


def test_a_new_event_on_another_date_is_not_warned(editor_client):
    park = PersonFactory(display_name="Park Yoon-joo")
    existing = EventFactory(start_date=dt.date(2024, 7, 1))
    EventParticipationFactory(event=existing, person=park)

    assert _post_event(editor_client, park).status_code == 302


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        (
            "https://www.koreaherald.com/article/10659999",
            "http://koreaherald.com/article/10659999/",
        ),
        (
            "https://example.org/news/1?id=7",
            "https://EXAMPLE.org/news/1/?utm_source=x&id=7&utm_medium=y#top",
        ),
        ("https://example.org/a?fbclid=abc", "https://example.org/a"),
    ],
)
def test_normalized_urls_match(stored, typed):
    assert normalize_url(stored) == normalize_url(typed)


def test_normalized_urls_keep_meaningful_parameters():
    assert normalize_url("https://example.org/a?id=1") != normalize_url(
        "https://example.org/a?id=2"
    )


def _post_source(client, **changes):
    url = reverse("admin:events_source_add")
    data = admin_form_data(
        client.get(url), kind="news", language="en", editorial_status="draft", **changes
    )
    return client.post(url, data)


def test_a_new_source_with_the_same_url_in_another_form_is_warned(editor_client):
    existing = SourceFactory(url="https://www.koreaherald.com/article/10659999")

    response = _post_source(
        editor_client,
        title="Different headline",
        url="http://koreaherald.com/article/10659999/?utm_source=twitter",
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "may already exist" in html
    assert reverse("admin:events_source_change", args=[existing.pk]) in html
    assert Source.objects.count() == 1


def test_a_new_source_with_the_same_headline_and_date_is_warned(editor_client):
    SourceFactory(
        title="Seoul, Beijing agree to step up high-level exchanges",
        published_on_date=dt.date(2025, 12, 18),
    )

    response = _post_source(
        editor_client,
        title="Seoul, Beijing agree to step up high-level exchanges.",
        published_on_date="2025-12-18",
    )

    assert response.status_code == 200
    assert "may already exist" in response.content.decode()

    confirmed = _post_source(
        editor_client,
        title="Seoul, Beijing agree to step up high-level exchanges.",
        published_on_date="2025-12-18",
        **{CONFIRM: "1"},
    )
    assert confirmed.status_code == 302
    assert Source.objects.count() == 2
