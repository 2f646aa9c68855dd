"""Partner API: every bad parameter is a 400 naming it (never a 500); conditional GET; CORS."""

from __future__ import annotations

import base64
from urllib.parse import quote

import pytest

from people.models import Person
from tests.api_utils import get_json
from tests.factories import EventFactory, PersonFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db

LISTS = ["events", "people", "organizations", "issues", "statements", "sources"]


@pytest.fixture
def some_data(db: object) -> None:
    StatementFactory(event=EventFactory(slug="talks"), speaker=PersonFactory(slug="cho"))
    SourceFactory()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("events/?kind=picnic", "kind"),
        ("events/?status=maybe", "status"),
        ("events/?date_from=2026-13-01", "date_from"),
        ("events/?date_to=yesterday", "date_to"),
        ("events/?date_from=2026-Q5", "date_from"),
        ("events/?issue=no-such-issue", "issue"),
        ("events/?person=no-such-person", "person"),
        ("events/?series=no-such-series", "series"),
        ("events/?parent=no-such-event", "parent"),
        ("events/?country=ZZ", "country"),
        ("events/?updated_since=not-a-time", "updated_since"),
        ("events/?ordering=summary", "ordering"),
        ("events/?include=everything", "include"),
        ("events/?format=xml", "format"),
        ("people/?organization=nope", "organization"),
        ("people/?as_of=2026-02-30", "as_of"),
        ("people/?country=Korea", "country"),
        ("issues/?status=frozen", "status"),
        ("issues/?category=sport", "category"),
        ("statements/?speaker=nobody", "speaker"),
        ("statements/?event=nothing", "event"),
        ("statements/?date_to=2026-00", "date_to"),
        ("sources/?outlet=nobody", "outlet"),
        ("sources/?kind=rumour", "kind"),
        ("sources/?date_from=20260101", "date_from"),
        ("organizations/?kind=club", "kind"),
    ],
)
def test_bad_filter_value_is_a_field_error(client, some_data, url, field):
    payload = get_json(client, f"/api/v1/{url}", status=400)
    assert field in payload
    assert isinstance(payload[field], list)


@pytest.mark.parametrize("resource", LISTS)
@pytest.mark.parametrize("size", ["1000000000", "0", "-5", "201", "ten", "1e3"])
def test_bad_page_size_is_a_field_error(client, some_data, resource, size):
    payload = get_json(client, f"/api/v1/{resource}/?page_size={size}", status=400)
    assert list(payload) == ["page_size"]


@pytest.mark.parametrize("resource", LISTS)
def test_page_size_200_is_allowed(client, some_data, resource):
    get_json(client, f"/api/v1/{resource}/?page_size=200")


@pytest.mark.parametrize("resource", LISTS)
@pytest.mark.parametrize(
    "param",
    ["q", "kind", "cursor", "format", "include", "ordering", "page_size", "unknown", "issue"],
)
def test_nul_byte_in_any_parameter_is_a_field_error(client, some_data, resource, param):
    payload = get_json(client, f"/api/v1/{resource}/?{param}=a%00b", status=400)
    assert payload == {param: ["Null characters are not allowed."]}


@pytest.mark.parametrize("resource", LISTS)
@pytest.mark.parametrize("key", ["a%00b", "%C3%A9t%C3%A9", "a%20b", "x" * 300])
def test_implausible_key_in_detail_path_is_a_json_404(client, some_data, resource, key):
    assert get_json(client, f"/api/v1/{resource}/{key}/", status=404) == {"detail": "Not found."}


def test_unknown_api_path_is_a_json_404(client):
    assert get_json(client, "/api/v1/no-such-resource/x/", status=404) == {"detail": "Not found."}


@pytest.mark.parametrize("resource", ["statements", "sources"])
def test_huge_id_is_a_404_not_an_overflow(client, some_data, resource):
    assert get_json(client, f"/api/v1/{resource}/{10**30}/", status=404) == {"detail": "Not found."}


@pytest.mark.parametrize(
    "cursor",
    [
        "not-base64!",
        base64.b64encode(b"p=not-a-date").decode(),
        base64.b64encode(b"p=2026-01-01%00").decode(),
        base64.b64encode(b"o=-4&p=2026-01-01").decode(),
    ],
)
def test_forged_cursor_is_a_field_error(client, some_data, cursor):
    payload = get_json(client, f"/api/v1/events/?cursor={quote(cursor)}", status=400)
    assert list(payload) == ["cursor"]


def test_errors_are_json_even_when_csv_was_asked_for(client, some_data):
    response = client.get("/api/v1/events/?format=csv&kind=picnic")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/events/",
        "/api/v1/events/talks/",
        "/api/v1/people/?format=csv",
        "/api/v1/events/?format=ics",
        "/api/v1/people/cho/",
        "/api/v1/",
        "/api/v1/schema/",
    ],
)
def test_unchanged_response_revalidates_to_304(client, some_data, url):
    first = client.get(url)
    assert first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize(
    "url", ["/api/v1/events/?page_size=50", "/api/v1/events/talks/", "/api/v1/people/"]
)
def test_revalidation_is_answered_before_any_query_or_rendering(
    client, some_data, url, django_assert_num_queries, monkeypatch
):
    first = client.get(url)
    from rest_framework.renderers import JSONRenderer

    def no_rendering(*args, **kwargs):
        raise AssertionError("a 304 rendered the body")

    monkeypatch.setattr(JSONRenderer, "render", no_rendering)
    with django_assert_num_queries(0):
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


@pytest.mark.parametrize("path", ["/api/v1/events/hidden/", "/api/v1/events/no-such-event/"])
def test_another_urls_etag_never_turns_a_404_into_a_304(client, some_data, path):
    EventFactory(slug="hidden", editorial_status="draft")
    etag = client.get("/api/v1/events/talks/")["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 404


def test_etag_differs_by_format_of_the_same_url(client, some_data):
    as_json = client.get("/api/v1/events/", HTTP_ACCEPT="application/json")
    as_csv = client.get("/api/v1/events/", HTTP_ACCEPT="text/csv")
    assert as_json["ETag"] != as_csv["ETag"]


def test_detail_has_last_modified(client, some_data):
    assert client.get("/api/v1/events/talks/")["Last-Modified"]


def test_etag_changes_when_a_nested_child_changes(client, some_data):
    before = client.get("/api/v1/events/talks/")["ETag"]
    # The speaker (a nested child) changes and is saved; the event row itself does not.
    person = Person.objects.get(slug="cho")
    person.display_name = "Cho Renamed"
    person.save()
    after = client.get("/api/v1/events/talks/", HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200
    assert after["ETag"] != before


def test_cors_allows_any_origin_for_get(client, some_data):
    response = client.get("/api/v1/events/", HTTP_ORIGIN="https://newsroom.example")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_unknown_detail_is_404(client, some_data):
    assert get_json(client, "/api/v1/events/no-such-event/", status=404) == {
        "detail": "No Event matches the given query."
    }


@pytest.mark.parametrize("resource", ["people", "organizations", "issues", "statements", "sources"])
@pytest.mark.parametrize("ordering", ["no_such_field", "-speaker__password", "bio"])
def test_ordering_is_ignored_where_it_is_not_offered(client, some_data, resource, ordering):
    assert client.get(f"/api/v1/{resource}/?ordering={ordering}").status_code == 200
