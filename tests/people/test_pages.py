"""Who's who: the people list, person pages (with as-of) and organization pages."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from core.editorial import EditorialStatus
from people.models import NameKind
from people.services import person_refresh_search_key
from tests.factories import (
    EventFactory,
    EventParticipationFactory,
    OrganizationFactory,
    PersonFactory,
    PersonNameFactory,
    PositionFactory,
    StatementFactory,
    UserFactory,
)
from tests.pages import assert_page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def cho(db):
    """Cho Hyun: ambassador until mid-2025, then foreign minister."""
    cho = PersonFactory(display_name="Cho Hyun", native_name="조현", slug="cho-hyun")
    ministry = OrganizationFactory(name="Ministry of Foreign Affairs", slug="mofa")
    PositionFactory(
        person=cho,
        organization=ministry,
        title="Ambassador to the UN",
        start_date=dt.date(2019, 1, 1),
        end_date=dt.date(2025, 6, 30),
    )
    PositionFactory(
        person=cho,
        organization=ministry,
        title="Minister of Foreign Affairs",
        start_date=dt.date(2025, 7, 19),
    )
    PersonNameFactory(person=cho, name="Jo Hyeon", kind=NameKind.ROMANIZATION)
    person_refresh_search_key(person=cho)
    return cho


def test_people_list_shows_current_title(client, cho):
    html = client.get("/people/").content.decode()
    assert "Cho Hyun" in html
    assert "조현" in html
    assert "Minister of Foreign Affairs" in html
    assert "Ambassador to the UN" not in html


def test_people_list_filters_by_country(client, cho):
    PersonFactory(display_name="Wang Yi", country="CN")
    html = client.get("/people/", {"country": "CN"}).content.decode()
    assert "Wang Yi" in html
    assert "Cho Hyun" not in html


def test_people_list_filters_by_organization(client, cho):
    PositionFactory(person__display_name="Someone Else")
    html = client.get("/people/", {"organization": "mofa"}).content.decode()
    assert "Cho Hyun" in html
    assert "Someone Else" not in html


@pytest.mark.parametrize("params", [{"country": "Narnia"}, {"organization": "nope"}])
def test_people_list_bad_filter_shows_message(client, cho, params):
    response = client.get("/people/", params)
    assert response.status_code == 200
    assert 'class="notice notice-error"' in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"country": "FR"},  # a real country nobody is listed under
        {"organization": "unstaffed"},  # a published organization without positions
        {"country": "K\x00R"},
    ],
)
def test_people_list_ignores_values_the_form_does_not_offer(client, cho, params):
    OrganizationFactory(slug="unstaffed")
    response = client.get("/people/", params)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="notice notice-error"' in html
    assert "Cho Hyun" in html  # the value was ignored, not applied


def test_people_list_message_names_the_field(client, cho):
    html = client.get("/people/", {"organization": "nope"}).content.decode()
    assert "Organization “nope” was ignored" in html
    assert "[invalid name]" not in html


def test_people_list_filters_through_the_shared_filterset(client, cho):
    PersonFactory(display_name="Wang Yi", country="CN")
    html = client.get("/people/", {"country": "kr", "organization": "mofa"}).content.decode()
    assert "Cho Hyun" in html
    assert "Wang Yi" not in html
    assert '<option value="KR" selected>' in html
    assert '<option value="mofa" selected>' in html


def test_people_list_form_with_blank_choices_is_no_error(client, cho):
    html = client.get("/people/", {"country": "", "organization": "mofa"}).content.decode()
    assert "notice-error" not in html
    assert "Cho Hyun" in html


def test_people_list_hides_drafts(client):
    PersonFactory(display_name="Draft Person", editorial_status=EditorialStatus.DRAFT)
    assert "Draft Person" not in client.get("/people/").content.decode()


def test_person_page_shows_names_and_positions(client, cho):
    html = client.get("/people/cho-hyun/").content.decode()
    assert "조현" in html
    assert "Jo Hyeon" in html
    assert "Minister of Foreign Affairs" in html
    assert "Ambassador to the UN" in html  # under other positions


def test_person_page_as_of_shows_title_held_then(client, cho):
    html = client.get("/people/cho-hyun/", {"as_of": "2024-12-31"}).content.decode()
    current = re.search(r'<p class="current-title">(.*?)</p>', html, re.S).group(1)
    assert "Ambassador to the UN" in current
    assert "Showing the situation as of 31 December 2024" in html


def test_person_page_bad_as_of_shows_message(client, cho):
    response = client.get("/people/cho-hyun/", {"as_of": "last-year"})
    assert response.status_code == 200
    assert "is not a date" in response.content.decode()


def test_person_page_lists_events_and_statements(client, cho):
    EventParticipationFactory(person=cho, event__title="Foreign ministers' talks")
    StatementFactory(speaker=cho, text="Talks cover relations as a whole.")
    html = client.get("/people/cho-hyun/").content.decode()
    assert "Foreign ministers&#x27; talks" in html
    assert "Talks cover relations as a whole." in html


def test_person_page_leaves_out_draft_events(client, cho):
    EventParticipationFactory(
        person=cho, event__title="Secret talks", event__editorial_status=EditorialStatus.DRAFT
    )
    assert "Secret talks" not in client.get("/people/cho-hyun/").content.decode()


def test_person_bio_is_sanitized(client):
    PersonFactory(
        slug="p", bio='<p onclick="x()">Diplomat <em>since</em> 1990</p><script>x</script>'
    )
    html = client.get("/people/p/").content.decode()
    assert "<em>since</em>" in html
    assert "onclick" not in html
    assert "<script>x</script>" not in html


def test_person_page_has_person_json_ld(client, cho):
    html = client.get("/people/cho-hyun/").content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)["mainEntity"]
    assert data["@type"] == "Person"
    assert data["name"] == "Cho Hyun"
    assert "조현" in data["alternateName"]
    assert data["jobTitle"] == "Minister of Foreign Affairs"


def test_draft_person_is_404_for_anonymous_and_preview_for_staff(client):
    PersonFactory(
        slug="draft", display_name="Draft Person", editorial_status=EditorialStatus.REVIEW
    )
    assert client.get("/people/draft/").status_code == 404
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/people/draft/")
    assert response.status_code == 200
    assert "Preview — not published." in response.content.decode()


def test_organization_page_lists_people_holding_positions(client, cho):
    html = client.get("/organizations/mofa/").content.decode()
    held = html.split('id="h-held"')[1].split("</section>")[0]
    assert "Cho Hyun" in held
    assert "Minister of Foreign Affairs" in held


def test_organization_page_as_of(client, cho):
    html = client.get("/organizations/mofa/", {"as_of": "2020-01-01"}).content.decode()
    held = html.split('id="h-held"')[1].split("</section>")[0]
    assert "Ambassador to the UN" in held
    assert "Minister of Foreign Affairs" not in held


def test_organization_page_bad_as_of_shows_message(client, cho):
    response = client.get("/organizations/mofa/", {"as_of": "2025-02-30"})
    assert response.status_code == 200
    assert "is not a date" in response.content.decode()


def test_draft_organization_is_404(client):
    OrganizationFactory(slug="hidden", editorial_status=EditorialStatus.DRAFT)
    assert client.get("/organizations/hidden/").status_code == 404


@pytest.mark.parametrize("rows", [5, 50])
def test_people_pages_query_count_is_constant(client, rows, django_assert_num_queries):
    organization = OrganizationFactory(slug="org")
    person = PersonFactory(slug="busy")
    for _ in range(rows):
        PositionFactory(organization=organization)
        PositionFactory(person=person, organization=OrganizationFactory())
        PersonNameFactory(person=person)
        EventParticipationFactory(person=person)
        StatementFactory(speaker=person)
    assert_page_queries(client, "/people/", django_assert_num_queries, 5)
    # +1: the organization filter looks its slug up (a form field of the shared PersonFilter)
    assert_page_queries(client, "/people/?organization=org", django_assert_num_queries, 6)
    assert_page_queries(client, "/people/busy/", django_assert_num_queries, 8)
    assert_page_queries(client, "/organizations/org/", django_assert_num_queries, 3)


def test_person_page_lists_the_latest_events_and_links_the_rest(client):
    # given a person at 30 events
    person = PersonFactory(slug="busy")
    for day in range(30):
        event = EventFactory(
            title=f"Meeting {day:02d}", start_date=dt.date(2025, 1, 1) + dt.timedelta(days=day)
        )
        EventParticipationFactory(person=person, event=event)
    html = client.get("/people/busy/").content.decode()
    # then the page shows the latest 25 and links the whole filtered timeline
    assert "Meeting 29" in html
    assert "Meeting 05" in html
    assert "Meeting 04" not in html
    assert 'href="/events/?person=busy"' in html
