"""A hidden object's name is never public, through any door.

Every publishable model (Organization, Person, Source, EventSeries, Event, Issue) in every hidden
state is linked, in every way the schema allows, to a published world; then
every public door — pages, JSON-LD, feeds, calendars, search, sitemap, every API resource with every
include and format, the changes feed and the bulk export — is read and must not show its name or
slug. The model of the rule is the draft person at a published event: they are simply not there.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

import pytest
from django.test import Client

from events.models import Source, StatementCitation
from issues.models import DevelopmentCitation, StanceCitation
from sync.export import write_archive
from tests.api_utils import HIDDEN_STATES, hidden
from tests.factories import (
    DevelopmentFactory,
    EventCitationFactory,
    EventFactory,
    EventParticipationFactory,
    EventSeriesFactory,
    IssueFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    SourceFactory,
    StanceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

# Words no published row contains: a hidden object's name and slug are built from it.
MARK = "Zephyrine"


class World:
    """Published objects, one of each, linked to each other the way the demo data is."""

    def __init__(self) -> None:
        self.org = OrganizationFactory(name="Open Ministry", slug="open-ministry")
        self.outlet = OrganizationFactory(name="Open Daily", slug="open-daily", kind="media")
        self.agency = OrganizationFactory(name="Open Agency", slug="open-agency")
        self.person = PersonFactory(display_name="Open Person", slug="open-person")
        PositionFactory(person=self.person, organization=self.org, title="Minister")
        self.source = SourceFactory(title="Open report", outlet=self.outlet)
        self.source.authors.add(self.person)
        self.event = EventFactory(title="Open talks", slug="open-talks")
        EventParticipationFactory(event=self.event, person=self.person)
        EventCitationFactory(event=self.event, source=self.source)
        self.statement = StatementFactory(speaker=self.person, event=self.event, text="Open words.")
        StatementCitation.objects.create(statement=self.statement, source=self.source)
        self.issue = IssueFactory(title="Open issue", slug="open-issue")
        self.issue.events.add(self.event)
        self.stance = StanceFactory(issue=self.issue, country="KR")
        StanceCitation.objects.create(stance=self.stance, source=self.source)
        self.org_stance = StanceFactory(issue=self.issue, country="", organization=self.org)
        self.development = DevelopmentFactory(issue=self.issue, event=self.event)
        DevelopmentCitation.objects.create(development=self.development, source=self.source)


def hide_organization(world: World, state: str) -> None:
    org = OrganizationFactory(
        name=f"{MARK} Bureau", slug=f"{MARK.lower()}-bureau", abbreviation="ZPB", **hidden(state)
    )
    # The published person's current (primary) title is held there, and a past one too.
    PositionFactory(
        person=world.person, organization=org, title="Envoy", start_date=dt.date(2026, 1, 1)
    )
    PositionFactory(
        person=world.person,
        organization=org,
        title="Adviser",
        start_date=dt.date(2020, 1, 1),
        end_date=dt.date(2021, 1, 1),
    )
    # A published outlet's reporting, cited by the event, a statement, a stance, a development.
    source = SourceFactory(title="Wire report", outlet=org)
    EventCitationFactory(event=world.event, source=source)
    StatementCitation.objects.create(statement=world.statement, source=source)
    StanceCitation.objects.create(stance=world.stance, source=source)
    DevelopmentCitation.objects.create(development=world.development, source=source)
    # The party to a stance on a published issue; the parent of a published organization.
    stance = StanceFactory(issue=world.issue, country="", organization=org, position="Holds firm.")
    StanceCitation.objects.create(stance=stance, source=world.source)
    world.agency.parent = org
    world.agency.save()


def hide_person(world: World, state: str) -> None:
    person = PersonFactory(
        display_name=f"{MARK} Envoy", slug=f"{MARK.lower()}-envoy", **hidden(state)
    )
    PositionFactory(person=person, organization=world.org, title="Vice Minister")
    EventParticipationFactory(event=world.event, person=person)
    StatementFactory(speaker=person, event=world.event, text="Words of the envoy.")
    StatementFactory(speaker=person, event=None, text="More words of the envoy.")
    world.source.authors.add(person)


def hide_source(world: World, state: str) -> None:
    source = SourceFactory(title=f"{MARK} dossier", outlet=world.outlet, **hidden(state))
    source.authors.add(world.person)
    EventCitationFactory(event=world.event, source=source)
    StatementCitation.objects.create(statement=world.statement, source=source)
    StanceCitation.objects.create(stance=world.stance, source=source)
    DevelopmentCitation.objects.create(development=world.development, source=source)


def hide_series(world: World, state: str) -> None:
    series = EventSeriesFactory(
        name=f"{MARK} dialogue", slug=f"{MARK.lower()}-dialogue", **hidden(state)
    )
    # The published event is its third round, and a published sibling its fourth.
    world.event.series = series
    world.event.round_number = 3
    world.event.save()
    EventFactory(title="Open round four", slug="open-round-four", series=series, round_number=4)


def hide_event(world: World, state: str) -> None:
    event = EventFactory(
        title=f"{MARK} summit",
        slug=f"{MARK.lower()}-summit",
        start_date=dt.date(2026, 1, 4),
        **hidden(state),
    )
    EventParticipationFactory(event=event, person=world.person)
    EventCitationFactory(event=event, source=world.source)
    StatementFactory(speaker=world.person, event=event, text="Said at the summit.")
    world.issue.events.add(event)
    DevelopmentFactory(issue=world.issue, event=event, summary="Agreed at the summit.")
    # The parent of the published event, and a child of it.
    world.event.parent = event
    world.event.save()
    EventFactory(
        title=f"{MARK} dinner", slug=f"{MARK.lower()}-dinner", parent=world.event, **hidden(state)
    )


def hide_issue(world: World, state: str) -> None:
    issue = IssueFactory(title=f"{MARK} dispute", slug=f"{MARK.lower()}-dispute", **hidden(state))
    issue.events.add(world.event)
    issue.related_issues.add(world.issue)
    StanceFactory(issue=issue, country="", organization=world.org, position="Objects.")
    DevelopmentFactory(issue=issue, event=world.event, summary="The dispute flared.")


# model -> (what hides one, a word of its name other than MARK, to search for)
HIDERS: dict[str, tuple[Callable[[World, str], None], str]] = {
    "organization": (hide_organization, "Bureau"),
    "person": (hide_person, "Envoy"),
    "source": (hide_source, "dossier"),
    "series": (hide_series, "dialogue"),
    "event": (hide_event, "summit"),
    "issue": (hide_issue, "dispute"),
}


def doors(world: World, word: str) -> list[str]:
    """Every public URL that shows the published world (and so might show what it links to)."""
    event, person, issue, org = world.event, world.person, world.issue, world.org
    api = "/api/v1"
    return [
        "/",
        "/events/",
        f"/events/{event.slug}/",
        f"/events/{event.slug}/calendar.ics",
        "/events/calendar.ics",
        "/people/",
        f"/people/?organization={org.slug}",
        f"/people/{person.slug}/",
        f"/people/{person.slug}/feed.rss",
        f"/people/{person.slug}/feed.atom",
        f"/people/{person.slug}/calendar.ics",
        f"/organizations/{org.slug}/",
        f"/organizations/{world.outlet.slug}/",
        "/organizations/open-agency/",
        "/sources/",
        f"/sources/{world.source.pk}/",
        "/issues/",
        f"/issues/{issue.slug}/",
        f"/issues/{issue.slug}/feed.rss",
        f"/issues/{issue.slug}/feed.atom",
        f"/issues/{issue.slug}/calendar.ics",
        "/feeds/latest.rss",
        "/feeds/latest.atom",
        f"/search/?q={word}",
        "/search/?q=Open",
        "/sitemap.xml",
        f"{api}/events/",
        f"{api}/events/?include=participants,sources,issues,statements",
        f"{api}/events/?format=csv&include=participants,sources,issues,statements",
        f"{api}/events/?format=ics",
        f"{api}/events/{event.slug}/",
        f"{api}/events/{event.slug}/?format=csv",
        f"{api}/events/{event.slug}/?format=ics",
        f"{api}/people/",
        f"{api}/people/?include=positions,other_names,identifiers",
        f"{api}/people/?format=csv&include=positions",
        f"{api}/people/{person.slug}/",
        f"{api}/organizations/",
        f"{api}/organizations/?format=csv",
        f"{api}/organizations/{org.slug}/",
        f"{api}/organizations/open-agency/",
        f"{api}/organizations/{world.outlet.slug}/",
        f"{api}/issues/",
        f"{api}/issues/?include=stances,developments,events,related_issues",
        f"{api}/issues/?format=csv&include=stances,developments,events,related_issues",
        f"{api}/issues/{issue.slug}/",
        f"{api}/statements/",
        f"{api}/statements/?include=sources",
        f"{api}/statements/?format=csv&include=sources",
        f"{api}/statements/{world.statement.pk}/",
        f"{api}/sources/",
        f"{api}/sources/?format=csv",
        f"{api}/sources/{world.source.pk}/",
        f"{api}/changes/",
        f"{api}/export/popolo/",
        *[
            f"{api}/{resource}/download/"
            for resource in ("events", "people", "organizations", "issues", "statements", "sources")
        ],
        f"{api}/issues/download/?include=stances,developments,events,related_issues",
        f"{api}/people/download/?include=positions",
    ]


def export_text() -> str:
    buffer = io.BytesIO()
    write_archive(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return "\n".join(
            f"--- {name}\n" + archive.read(name).decode() for name in archive.namelist()
        )


def leaked(body: str) -> bool:
    return MARK.lower() in body.lower() or "ZPB" in body


@pytest.mark.parametrize("state", list(HIDDEN_STATES))
@pytest.mark.parametrize("model", list(HIDERS))
def test_hidden_name_is_behind_no_door(client: Client, model: str, state: str) -> None:
    hide, word = HIDERS[model]
    world = World()
    hide(world, state)

    leaks = []
    for url in doors(world, word):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if leaked(body.decode()):
            leaks.append(url)
    if leaked(export_text()):
        leaks.append("export archive")

    assert leaks == [], "\n".join(leaks)


def test_the_walk_sees_published_names(client: Client) -> None:
    """The doors do show what is published, so an empty body cannot pass the walk."""
    world = World()
    body = client.get(f"/people/{world.person.slug}/").content.decode()
    assert "Open Ministry" in body
    assert "Open Daily" in client.get(f"/sources/{world.source.pk}/").content.decode()
    assert "Open Ministry" in client.get(f"/api/v1/issues/{world.issue.slug}/").content.decode()
    assert "Open Ministry" in export_text()


def test_the_walk_would_see_a_published_name(client: Client) -> None:
    """Published, the same objects are found behind the doors: the walk is not blind."""
    world = World()
    hide_organization(world, "draft")
    from people.models import Organization

    Organization.objects.filter(slug=f"{MARK.lower()}-bureau").update(editorial_status="published")
    assert MARK in client.get(f"/people/{world.person.slug}/").content.decode()
    assert MARK in export_text()


def test_the_walk_would_see_a_published_series(client: Client) -> None:
    """Published, the series is named on the event page, in the API and in the export."""
    from events.models import EventSeries

    world = World()
    hide_series(world, "draft")
    EventSeries.objects.filter(slug=f"{MARK.lower()}-dialogue").update(editorial_status="published")

    assert f"Round 3 of {MARK} dialogue" in client.get(f"/events/{world.event.slug}/").text
    api = client.get(f"/api/v1/events/{world.event.slug}/").json()
    assert api["series"] == {"slug": f"{MARK.lower()}-dialogue", "name": f"{MARK} dialogue"}
    assert MARK in export_text()


@pytest.mark.usefixtures("no_settle")
def test_publishing_an_organization_updates_what_now_shows_it(client: Client) -> None:
    """Partners mirroring the API learn that the newly visible name appears inside other objects."""
    from core.editorial import EditorialStatus
    from people.models import Organization

    world = World()
    hide_organization(world, "draft")
    cursor = client.get("/api/v1/changes/").json()["cursor"]

    organization = Organization.objects.get(slug=f"{MARK.lower()}-bureau")
    organization.editorial_status = EditorialStatus.PUBLISHED
    organization.save()

    changes = client.get(f"/api/v1/changes/?page_size=1000&since={cursor}").json()["results"]
    updated = {(change["type"], change["slug"] or change["id"]) for change in changes}
    wire_report = Source.objects.get(title="Wire report")
    assert {
        ("organization", f"{MARK.lower()}-bureau"),
        ("person", "open-person"),
        ("issue", "open-issue"),
        ("source", wire_report.pk),
        ("organization", "open-agency"),
    } <= updated


@pytest.mark.usefixtures("no_settle")
def test_publishing_an_event_updates_its_children_and_issues(client: Client) -> None:
    from core.editorial import EditorialStatus
    from events.models import Event

    world = World()
    hide_event(world, "draft")
    cursor = client.get("/api/v1/changes/").json()["cursor"]

    summit = Event.objects.get(slug=f"{MARK.lower()}-summit")
    summit.editorial_status = EditorialStatus.PUBLISHED
    summit.save()

    changes = client.get(f"/api/v1/changes/?page_size=1000&since={cursor}").json()["results"]
    updated = {(change["type"], change["slug"]) for change in changes}
    assert {("event", "open-talks"), ("issue", "open-issue")} <= updated
