"""A change to an item and its child rows, as data: taken, compared, shown and applied.

A *snapshot* is an item's row and its child rows (the models its admin edits inline) as JSON-safe
values. The *changes* between two snapshots are what a `Revision` stores::

    {"parent": {"pk": 7, "version": 4, "fields": {"title": [old, new]}, "m2m": {...}},
     "children": [{"model": "events.eventparticipation", "fk": "event",
                   "changed": [{"pk": 3, "version": 2, "row": {...}, "fields": {"role": [o, n]}}],
                   "added": [{"row": {...}}],
                   "deleted": [{"pk": 5, "version": 1, "row": {...}}]}]}

A row's own rows edited on its page (a statement's citations) may ride along as a group with
``"via": "statement__event"`` (how they reach the item); their rows keep their foreign key, and
rows added to a row added in the same revision are re-pointed when it is applied.

Each changed or deleted row keeps the version and the values it was based on, so applying it
later can tell whether the live item moved meanwhile: a field someone else changed since to a
third value is a conflict and nothing is applied (the merge rule of `core.versions_admin`: what
you did not touch is never overwritten, what both touched is never decided silently).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from modeltranslation.fields import TranslationField

from core.translation_fields import (
    CONTENT_LANGUAGES,
    SOURCE_LANGUAGE,
    column,
    translatable_fields,
)

# Fields a revision never carries: bookkeeping, the editorial state (a Publisher's), and columns
# computed on save from the others (`last_date`, `search_key`).
SKIPPED = {
    "version",
    "editorial_status",
    "publish_at",
    "created_at",
    "updated_at",
    "search_key",
    "last_date",
}

# (child model, name of its foreign key to the item) or, for rows of a child row,
# (model, foreign key to the child row, lookup from the model to the item).
ChildSpec = tuple[type[models.Model], str] | tuple[type[models.Model], str, str]


def unpack(spec: ChildSpec) -> tuple[type[models.Model], str, str | None]:
    model, fk, *via = spec
    return model, fk, (via[0] if via else None)


def _skip(fk: str, via: str | None) -> list[str]:
    """The item's own foreign key is implied; a row of a child row keeps its foreign key."""
    return [] if via else [fk]


class RevisionConflict(Exception):
    """The live item changed since the revision was made, in a way it also changes."""

    def __init__(self, conflicts: list[dict[str, str]]) -> None:
        self.conflicts = conflicts
        super().__init__("; ".join(f"{c['what']}: {c['field']}" for c in conflicts))


def data_fields(model: type[models.Model], *, skip: Iterable[str] = ()) -> list[models.Field]:
    skipped = SKIPPED | set(skip)
    # Not only editable fields: a participant's `title_derived` is data the form sets.
    return [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in skipped]


def m2m_fields(model: type[models.Model]) -> list[models.Field]:
    """Many-to-many fields edited on the item's own form (not those with a through model)."""
    return [
        f
        for f in model._meta.many_to_many
        if f.editable and f.remote_field.through._meta.auto_created
    ]


def dump(field: models.Field, obj: models.Model) -> Any:
    value = field.value_from_object(obj)
    if value is None and isinstance(field, TranslationField) and not field.translated_field.null:
        # A language column (title_ko, …) not written yet and one a form saved empty are the
        # same: untranslated. Without this, saving an unchanged form would propose a change.
        return ""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return field.value_to_string(obj)


def load(field: models.Field, raw: Any) -> Any:
    if raw is None:
        return None
    try:
        return field.to_python(raw)
    except ValidationError:
        return raw


def row_data(obj: models.Model, *, skip: Iterable[str] = ()) -> dict[str, Any]:
    return {f.name: dump(f, obj) for f in data_fields(type(obj), skip=skip)}


def snapshot(
    obj: models.Model, specs: list[ChildSpec], links: Iterable[str] = ()
) -> dict[str, Any]:
    """The item's row and child rows as they are in the database now.

    `links` names reverse many-to-many relations the item's form edits too (an event's issues):
    they are compared and applied like the item's own many-to-many fields.
    """
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    names = [f.name for f in m2m_fields(type(fresh))] + list(links)
    result: dict[str, Any] = {
        "pk": fresh.pk,
        "version": getattr(fresh, "version", None),
        "row": row_data(fresh),
        "m2m": {
            name: sorted(p for p in getattr(fresh, name).values_list("pk", flat=True))
            for name in names
        },
        "children": {},
    }
    for spec in specs:
        model, fk, via = unpack(spec)
        rows = model._default_manager.filter(**{via or fk: fresh.pk}).order_by("pk")
        result["children"][model._meta.label_lower] = {
            str(row.pk): {
                "pk": row.pk,
                "version": getattr(row, "version", None),
                "row": row_data(row, skip=_skip(fk, via)),
            }
            for row in rows
        }
    return result


