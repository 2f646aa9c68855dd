"""Load the demo dataset (data_people, data_events, data_issues, data_translations) into the database.

Idempotent: every row is found by a natural key (slug, title, or the fields that identify it) and
saved only when something differs, so a second run writes nothing and adds no history revisions.
Every saved object goes through full_clean() so the data honours model validation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models, transaction

from core.dates import FuzzyDate, Precision
from core.editorial import EditorialStatus
from devdata.demo import data_events, data_issues, data_people
from devdata.demo.translations import apply_translations
from events.models import (
    Event,
    EventCitation,
    EventParticipation,
    EventSeries,
    Source,
    Statement,
    StatementCitation,
)
from events.services import event_rederive_titles
from issues.models import Development, DevelopmentCitation, Issue, Stance, StanceCitation
from people.models import Organization, Person, PersonName, Position
from people.services import glossary_title_for

M = TypeVar("M", bound=models.Model)
PUBLISHED = {"editorial_status": EditorialStatus.PUBLISHED}

# Models whose row counts the summary line reports, in reading order.
COUNTED_MODELS: list[type[models.Model]] = [
    Organization,
    Person,
    PersonName,
    Position,
    Source,
    EventSeries,
    Event,
    EventParticipation,
    EventCitation,
    Statement,
    StatementCitation,
    Issue,
    Stance,
    StanceCitation,
    Development,
    DevelopmentCitation,
]


def fuzzy(name: str, text: str | None) -> dict[str, Any]:
    """`<name>_date` and `<name>_precision` values for a date string such as "2026-Q1"."""
    if not text:
        return {f"{name}_date": None, f"{name}_precision": Precision.DAY}
    value = FuzzyDate.parse(text)
    return {f"{name}_date": value.first, f"{name}_precision": value.precision}


def _is_same(obj: models.Model, name: str, wanted: Any) -> bool:
    field = obj._meta.get_field(name)
    if field.many_to_one:
        # Compare ids, so checking a foreign key costs no query.
        return getattr(obj, field.attname) == (wanted.pk if wanted is not None else None)
    return getattr(obj, name) == wanted


class DemoLoader:
    """Creates or updates demo rows; remembers how many it created and updated."""

    def __init__(self) -> None:
        self.created: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()
        self.organizations: dict[str, Organization] = {}
        self.people: dict[str, Person] = {}
        self.sources: dict[str, Source] = {}
        self.series: dict[str, EventSeries] = {}
        self.events: dict[str, Event] = {}
        self.issues: dict[str, Issue] = {}

    # --- generic helpers
    def upsert(self, model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> M:
        """The row matching `lookup`, created or brought up to date with `values`."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            self._save(obj)
            self.created[model.__name__] += 1
            return obj
        changed = [name for name, value in values.items() if not _is_same(obj, name, value)]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            self._save(obj)
            self.updated[model.__name__] += 1
        return obj

    def _save(self, obj: models.Model) -> None:
        # Derived, non-editable fields (e.g. Event.last_date) are computed in save().
        obj.full_clean(exclude=[f.name for f in obj._meta.fields if not f.editable])
        obj.save()

    def sync_m2m(self, manager: Any, wanted: Iterable[models.Model]) -> None:
        """Make a many-to-many relation hold exactly `wanted`, touching it only if it differs."""
        current = set(manager.values_list("pk", flat=True))
        wanted_pks = {obj.pk for obj in wanted}
        if wanted_pks - current:
            manager.add(*sorted(wanted_pks - current))
        if current - wanted_pks:
            manager.remove(*sorted(current - wanted_pks))

    def cite(
        self, model: type[models.Model], owner_field: str, owner: models.Model, citations: list
    ) -> None:
        """Cite sources for `owner`: (source key, note, conflicts) tuples."""
        for key, note, conflicts in citations:
            self.upsert(
                model,
                {owner_field: owner, "source": self.sources[key]},
                {"note": note, "conflicts": conflicts, "locator": ""},
            )

    # --- people
    def load_organizations(self) -> None:
        # Parents are listed before their children.
        for row in data_people.ORGANIZATIONS:
            values = {k: v for k, v in row.items() if k not in ("slug", "parent")}
            values.setdefault("country", "")
            values["parent"] = self.organizations[row["parent"]] if "parent" in row else None
            self.organizations[row["slug"]] = self.upsert(
                Organization, {"slug": row["slug"]}, {**values, **PUBLISHED}
            )

    def load_people(self) -> None:
        for row in data_people.PEOPLE:
            person = self.upsert(
                Person,
                {"slug": row["slug"]},
                {
                    "display_name": row["display_name"],
                    "native_name": row.get("native_name", ""),
                    "sort_name": row.get("sort_name", ""),
                    "country": row.get("country", ""),
                    "bio": row["bio"],
                    **PUBLISHED,
                },
            )
            self.people[row["slug"]] = person
            for name in row["names"]:
                self.upsert(
                    PersonName,
                    {"person": person, "name": name["name"]},
                    {k: v for k, v in name.items() if k != "name"},
                )
            for position in row["positions"]:
                start = fuzzy("start", position.get("start"))
                self.upsert(
                    Position,
                    {
                        "person": person,
                        "organization": self.organizations[position["org"]],
                        "title": position["title"],
                        "start_date": start["start_date"],
                    },
                    {
                        "start_precision": start["start_precision"],
                        **fuzzy("end", position.get("end")),
                        "is_primary": position.get("primary", True),
                        # Every demo title goes through the shared glossary (people.Title).
                        "glossary_title": glossary_title_for(
                            position["title"],
                            self.organizations[position["org"]].country.code or "",
                        ),
                    },
                )

    # --- events
    def load_sources(self) -> None:
        for key, row in data_events.SOURCES.items():
            source = self.upsert(
                Source,
                {"title": row["title"]},
                {
                    "outlet": self.organizations.get(row.get("outlet", "")),
                    "outlet_note": row.get("outlet_note", ""),
                    "byline": row.get("byline", ""),
                    "url": None,
                    "language": "en",
                    "kind": row["kind"],
                    "summary": row["summary"],
                    **fuzzy("published_on", row["published_on"]),
                    **PUBLISHED,
                },
            )
            self.sync_m2m(source.authors, [self.people[slug] for slug in row.get("authors", [])])
            self.sources[key] = source

    def load_events(self) -> None:
        for row in data_events.SERIES:
            self.series[row["slug"]] = self.upsert(
                EventSeries,
                {"slug": row["slug"]},
                {"name": row["name"], "description": row["description"], **PUBLISHED},
            )
        for row in data_events.EVENTS:
            event = self.upsert(
                Event,
                {"slug": row["slug"]},
                {
                    "title": row["title"],
                    "kind": row["kind"],
                    "status": row["status"],
                    **fuzzy("start", row["start"]),
                    **fuzzy("end", row.get("end")),
                    "city": row.get("city", ""),
                    "venue": row.get("venue", ""),
                    "country": row.get("country", ""),
                    "summary": row["summary"],
                    "parent": self.events.get(row.get("parent", "")),
                    "series": self.series.get(row.get("series", "")),
                    "round_number": row.get("round"),
                    **PUBLISHED,
                },
            )
            self.events[row["slug"]] = event
            self.cite(EventCitation, "event", event, row["citations"])
            for order, part in enumerate(row["participants"], start=1):
                self.upsert(
                    EventParticipation,
                    {"event": event, "person": self.people[part["person"]]},
                    {
                        "side": part["side"],
                        "role": part["role"],
                        "title": part["title"],
                        "order": order,
                    },
                )
            # A corrected date moves the titles taken from positions (events.services).
            event_rederive_titles(event=event)

    def load_statements(self) -> None:
        for row in data_events.STATEMENTS:
            said = fuzzy("said", row["said"])
            statement = self.upsert(
                Statement,
                {
                    "speaker": self.people[row["speaker"]],
                    "event": self.events.get(row["event"] or ""),
                    "said_date": said["said_date"],
                },
                {
                    "said_precision": said["said_precision"],
                    "speaker_label": row.get("speaker_label", ""),
                    "text": row["text"],
                    "language": "en",
                    "is_paraphrase": row["is_paraphrase"],
                },
            )
            self.cite(StatementCitation, "statement", statement, row["citations"])

    # --- issues
    def load_issues(self) -> None:
        for row in data_issues.ISSUES:
            issue = self.upsert(
                Issue,
                {"slug": row["slug"]},
                {
                    "title": row["title"],
                    "summary": row["summary"],
                    "background": row["background"],
                    "category": row["category"],
                    "status": row["status"],
                    "keywords": "\n".join(row.get("keywords", [])),
                    **fuzzy("started", row.get("started")),
                    **PUBLISHED,
                },
            )
            self.issues[row["slug"]] = issue
            self.sync_m2m(issue.events, [self.events[slug] for slug in row["events"]])
            for stance_row in row["stances"]:
                as_of = fuzzy("as_of", stance_row["as_of"])
                stance = self.upsert(
                    Stance,
                    {
                        "issue": issue,
                        "country": stance_row["country"],
                        "as_of_date": as_of["as_of_date"],
                    },
                    {
                        "as_of_precision": as_of["as_of_precision"],
                        "organization": None,
                        "position": stance_row["position"],
                    },
                )
                self.cite(StanceCitation, "stance", stance, stance_row["citations"])
            for dev_row in row["developments"]:
                happened = fuzzy("happened", dev_row["happened"])
                development = self.upsert(
                    Development,
                    {"issue": issue, "happened_date": happened["happened_date"]},
                    {
                        "happened_precision": happened["happened_precision"],
                        "summary": dev_row["summary"],
                        "event": self.events.get(dev_row.get("event", "")),
                        "status_after": dev_row["status_after"],
                    },
                )
                self.cite(DevelopmentCitation, "development", development, dev_row["citations"])
        self.link_related_issues()

    def link_related_issues(self) -> None:
        # The relation is symmetrical: A lists B is the same link as B lists A.
        wanted: dict[str, set[str]] = {slug: set() for slug in self.issues}
        for row in data_issues.ISSUES:
            for other in row["related"]:
                wanted[row["slug"]].add(other)
                wanted[other].add(row["slug"])
        for slug, issue in self.issues.items():
            self.sync_m2m(issue.related_issues, [self.issues[o] for o in sorted(wanted[slug])])

    @transaction.atomic
    def load(self) -> None:
        """Load everything, in dependency order, in one transaction."""
        self.load_organizations()
        self.load_people()
        self.load_sources()
        self.load_events()
        self.load_statements()
        self.load_issues()
        # Korean and Chinese, into the translated columns (none yet: then nothing is written).
        apply_translations(self)

    def summary(self) -> str:
        counts = ", ".join(
            f"{model.objects.count()} {model._meta.verbose_name_plural}" for model in COUNTED_MODELS
        )
        return (
            f"Demo data: {counts} "
            f"({sum(self.created.values())} created, {sum(self.updated.values())} updated)."
        )


def load_demo() -> DemoLoader:
    """Load (or bring up to date) the South Korea–China demo dataset; returns the loader."""
    loader = DemoLoader()
    loader.load()
    return loader
