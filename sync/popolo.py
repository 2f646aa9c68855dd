"""The published dataset as one Popolo JSON document (https://www.popoloproject.com/).

Civic-tech tools (EveryPolitician's readers, django-popolo importers, Open Civic Data tooling) load
Popolo: `persons`, `organizations`, `memberships` and `events`. The document is built from the
API's own detail rows (what `sync.export` writes as `<resource>.jsonl`), so it holds exactly what
the API shows — published content only, hidden organizations already left out of positions.

Mapping:
- person: `id` = slug, `name`, `sort_name`, `other_names` (note = the kind of name and its
  language), `identifiers` (scheme/identifier, Wikidata included), `biography`, `image`,
  `national_identity` (ISO 3166-1 country code), `links` (the public page).
- organization: `id` = slug, `name`, `other_names` (native name, abbreviation),
  `classification`, `parent_id`, `links` (website, public page).
- membership: one per position: `person_id`, `organization_id`, `role` (the title),
  `start_date` / `end_date`.
- event: `id` = slug, `name`, `description` (summary), `classification` (kind), `status`,
  `start_date` / `end_date`, `location`, `parent_id`, `attendees` (the participants, as persons
  with `id` and `name`), `sources` (the cited reports).

Popolo dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a date known to a quarter is written as the
months it spans (start `2026-01`, end `2026-03`), never as a day it does not know.
"""

from __future__ import annotations

from typing import Any

from core.dates import FuzzyDate, Precision

POPOLO_FILENAME = "popolo.json"
POPOLO_RESOURCES = ("people", "organizations", "events")


def _fuzzy(value: dict[str, Any] | None) -> FuzzyDate | None:
    if not value:
        return None
    return FuzzyDate.parse(value["edtf"])


def popolo_start(value: dict[str, Any] | None) -> str | None:
    """A Popolo date for the start of a period (a quarter starts with its first month)."""
    date = _fuzzy(value)
    if date is None:
        return None
    if date.precision == Precision.QUARTER:
        return f"{date.first:%Y-%m}"
    return date.iso()


def popolo_end(value: dict[str, Any] | None) -> str | None:
    """A Popolo date for the end of a period (a quarter ends with its last month)."""
    date = _fuzzy(value)
    if date is None:
        return None
    if date.precision == Precision.QUARTER:
        return f"{date.last:%Y-%m}"
    return date.iso()


def _compact(obj: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values: Popolo properties are optional, and `null` says nothing."""
    return {key: value for key, value in obj.items() if value not in (None, "", [])}


def person(row: dict[str, Any]) -> dict[str, Any]:
    identifiers = [
        {"scheme": item["scheme"], "identifier": item["value"]}
        for item in row.get("identifiers", [])
    ]
    if row.get("wikidata_id") and not any(i["scheme"] == "wikidata" for i in identifiers):
        identifiers.append({"scheme": "wikidata", "identifier": row["wikidata_id"]})
    other_names = [
        _compact(
            {
                "name": name["name"],
                "note": " ".join(filter(None, [name["kind"], name.get("language")])),
            }
        )
        for name in row.get("other_names", [])
    ]
    if row.get("native_name"):
        other_names.insert(0, {"name": row["native_name"], "note": "native"})
    return _compact(
        {
            "id": row["slug"],
            "name": row["display_name"],
            "sort_name": row.get("sort_name"),
            "other_names": other_names,
            "identifiers": identifiers,
            "biography": row.get("bio"),
            "image": row.get("portrait"),
            "national_identity": row.get("country"),
            "links": [{"url": row["url"], "note": "Relations Tracker"}],
        }
    )


def memberships(row: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        _compact(
            {
                "id": f"{row['slug']}/position-{n}",
                "person_id": row["slug"],
                "organization_id": position["organization"]["slug"],
                "role": position.get("title"),
                "start_date": popolo_start(position.get("start")),
                "end_date": popolo_end(position.get("end")),
            }
        )
        for n, position in enumerate(row.get("positions", []), start=1)
        if position.get("organization")
    ]


def organization(row: dict[str, Any]) -> dict[str, Any]:
    other_names = []
    if row.get("native_name"):
        other_names.append({"name": row["native_name"], "note": "native"})
    if row.get("abbreviation"):
        other_names.append({"name": row["abbreviation"], "note": "abbreviation"})
    links = [{"url": row["url"], "note": "Relations Tracker"}]
    if row.get("website"):
        links.insert(0, {"url": row["website"], "note": "website"})
    return _compact(
        {
            "id": row["slug"],
            "name": row["name"],
            "other_names": other_names,
            "classification": row.get("kind"),
            "parent_id": (row.get("parent") or {}).get("slug"),
            "links": links,
        }
    )


def event(row: dict[str, Any]) -> dict[str, Any]:
    start = row.get("start")
    end = row.get("end")
    if end is None and start and start.get("precision") == Precision.QUARTER:
        end = start  # "January–March 2026": from 2026-01 to 2026-03
    location = ", ".join(filter(None, [row.get("venue"), row.get("city"), row.get("country")]))
    return _compact(
        {
            "id": row["slug"],
            "name": row["title"],
            "description": row.get("summary"),
            "classification": row.get("kind"),
            "status": row.get("status"),
            "start_date": popolo_start(start),
            "end_date": popolo_end(end),
            "location": location,
            "parent_id": (row.get("parent") or {}).get("slug"),
            "attendees": [
                _compact(
                    {
                        "id": participant["person"]["slug"],
                        "name": participant["person"]["display_name"],
                    }
                )
                for participant in row.get("participants", [])
                if participant.get("person")
            ],
            "sources": [
                _compact(
                    {
                        "url": citation["source"].get("link") or citation["source"]["url"],
                        "note": citation["source"].get("title"),
                    }
                )
                for citation in row.get("sources", [])
                if citation.get("source")
            ],
            "links": [{"url": row["url"], "note": "Relations Tracker"}],
        }
    )


def popolo_document(rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Persons, organizations, memberships and events, as Popolo, from the API's detail rows
    of `people`, `organizations` and `events`."""
    people = rows["people"]
    return {
        "persons": [person(row) for row in people],
        "organizations": [organization(row) for row in rows["organizations"]],
        "memberships": [item for row in people for item in memberships(row)],
        "events": [event(row) for row in rows["events"]],
    }