def changes_between(
    before: dict[str, Any], after: dict[str, Any], specs: list[ChildSpec]
) -> dict[str, Any]:
    """What turns `before` into `after` (both from `snapshot`), based on `before`'s versions."""
    parent = {
        "pk": before["pk"],
        "version": before["version"],
        "row": before["row"],
        "fields": {
            name: [before["row"].get(name), value]
            for name, value in after["row"].items()
            if before["row"].get(name) != value
        },
        "m2m": {
            name: [before["m2m"].get(name, []), value]
            for name, value in after["m2m"].items()
            if before["m2m"].get(name, []) != value
        },
    }
    children = []
    for spec in specs:
        model, fk, via = unpack(spec)
        label = model._meta.label_lower
        old, new = before["children"].get(label, {}), after["children"].get(label, {})
        group: dict[str, Any] = {
            "model": label,
            "fk": fk,
            "via": via,
            "changed": [],
            "added": [],
            "deleted": [],
        }
        for key, row in new.items():
            if key not in old:
                # The pk the row had in the discarded save: rows of it are re-pointed on apply.
                group["added"].append({"pk": row["pk"], "row": row["row"]})
            elif old[key]["row"] != row["row"]:
                fields = {
                    name: [old[key]["row"].get(name), value]
                    for name, value in row["row"].items()
                    if old[key]["row"].get(name) != value
                }
                group["changed"].append({**old[key], "fields": fields})
        for key, row in old.items():
            if key not in new:
                group["deleted"].append(row)
        if group["changed"] or group["added"] or group["deleted"]:
            children.append(group)
    return {"parent": parent, "children": children}


def is_empty(changes: dict[str, Any]) -> bool:
    parent = changes["parent"]
    return not parent["fields"] and not parent["m2m"] and not changes["children"]


def summary(model: type[models.Model], changes: dict[str, Any]) -> str:
    """“Title, Summary; participants: 1 added, 1 changed” — what the dashboards list."""
    parts = []
    names = [_label(model, n) for n in [*changes["parent"]["fields"], *changes["parent"]["m2m"]]]
    if names:
        parts.append(", ".join(names))
    for group in changes["children"]:
        child = apps.get_model(group["model"])
        counts = []
        for key, word in (
            ("added", _("added")),
            ("changed", _("changed")),
            ("deleted", _("deleted")),
        ):
            if group[key]:
                counts.append(f"{len(group[key])} {word}")
        parts.append(f"{child._meta.verbose_name_plural}: {', '.join(counts)}")
    return "; ".join(parts)[:500]


def _label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
        if field.auto_created and not field.concrete:  # a reverse relation (an event's issues)
            return str(field.related_model._meta.verbose_name_plural).capitalize()
        return str(field.verbose_name).capitalize()
    except Exception:  # noqa: BLE001 - a field removed since the revision was made
        return name


# Applying ---------------------------------------------------------------------------------


def _same(field: models.Field, a: Any, b: Any) -> bool:
    return a == b or load(field, a) == load(field, b)


def conflicts(changes: dict[str, Any], obj: models.Model) -> list[dict[str, str]]:
    """Where the live item now differs from what the revision was based on, on what it changes."""
    model = type(obj)
    found: list[dict[str, str]] = []
    parent = changes["parent"]
    live = row_data(obj)
    item = str(model._meta.verbose_name).capitalize()
    for name, (old, new) in parent["fields"].items():
        field = model._meta.get_field(name)
        if not _same(field, live.get(name), old) and not _same(field, live.get(name), new):
            found.append({"what": item, "field": _label(model, name)})
    for name, (old, new) in parent["m2m"].items():
        now = sorted(getattr(obj, name).values_list("pk", flat=True))
        if now not in (old, new):
            found.append({"what": item, "field": _label(model, name)})
    for group in changes["children"]:
        child = apps.get_model(group["model"])
        noun = str(child._meta.verbose_name).capitalize()
        pks = [r["pk"] for r in group["changed"] + group["deleted"]]
        rows = {r.pk: r for r in child._default_manager.filter(pk__in=pks)}
        for entry in group["changed"]:
            row = rows.get(entry["pk"])
            if row is None:
                found.append({"what": noun, "field": _("deleted meanwhile")})
                continue
            now = row_data(row, skip=_skip(group["fk"], group.get("via")))
            for name, (old, new) in entry["fields"].items():
                field = child._meta.get_field(name)
                if not _same(field, now.get(name), old) and not _same(field, now.get(name), new):
                    found.append({"what": noun, "field": _label(child, name)})
        for entry in group["deleted"]:
            row = rows.get(entry["pk"])
            skip = _skip(group["fk"], group.get("via"))
            if row is not None and row_data(row, skip=skip) != entry["row"]:
                found.append({"what": noun, "field": _("changed meanwhile")})
    return found


