"""Home page, error pages, language switching, conditional GET and the anonymous page cache."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.editorial import EditorialStatus
from events.models import EventStatus
from issues.models import Issue
from tests.factories import DevelopmentFactory, EventFactory, IssueFactory, UserFactory
from tests.pages import assert_page_queries

pytestmark = pytest.mark.django_db


def future(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def test_home_lists_upcoming_event_with_its_precision(client):
    # given an expected event known only to a quarter, in the future
    start = future(400)
    quarter_start = dt.date(start.year, 1, 1)
    EventFactory(
        title="Foreign ministers' meeting",
        status=EventStatus.EXPECTED,
        start_date=quarter_start,
        start_precision="quarter",
    )
    # when the home page is read
    response = client.get("/")
    # then it is under "what's coming", with the whole quarter as its date
    html = response.content.decode()
    assert "Foreign ministers&#x27; meeting" in html
    assert f"January–March {start.year}" in html


def test_home_shows_latest_development_and_issue_status(client):
    issue = IssueFactory(title="Hallyu restrictions", status="easing")
    DevelopmentFactory(issue=issue, summary="Both sides agree to reopen gradually.")
    response = client.get("/")
    html = response.content.decode()
    assert "Both sides agree to reopen gradually." in html
    assert "Hallyu restrictions" in html
    assert "Easing" in html


def test_home_hides_draft_events(client):
    EventFactory(title="Secret summit", editorial_status=EditorialStatus.DRAFT)
    assert "Secret summit" not in client.get("/").content.decode()


def test_home_draws_activity_chart_with_table_alternative(client):
    EventFactory(start_date=dt.date(2026, 1, 5))
    EventFactory(start_date=dt.date(2026, 1, 20))
    EventFactory(start_date=dt.date(2025, 11, 1))
    html = client.get("/").content.decode()
    assert '<svg viewBox="0 0 640 180" role="img"' in html
    # the table lists every month in the range, empty ones included
    assert '<th scope="row">January 2026</th><td class="num">2</td>' in html
    assert '<th scope="row">December 2025</th><td class="num">0</td>' in html


def test_base_template_has_landmarks_skip_link_and_language_switcher(client):
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert '<nav class="language-switcher" aria-label="Language">' in html
    assert 'href="/i18n/switch/zh-hans/?next=/zh-hans/"' in html
    assert 'href="/i18n/switch/ko/?next=/ko/"' in html
    assert '<link rel="canonical" href="' in html
    assert 'property="og:title"' in html


def test_language_switch_renders_page_in_korean(client):
    # Django's POST form still works without a CSRF token (pages are cached for everyone)
    response = client.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="ko">' in client.get("/", follow=True).content.decode()


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "find that page" in response.content.decode()


def test_page_sends_etag_and_last_modified(client):
    response = client.get("/")
    assert response.has_header("ETag")
    assert response.has_header("Last-Modified")


def test_revalidation_with_if_none_match_is_304(client):
    etag = client.get("/").headers["ETag"]
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_revalidation_answers_304_without_rendering(client, django_assert_num_queries):
    EventFactory(slug="summit")
    etag = client.get("/events/summit/").headers["ETag"]
    # ETags are per URL (another URL's never revalidates this one); this page is in the cache.
    with django_assert_num_queries(0):
        response = client.get("/events/summit/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_revalidation_with_if_modified_since_is_304(client):
    last_modified = client.get("/").headers["Last-Modified"]
    response = client.get("/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 304


def test_revalidation_after_an_editor_saves_is_200(client):
    event = EventFactory(title="Old title")
    etag = client.get("/").headers["ETag"]
    event.title = "New title"
    event.save()
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "New title" in response.content.decode()


def test_anonymous_page_is_served_from_cache(client, django_assert_num_queries):
    EventFactory(title="Cached summit")
    client.get("/events/")
    with django_assert_num_queries(0):
        response = client.get("/events/")
    assert "Cached summit" in response.content.decode()


def test_cache_is_invalidated_when_content_is_saved(client):
    event = EventFactory(title="Before the edit")
    assert "Before the edit" in client.get("/events/").content.decode()
    event.title = "After the edit"
    event.save()
    assert "After the edit" in client.get("/events/").content.decode()


def test_cache_is_invalidated_when_content_is_deleted(client):
    event = EventFactory(title="Soon deleted")
    assert "Soon deleted" in client.get("/events/").content.decode()
    event.delete()
    assert "Soon deleted" not in client.get("/events/").content.decode()


def test_scheduled_content_appears_when_its_time_comes(client, settings):
    event = EventFactory(
        title="Embargoed summit", publish_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert "Embargoed summit" not in client.get("/events/").content.decode()
    # when the publish-at time passes (no save happens)
    type(event).objects.filter(pk=event.pk).update(
        publish_at=timezone.now() - dt.timedelta(seconds=1)
    )
    from django.core.cache import cache

    from core.web.cache import VERSION_KEY

    version, _, known = cache.get(VERSION_KEY)
    cache.set(VERSION_KEY, (version, timezone.now().timestamp() - 1, known))
    # then the cached page is not served any more
    assert "Embargoed summit" in client.get("/events/").content.decode()


def test_staff_are_never_served_the_anonymous_cache(client):
    EventFactory(title="Published one")
    client.get("/events/")  # fills the anonymous cache
    EventFactory(title="Draft one", editorial_status=EditorialStatus.DRAFT)
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    response = client.get("/events/")
    assert not response.has_header("ETag")
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize("rows", [5, 50])
def test_home_query_count_is_constant(client, rows, django_assert_num_queries):
    for _ in range(rows):
        event = EventFactory()
        DevelopmentFactory(event=event)
    EventFactory.create_batch(rows, status=EventStatus.PLANNED, start_date=future(30))
    assert_page_queries(client, "/", django_assert_num_queries, 6)


def test_home_issue_board_shows_the_issues_that_changed_last_and_links_all(client):
    from public.views import HOME_ISSUES

    issues = IssueFactory.create_batch(HOME_ISSUES + 3)
    stale = issues[:3]
    Issue.objects.filter(pk__in=[i.pk for i in stale]).update(
        updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )

    html = client.get("/").content.decode()

    board = html[html.index('id="issue-board"') :]
    assert board.count('<th scope="row">') == HOME_ISSUES
    assert not any(issue.get_absolute_url() in board for issue in stale)
    assert f'href="{reverse("issues:issue_list")}"' in board


def test_server_error_page_renders_without_context(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.fixture
def one_of_each(db):
    from tests.factories import (
        EventCitationFactory,
        EventParticipationFactory,
        PositionFactory,
        StanceFactory,
    )

    event = EventFactory(slug="summit")
    person = PositionFactory(person__slug="lee", organization__slug="office").person
    EventParticipationFactory(event=event, person=person)
    citation = EventCitationFactory(event=event)
    issue = IssueFactory(slug="hallyu")
    event.issues.add(issue)
    StanceFactory(issue=issue)
    DevelopmentFactory(issue=issue, event=event)
    return citation.source


@pytest.mark.parametrize("language", ["en", "ko", "zh-hans"])
def test_every_page_renders_in_every_language(client, one_of_each, language):
    urls = [
        "/",
        "/events/",
        "/events/summit/",
        "/people/",
        "/people/lee/",
        "/organizations/office/",
        "/issues/",
        "/issues/hallyu/",
        "/sources/",
        one_of_each.get_absolute_url(),
        "/search/?q=meeting",
    ]
    prefix = "" if language == "en" else f"/{language}"
    for url in urls:
        response = client.get(prefix + url)
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in response.content.decode(), url


def test_cached_page_is_kept_per_language(client):
    client.get("/")
    response = client.get("/ko/")
    assert '<html lang="ko">' in response.content.decode()


def test_activity_chart_is_counted_once_per_content_version(client, django_assert_num_queries):
    # given the home page rendered once (its chart counted)
    EventFactory.create_batch(3, start_date=dt.date(2026, 1, 5))
    assert_page_queries(client, "/", django_assert_num_queries, 6)
    # when another URL of it is rendered at the same content version, the count (and the
    # list of announced events not reported held) is not redone
    with django_assert_num_queries(4):
        client.get("/?from=newsletter")
    # and a save starts a new version: the chart counts the new event at once
    EventFactory(start_date=dt.date(2026, 1, 20))
    assert "January 2026: 4</title>" in client.get("/").content.decode()
