"""`manage.py load_demo`: the South Korea–China demo dataset, loaded idempotently."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from core.dates import Precision
from core.editorial import EditorialStatus, Publishable
from events.models import Event, EventCitation, EventStatus, Source, Statement
from issues.models import Issue, Stance, StanceCitation
from people.models import Person

pytestmark = pytest.mark.django_db

SUMMIT = "lee-xi-summit-beijing-2026-01-05"


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows per model of the three content apps, history tables included."""
    return {
        model._meta.label: model.objects.count()
        for label in ("people", "events", "issues")
        for model in apps.get_app_config(label).get_models()
    }


@pytest.fixture(scope="module")
def _demo_loaded_once(django_db_setup, django_db_blocker):
    """Load the dataset once for this module inside a transaction rolled back at its end.

    Each test's own transaction nests as a savepoint, so tests still see (and undo) only their
    changes, and the next module starts from an empty database. Loading takes seconds; doing it
    once keeps this module fast.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded_once, db) -> None:
    """The demo dataset, loaded."""


def test_second_run_leaves_every_table_unchanged(demo) -> None:
    before = row_counts()

    load_demo()

    assert row_counts() == before


def test_second_run_creates_and_updates_nothing(demo) -> None:
    output = load_demo()

    assert "(0 created, 0 updated)" in output


def test_run_restores_a_changed_demo_row(demo) -> None:
    Event.objects.filter(slug=SUMMIT).update(status=EventStatus.CANCELLED)

    output = load_demo()

    assert Event.objects.get(slug=SUMMIT).status == EventStatus.HELD
    assert "(0 created, 1 updated)" in output


def test_summary_line_counts_rows() -> None:
    output = load_demo()

    assert "5 sources" in output
    assert "5 issues" in output


def test_wang_yi_is_foreign_minister_at_the_summit(demo) -> None:
    wang_yi = Person.objects.get(slug="wang-yi")

    assert wang_yi.title_on(date(2026, 1, 5)) == "Foreign Minister"


def test_lee_jae_myung_is_president_from_inauguration_day(demo) -> None:
    lee = Person.objects.get(slug="lee-jae-myung")

    assert lee.title_on(date(2025, 6, 3)) == ""
    assert lee.title_on(date(2025, 6, 4)) == "President"


def test_summit_lists_both_delegations_as_reported(demo) -> None:
    summit = Event.objects.get(slug=SUMMIT)

    sides = {p.person.slug: (p.side.code, p.role) for p in summit.participations.all()}

    assert len(sides) == 16
    assert sides["xi-jinping"] == ("CN", "host")
    assert sides["lee-jae-myung"] == ("KR", "guest")
    assert sum(side == "KR" for side, _role in sides.values()) == 8
    assert sum(side == "CN" for side, _role in sides.values()) == 8
    assert all(p.title for p in summit.participations.all())


def test_summit_and_signing_are_part_of_the_state_visit(demo) -> None:
    visit = Event.objects.get(slug="lee-jae-myung-state-visit-to-china-2026")

    children = set(visit.children.values_list("slug", flat=True))

    assert children == {
        SUMMIT,
        "korea-china-mou-signing-2026-01-05",
        "lee-remarks-to-reporters-shanghai-2026-01",
    }
    assert visit.date_display == "4–7 January 2026"


def test_kpop_concert_is_unconfirmed_to_the_month(demo) -> None:
    concert = Event.objects.get(slug="k-pop-concert-in-china-2026-01")

    assert concert.status == EventStatus.UNCONFIRMED
    assert concert.start.precision == Precision.MONTH
    assert concert.date_display == "January 2026"


def test_foreign_ministers_meeting_is_expected_within_the_quarter(demo) -> None:
    meeting = Event.objects.get(slug="kr-cn-foreign-ministers-meeting-2026-q1")

    assert meeting.status == EventStatus.EXPECTED
    assert meeting.start.precision == Precision.QUARTER
    assert meeting.date_display == "January–March 2026"
    assert meeting.last_date == date(2026, 3, 31)


def test_trump_visit_is_planned_for_april(demo) -> None:
    visit = Event.objects.get(slug="trump-visit-to-china-2026-04")

    assert visit.status == EventStatus.PLANNED
    assert visit.date_display == "April 2026"


def test_eleventh_dialogue_follows_the_tenth_in_its_series(demo) -> None:
    eleventh = Event.objects.get(slug="11th-vice-foreign-ministerial-strategic-dialogue")

    tenth = Event.objects.get(series=eleventh.series, round_number=10)

    assert eleventh.round_number == 11
    assert eleventh.series.name == "Vice Foreign Ministerial Strategic Dialogue"
    assert tenth.start.precision == Precision.MONTH
    assert tenth.city == "Seoul"


def test_five_sources_without_urls(demo) -> None:
    sources = Source.objects.all()

    assert sources.count() == 5
    assert not sources.filter(url__isnull=False).exists()


@pytest.mark.parametrize(
    ("title_start", "published"),
    [
        ("Lee says Seoul", "2026-01"),
        ("China and South Korea agree", "2026-01"),
        ("Lee, Xi agree", "2026-01-05"),
        ("Seoul, Beijing agree", "2025-12-18"),
        ("Seoul–Beijing ministerial", "2026-01-22"),
    ],
)
def test_source_dates_keep_their_precision(demo, title_start: str, published: str) -> None:
    source = Source.objects.get(title__startswith=title_start)

    assert source.published_on.iso() == published


def test_journalists_are_authors_with_their_outlet(demo) -> None:
    source = Source.objects.get(title__startswith="Seoul–Beijing ministerial")

    assert source.outlet.name == "The Korea Herald"
    assert [a.slug for a in source.authors.all()] == ["jung-min-kyung"]


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("이재명", "lee-jae-myung"),
        ("Lee Jae-myung", "lee-jae-myung"),
        ("lee jae myung", "lee-jae-myung"),
        ("习近平", "xi-jinping"),
        ("Kim Jong-un", "kim-jong-un"),
        ("王毅", "wang-yi"),
    ],
)
def test_people_found_by_any_name_form(demo, query: str, slug: str) -> None:
    found = Person.objects.search(query)

    assert [person.slug for person in found] == [slug]


def test_every_issue_has_korean_and_chinese_stances(demo) -> None:
    issues = Issue.objects.all()

    assert issues.count() == 5
    for issue in issues:
        countries = {stance.country.code for stance in issue.stances.all()}
        assert countries == {"KR", "CN"}, issue.slug


def test_hallyu_ban_started_in_2016_to_the_year(demo) -> None:
    issue = Issue.objects.get(slug="hallyu-ban")

    assert issue.started.display() == "2016"
    assert issue.status_on(date(2026, 1, 31)) == "easing"


def test_conflicting_report_of_the_visit_is_flagged(demo) -> None:
    citation = EventCitation.objects.get(event__slug=SUMMIT, source__title__startswith="Seoul–")

    assert citation.conflicts
    assert "Jan. 5" in citation.note


def test_beijing_denial_of_the_ban_is_flagged_as_conflicting(demo) -> None:
    stance = Stance.objects.get(issue__slug="hallyu-ban", country="CN", as_of_date="2025-12-18")

    citation = StanceCitation.objects.get(stance=stance)

    assert citation.conflicts
    assert citation.source.title.startswith("Seoul, Beijing agree")


def test_unnamed_spokesperson_statement_keeps_the_role_label(demo) -> None:
    statement = Statement.objects.get(speaker__slug="china-mfa-spokesperson")

    assert statement.speaker_label == "China's foreign ministry spokesperson"
    assert statement.said.precision == Precision.MONTH


def test_everything_is_published(demo) -> None:
    publishable = [
        model
        for label in ("people", "events", "issues")
        for model in apps.get_app_config(label).get_models()
        if issubclass(model, Publishable)
    ]

    assert len(publishable) >= 5

    for model in publishable:
        assert model.objects.exists(), model
        assert not model.objects.exclude(editorial_status=EditorialStatus.PUBLISHED).exists()
        assert model.objects.published().count() == model.objects.count()
    assert Statement.objects.published().count() == Statement.objects.count()
    assert Stance.objects.published().count() == Stance.objects.count()