def _assign(obj: models.Model, fields: dict[str, Any]) -> None:
    model = type(obj)
    translated = set(translatable_fields(model))
    for name, value in fields.items():
        field = model._meta.get_field(name)
        if name in translated:
            # A translated field's own column only mirrors a language column, and assigning it
            # would write the *active* language's one (core.translation_fields): the language
            # columns (title_en, title_ko, …) carry the change. A revision made before the field
            # was translated has only the field: its text is English.
            languages = {column(name, language) for language in CONTENT_LANGUAGES}
            if not languages & set(fields):
                setattr(obj, column(name, SOURCE_LANGUAGE), load(field, value))
            continue
        setattr(obj, field.attname, load(field, value))


def apply_changes(
    *, changes: dict[str, Any], model: type[models.Model], user: Any, reason: str
) -> models.Model:
    """Make the changes live in one transaction; `RevisionConflict` if the item moved under them.

    The item is saved once (one history entry, by `user`, with `reason`), so the change journal,
    the page cache and search keys follow through their one write path (the save signals);
    child rows are updated, added and deleted to match. Every write is a compare-and-swap
    (`core.versions`) on the version read here, so a save that slips in between is refused too.
    """
    parent = changes["parent"]
    with transaction.atomic():
        obj = model._default_manager.select_for_update().get(pk=parent["pk"])
        found = conflicts(changes, obj)
        if found:
            raise RevisionConflict(found)
        _assign(obj, {n: new for n, (_old, new) in parent["fields"].items()})
        obj._history_user = user
        obj._change_reason = reason
        obj.full_clean(validate_unique=True)
        obj.save()
        for name, (_old, new) in parent["m2m"].items():
            getattr(obj, name).set(new)
        added_pks: dict[tuple[str, Any], Any] = {}  # (model, pk in the discarded save) -> pk
        # Rows this change deletes: a row reached through one of them (a citation pending for a
        # statement the change also deletes) goes with it, as the delete's cascade would take it.
        deleted = {
            (group["model"], entry["pk"])
            for group in changes["children"]
            for entry in group["deleted"]
        }
        for group in changes["children"]:
            child = apps.get_model(group["model"])
            fk = child._meta.get_field(group["fk"])
            via = group.get("via")
            for entry in group["deleted"]:
                row = child._default_manager.filter(pk=entry["pk"]).first()
                if row is not None:
                    row._history_user = user
                    row.delete()
            for entry in group["changed"]:
                row = child._default_manager.filter(pk=entry["pk"]).first()
                if row is None:  # taken by the cascade of a row deleted above (conflicts() found
                    continue  # every row the change is based on before anything was written)
                _assign(row, {n: new for n, (_old, new) in entry["fields"].items()})
                row._history_user = user
                row.full_clean()
                row.save()
            for entry in group["added"]:
                row = child()
                _assign(row, entry["row"])
                if via is None:
                    setattr(row, fk.attname, obj.pk)
                else:
                    target = (fk.related_model._meta.label_lower, getattr(row, fk.attname))
                    if target in deleted:
                        continue
                    setattr(row, fk.attname, added_pks.get(target, target[1]))
                row._history_user = user
                row.full_clean()
                row.save()
                added_pks[(group["model"], entry.get("pk"))] = row.pk
    return obj


# Showing ----------------------------------------------------------------------------------


