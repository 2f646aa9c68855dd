"""Synthetic, deterministic content for benchmarks and load tests (see `generate_synthetic`).

Lives in `issues`, the top layer, because it fills every app.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import NamedTuple

from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from core.dates import Precision, period_end, period_start
from core.editorial import EditorialStatus
from core.text import normalize_name
from devdata.bulk import fast_insert, next_id, reset_sequences
from events import models as em
from issues import models as im
from people import models as pm
from sync.journal import journal_bulk_published, synced_type
from sync.models import ChangeLog

PREFIX = "synthetic"
BATCH = 2000  # rows per bulk_create batch
CITIES = [
    ("Beijing", "CN"),
    ("Seoul", "KR"),
    ("Shanghai", "CN"),
    ("Busan", "KR"),
    ("Gyeongju", "KR"),
    ("Tokyo", "JP"),
]
FAMILY = [
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Jung",
    "Kang",
    "Zhao",
]
GIVEN = ["Min-jun", "Seo-yeon", "Ji-ho", "Wei", "Fang", "Jing", "Hyun-woo", "Yu-na", "Lei", "Tao"]
HANGUL_FAMILY = {"Kim": "김", "Lee": "이", "Park": "박", "Choi": "최", "Jung": "정", "Kang": "강"}


# Plain strings, looked up once: enum properties cost more than the inserts at this scale.
EVENT_KINDS = [str(v) for v in em.EventKind.values]
EVENT_STATUSES = [str(v) for v in em.EventStatus.values]
PRECISIONS = [str(v) for v in (Precision.DAY, Precision.MONTH, Precision.QUARTER, Precision.YEAR)]
DRAFT, PUBLISHED = str(EditorialStatus.DRAFT.value), str(EditorialStatus.PUBLISHED.value)


class EventRow(NamedTuple):
    id: int
    slug: str
    start: dt.date
    precision: str
    published: bool


def clear() -> None:
    """Delete synthetic content (children before the rows they protect)."""
    like = {"slug__startswith": f"{PREFIX}-"}
    im.Issue.objects.filter(**like).delete()
    em.Statement.objects.filter(speaker__slug__startswith=f"{PREFIX}-").delete()
    em.Event.objects.filter(**like).delete()
    em.Source.objects.filter(outlet__slug__startswith=f"{PREFIX}-").delete()
    pm.Position.objects.filter(person__slug__startswith=f"{PREFIX}-").delete()
    pm.Person.objects.filter(**like).delete()
    pm.Organization.objects.filter(**like).delete()
    em.EventSeries.objects.filter(**like).delete()


class Generator:
    def __init__(self, rng: random.Random, draft_share: float) -> None:
        self.rng = rng
        self.draft_share = draft_share

    def status(self) -> str:
        return DRAFT if self.rng.random() < self.draft_share else PUBLISHED

    def fuzzy(self, first: dt.date, last: dt.date) -> tuple[dt.date, str]:
        day = first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))
        precision = self.rng.choices(PRECISIONS, [85, 10, 4, 1])[0]
        return period_start(day, precision), precision

    def run(self, *, events: int, people: int, issues: int) -> dict[str, int]:
        orgs = self.organizations(max(4, people // 20))
        persons = self.people(people, orgs)
        sources = self.sources(max(1, events // 10), orgs)
        series = self.series(max(1, events // 1000))
        event_rows = self.events(events, series)
        participations = self.participations(event_rows, persons)
        citations = self.citations(event_rows, sources)
        statements = self.statements(max(1, events // 10) if persons else 0, persons, event_rows)
        issue_rows = self.issues(issues, event_rows, orgs, sources)
        journal_bulk_published([*orgs, *persons, *sources, *issue_rows])
        self.journal_events_and_statements(event_rows, statements)
        reset_sequences([em.Event, em.EventParticipation, em.EventCitation, ChangeLog])
        return {
            "organizations": len(orgs),
            "people": len(persons),
            "sources": len(sources),
            "events": len(event_rows),
            "participations": participations,
            "citations": citations,
            "statements": len(statements),
            "issues": len(issue_rows),
        }

    def journal_events_and_statements(
        self, events: list[EventRow], statements: list[em.Statement]
    ) -> None:
        """Journal rows for what was published, written directly (the fast path)."""
        at = connection.ops.adapt_datetimefield_value(timezone.now())
        published = {event.id for event in events if event.published}
        rows = [(synced_type(em.Event), e.id, e.slug, at) for e in events if e.published]
        rows += [
            (synced_type(em.Statement), st.pk, "", at)
            for st in statements
            if st.speaker.editorial_status == EditorialStatus.PUBLISHED
            and (st.event_id is None or st.event_id in published)
        ]
        fast_insert(
            ChangeLog,
            [
                "object_type",
                "object_id",
                "slug",
                "at",
                "deleted",
                "state_published",
                "publish_at",
                "was_visible",
                "ever_public",
            ],
            [(*row, False, True, None, False, False) for row in rows],
        )

    def organizations(self, count: int) -> list[pm.Organization]:
        kinds = [k for k in pm.OrganizationKind.values if k != pm.OrganizationKind.OTHER]
        rows = [
            pm.Organization(
                name=f"Synthetic Organization {i}",
                slug=f"{PREFIX}-organization-{i}",
                abbreviation=f"SO{i}",
                country=self.rng.choice(["KR", "CN"]),
                kind=kinds[i % len(kinds)],
                editorial_status=EditorialStatus.PUBLISHED,
            )
            for i in range(count)
        ]
        return pm.Organization.objects.bulk_create(rows, batch_size=BATCH)

    def people(self, count: int, orgs: list[pm.Organization]) -> list[pm.Person]:
        rows = []
        for i in range(count):
            family, given = self.rng.choice(FAMILY), self.rng.choice(GIVEN)
            display = f"{family} {given} {i}"
            native = f"{HANGUL_FAMILY[family]}{i}" if family in HANGUL_FAMILY else ""
            rows.append(
                pm.Person(
                    display_name=display,
                    native_name=native,
                    sort_name=display,
                    slug=f"{PREFIX}-{slugify(display)}",
                    country="KR" if native else "CN",
                    bio=f"<p>Synthetic person number {i}.</p>",
                    search_key=" ".join(
                        filter(None, [normalize_name(display), normalize_name(native)])
                    ),
                    editorial_status=self.status(),
                )
            )
        persons = pm.Person.objects.bulk_create(rows, batch_size=BATCH)
        positions = [
            pm.Position(
                person=person,
                organization=self.rng.choice(orgs),
                title=self.rng.choice(
                    ["Minister", "Vice Minister", "Director-General", "Spokesperson"]
                ),
                start_date=dt.date(2024, 1, 1) + dt.timedelta(days=self.rng.randrange(700)),
            )
            for person in persons
        ]
        pm.Position.objects.bulk_create(positions, batch_size=BATCH)
        return persons

    def sources(self, count: int, orgs: list[pm.Organization]) -> list[em.Source]:
        rows = []
        for i in range(count):
            published_on, precision = self.fuzzy(dt.date(2020, 1, 1), dt.date(2026, 10, 31))
            rows.append(
                em.Source(
                    title=f"Synthetic report {i}",
                    outlet=self.rng.choice(orgs),
                    url=f"https://example.org/synthetic/{i}",
                    published_on_date=published_on,
                    published_on_precision=precision,
                    kind=self.rng.choice(em.SourceKind.values),
                    editorial_status=self.status(),
                )
            )
        return em.Source.objects.bulk_create(rows, batch_size=BATCH)

    def series(self, count: int) -> list[em.EventSeries]:
        rows = [
            em.EventSeries(
                name=f"Synthetic dialogue {i}",
                slug=f"{PREFIX}-series-{i}",
                editorial_status=PUBLISHED,
            )
            for i in range(count)
        ]
        return em.EventSeries.objects.bulk_create(rows, batch_size=BATCH)

    def events(self, count: int, series: list[em.EventSeries]) -> list[EventRow]:
        """Events, inserted without model instances: at 100,000 rows the ORM is the bottleneck."""
        adapt_date = connection.ops.adapt_datefield_value
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        first_id = next_id(em.Event)
        rows, made = [], []
        rounds: dict[int, int] = {}
        for i in range(count):
            start, precision = self.fuzzy(dt.date(2020, 1, 1), dt.date(2026, 12, 31))
            end = None
            if precision == PRECISIONS[0] and self.rng.random() < 0.2:
                end = start + dt.timedelta(days=self.rng.choice([1, 2, 3]))
            city, country = self.rng.choice(CITIES)
            in_series = self.rng.choice(series) if self.rng.random() < 0.1 else None
            round_number = None
            if in_series is not None:
                round_number = rounds[in_series.pk] = rounds.get(in_series.pk, 0) + 1
            status = self.status()
            event = EventRow(
                first_id + i,
                f"{PREFIX}-event-{i}",
                start,
                precision,
                status == PUBLISHED,
            )
            made.append(event)
            rows.append(
                (
                    event.id,
                    status,
                    None,
                    now,
                    now,
                    1,
                    f"Synthetic meeting {i} in {city}",
                    event.slug,
                    self.rng.choice(EVENT_KINDS),
                    self.rng.choices(EVENT_STATUSES, [5, 5, 80, 3, 3, 4])[0],
                    adapt_date(start),
                    precision,
                    adapt_date(end),
                    Precision.DAY,
                    # Event.save() derives last_date; there is no save() here, so derive it too.
                    adapt_date(end or period_end(start, precision)),
                    city,
                    "",
                    country,
                    f"Officials met in {city} for synthetic meeting {i}.",
                    "",
                    None,
                    in_series.pk if in_series else None,
                    round_number,
                )
            )
        # A save fills the English column of each translated field (title_en…; the API reads
        # them): written here too, or the API would answer every title as "".
        rows = [(*row, row[6], row[18], row[19]) for row in rows]
        fast_insert(
            em.Event,
            [
                "id",
                "editorial_status",
                "publish_at",
                "created_at",
                "updated_at",
                "version",
                "title",
                "slug",
                "kind",
                "status",
                "start_date",
                "start_precision",
                "end_date",
                "end_precision",
                "last_date",
                "city",
                "venue",
                "country",
                "summary",
                "body",
                "parent_id",
                "series_id",
                "round_number",
                "title_en",
                "summary_en",
                "body_en",
            ],
            rows,
        )
        return made

    def participations(self, events: list[EventRow], persons: list[pm.Person]) -> int:
        roles = [str(v) for v in em.ParticipationRole.values]
        first_id = next_id(em.EventParticipation)
        rows = []
        for event in events:
            for order, person in enumerate(self.rng.sample(persons, min(3, len(persons)))):
                rows.append(
                    (
                        first_id + len(rows),
                        event.id,
                        person.pk,
                        person.country.code,
                        roles[order % len(roles)],
                        "Minister",
                        order,
                    )
                )
        fast_insert(
            em.EventParticipation,
            ["id", "event_id", "person_id", "side", "role", "title", "order"],
            rows,
        )
        return len(rows)

    def citations(self, events: list[EventRow], sources: list[em.Source]) -> int:
        first_id = next_id(em.EventCitation)
        rows = [
            (first_id + n, event.id, self.rng.choice(sources).pk, "", "", False)
            for n, event in enumerate(events)
        ]
        fast_insert(
            em.EventCitation, ["id", "event_id", "source_id", "locator", "note", "conflicts"], rows
        )
        return len(rows)

    def statements(
        self, count: int, persons: list[pm.Person], events: list[EventRow]
    ) -> list[em.Statement]:
        rows = []
        for i in range(count):
            event = self.rng.choice(events) if events else None
            rows.append(
                em.Statement(
                    speaker=self.rng.choice(persons),
                    event_id=event.id if event else None,
                    said_date=event.start if event else dt.date(2026, 1, 5),
                    text=f"Synthetic remark number {i}: both sides agreed to keep talking.",
                )
            )
        return em.Statement.objects.bulk_create(rows, batch_size=BATCH)

    def issues(
        self,
        count: int,
        events: list[EventRow],
        orgs: list[pm.Organization],
        sources: list[em.Source],
    ) -> list[im.Issue]:
        rows = [
            im.Issue(
                title=f"Synthetic issue {i}",
                slug=f"{PREFIX}-issue-{i}",
                summary=f"What is at stake in synthetic issue {i}.",
                category=self.rng.choice(im.IssueCategory.values),
                status=self.rng.choice(im.IssueStatus.values),
                started_date=dt.date(2020 + i % 6, 1, 1),
                started_precision=Precision.YEAR,
                editorial_status=self.status(),
            )
            for i in range(count)
        ]
        issues = im.Issue.objects.bulk_create(rows, batch_size=BATCH)
        links, stances, developments = [], [], []
        Link = im.Issue.events.through
        for issue in issues:
            picked = self.rng.sample(events, min(5, len(events)))
            links += [Link(issue=issue, event_id=event.id) for event in picked]
            for country in ("KR", "CN"):
                stances.append(
                    im.Stance(
                        issue=issue,
                        country=country,
                        position=f"{country} position on {issue.title}.",
                        as_of_date=dt.date(2026, 1, 5),
                    )
                )
            for n, event in enumerate(picked[:3]):
                developments.append(
                    im.Development(
                        issue=issue,
                        happened_date=event.start,
                        happened_precision=event.precision,
                        summary=f"Step {n} of {issue.title}.",
                        event_id=event.id,
                        status_after=issue.status,
                    )
                )
        Link.objects.bulk_create(links, batch_size=BATCH)
        im.Stance.objects.bulk_create(stances, batch_size=BATCH)
        im.Development.objects.bulk_create(developments, batch_size=BATCH)
        return issues