class Related:
    """Related objects named by a set of changes, loaded once per model (constant queries)."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.found: dict[type[models.Model], dict[Any, models.Model]] = {}

    def want(self, field: models.Field, raw: Any) -> None:
        if raw in (None, ""):
            return
        values = raw if isinstance(raw, list) else [raw]
        target = field.related_model
        self.wanted[target].update(load(target._meta.pk, v) for v in values)

    def load(self) -> None:
        for target, pks in self.wanted.items():
            relations = [
                f.name
                for f in target._meta.concrete_fields
                if f.is_relation and f.many_to_one and f.related_model is not target
            ]
            queryset = target._default_manager.select_related(*relations).filter(pk__in=pks)
            self.found[target] = {obj.pk: obj for obj in queryset}

    def get(self, target: type[models.Model], raw: Any) -> models.Model | None:
        return self.found.get(target, {}).get(load(target._meta.pk, raw))


def display(field: models.Field, raw: Any, related: Related) -> str:
    if raw in (None, "", []):
        return "—"
    if field.many_to_many:
        names = [str(related.get(field.related_model, v) or v) for v in raw]
        return ", ".join(names)
    if field.is_relation:
        obj = related.get(field.related_model, raw)
        return str(obj) if obj is not None else f"#{raw}"
    if field.choices:
        return str(dict(field.flatchoices).get(load(field, raw), raw))
    value = load(field, raw)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if hasattr(value, "isoformat"):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def _row_instance(
    model: type[models.Model],
    row: dict[str, Any],
    parent: models.Model | None,
    fk: str,
    related: Related,
) -> models.Model:
    obj = model()
    _assign(obj, row)
    for field in data_fields(model):
        if field.is_relation and field.many_to_one:
            target = related.get(field.related_model, row.get(field.name))
            if target is not None:
                field.set_cached_value(obj, target)
    if parent is not None:
        fk_field = model._meta.get_field(fk)
        setattr(obj, fk_field.attname, parent.pk)
        fk_field.set_cached_value(obj, parent)
    return obj


def _name(obj: models.Model) -> str:
    try:
        return str(obj)
    except Exception:  # noqa: BLE001 - a row missing a related object names itself by type
        return str(obj._meta.verbose_name)


def describe(
    changes: dict[str, Any], model: type[models.Model], parent: models.Model | None
) -> dict[str, Any]:
    """The changes for people: field labels and display values, child rows named and grouped."""
    related = Related()
    p = changes["parent"]
    for name, pair in p["fields"].items():
        field = model._meta.get_field(name)
        if field.is_relation:
            for raw in pair:
                related.want(field, raw)
    for name, pair in p["m2m"].items():
        field = model._meta.get_field(name)
        for raw in pair:
            related.want(field, raw)
    for group in changes["children"]:
        child = apps.get_model(group["model"])
        for entry in group["changed"] + group["added"] + group["deleted"]:
            for field in data_fields(child, skip=_skip(group["fk"], group.get("via"))):
                if field.is_relation and field.many_to_one:
                    related.want(field, entry["row"].get(field.name))
                    if field.name in entry.get("fields", {}):
                        related.want(field, entry["fields"][field.name][1])
    related.load()

    def field_rows(m: type[models.Model], pairs: dict[str, list]) -> list[dict[str, str]]:
        rows = []
        for name, (old, new) in pairs.items():
            field = m._meta.get_field(name)
            rows.append(
                {
                    "label": _label(m, name),
                    "before": display(field, old, related),
                    "after": display(field, new, related),
                }
            )
        return rows

    groups = []
    for group in changes["children"]:
        child = apps.get_model(group["model"])
        fk = group["fk"]
        owner = None if group.get("via") else parent
        rows: list[dict[str, Any]] = []
        for entry in group["added"]:
            obj = _row_instance(child, entry["row"], owner, fk, related)
            shown = {n: [None, v] for n, v in entry["row"].items() if v not in (None, "")}
            rows.append({"kind": "added", "name": _name(obj), "fields": field_rows(child, shown)})
        for entry in group["changed"]:
            after = {**entry["row"], **{n: new for n, (_o, new) in entry["fields"].items()}}
            obj = _row_instance(child, after, owner, fk, related)
            rows.append(
                {
                    "kind": "changed",
                    "name": _name(obj),
                    "fields": field_rows(child, entry["fields"]),
                }
            )
        for entry in group["deleted"]:
            obj = _row_instance(child, entry["row"], owner, fk, related)
            rows.append({"kind": "deleted", "name": _name(obj), "fields": []})
        groups.append({"label": str(child._meta.verbose_name_plural).capitalize(), "rows": rows})
    return {
        "fields": field_rows(model, {**p["fields"], **p["m2m"]}),
        "children": groups,
    }
