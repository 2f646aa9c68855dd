"""Publishing checks what it depends on: the records a published item shows must be public too.

An event shows the sources it cites and the people taking part; a person the organizations of
their positions; an issue its stances' parties, the sources they cite and the events of its
timeline. Each publishable model names these in `dependency_paths()` (the kernel names no model
above it); this module holds the rule, written once:

- `unpublished_dependencies(objs)` — for each item, every record it shows (and what those show in
  turn) that is not public, or will not be by the time the item is: a dependency scheduled no later
  than the item itself is no obstacle. Queries per level of the walk, not per item.
- `check_dependencies(obj=..., user=..., publish_with=...)` — called by `editorial_transition`
  whenever something is published: publishes the dependencies named in `publish_with` together
  with it (a Publisher's act, in the same transaction), or raises `UnpublishedDependencies`
  listing those left, so every door (change form, bulk action, revert, commands) either offers
  them or stops with the list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F, prefetch_related_objects
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.editorial import EditorialStatus, Publishable, published_q, user_can_publish


def dependency_key(obj: models.Model) -> str:
    """How a dependency is named in forms and `publish_with`: "events.source:12"."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def describe(obj: Publishable) -> str:
    """ "Source “Readout” (draft)" — a dependency as the Publisher reads it."""
    if obj.editorial_status == EditorialStatus.PUBLISHED:
        when = formats.date_format(timezone.localtime(obj.publish_at), "DATETIME_FORMAT")
        state = _("scheduled for %(when)s") % {"when": when}
    else:
        state = str(obj.get_editorial_status_display()).lower()
    return f"{str(obj._meta.verbose_name).capitalize()} “{obj}” ({state})"


class UnpublishedDependencies(ValidationError):
    """Publishing `obj` would show records that are not public: `dependencies`."""

    def __init__(
        self,
        obj: Publishable,
        dependencies: Sequence[Publishable],
        left: Sequence[Publishable] | None = None,
    ) -> None:
        self.obj = obj
        self.dependencies = list(dependencies)  # every unpublished one, to offer them all again
        self.left = list(dependencies if left is None else left)  # those not named to publish
        listed = "; ".join(describe(dep) for dep in self.left)
        super().__init__(
            _(
                "Publishing “%(obj)s” would show what is not public: %(listed)s. Publish them "
                "together with it (a publisher can tick them), or publish them first."
            )
            % {"obj": obj, "listed": listed},
            code="unpublished_dependencies",
        )

    def __str__(self) -> str:
        return self.messages[0]


def _public_for(dep: Publishable, item: Publishable) -> bool:
    """Whether `dep` (not public now) will be public by the time `item` is (both scheduled)."""
    return (
        dep.editorial_status == EditorialStatus.PUBLISHED
        and item.publish_at is not None
        and dep.publish_at is not None
        and dep.publish_at <= item.publish_at
    )


def unpublished_dependencies(objs: Iterable[Publishable]) -> dict[str, list[Publishable]]:
    """{item's key: the records it shows, directly or through them, that are not public}."""
    items = [obj for obj in objs if obj.pk is not None]
    found: dict[str, dict[str, Publishable]] = {dependency_key(obj): {} for obj in objs}
    by_key = {dependency_key(obj): obj for obj in items}
    expanded: dict[tuple[type, Any], set[str]] = defaultdict(set)
    level: dict[tuple[type, Any], set[str]] = {
        (type(obj), obj.pk): {dependency_key(obj)} for obj in items
    }
    while level:
        owners_by_model: dict[type, dict[Any, set[str]]] = defaultdict(dict)
        for (model, pk), roots in level.items():
            owners_by_model[model][pk] = roots
        following: dict[tuple[type, Any], set[str]] = defaultdict(set)
        for model, owners in owners_by_model.items():
            for dep_model, path in model.dependency_paths():
                rows = (
                    dep_model._default_manager.filter(**{f"{path}__in": list(owners)})
                    .exclude(published_q())
                    .annotate(_dependency_owner=F(path))
                    .distinct()
                )
                for dep in rows:
                    for root in owners[dep._dependency_owner]:
                        key = dependency_key(dep)
                        if key == root or _public_for(dep, by_key[root]):
                            continue
                        found[root][key] = dep
                        node = (dep_model, dep.pk)
                        if root not in expanded[node]:
                            expanded[node].add(root)
                            following[node].add(root)
        level = following
    result = {root: list(deps.values()) for root, deps in found.items()}
    preload_labels([dep for deps in result.values() for dep in deps])
    return result


def live_dependents(obj: Publishable) -> list[Publishable]:
    """The public items that show `obj` (the reverse of `dependency_paths`), e.g. the live events
    citing a source: what readers stop seeing it on when `obj` is unpublished or archived.
    One query per (model, path) naming `obj`'s model."""
    from django.apps import apps

    found: dict[str, Publishable] = {}
    for model in apps.get_models():
        paths = getattr(model, "dependency_paths", None)
        if paths is None:
            continue
        for dep_model, path in paths():
            if dep_model is not type(obj):
                continue
            owners = dep_model._default_manager.filter(pk=obj.pk).values(path)
            for item in model._default_manager.filter(published_q(), pk__in=owners):
                found.setdefault(dependency_key(item), item)
    return list(found.values())


def preload_labels(deps: list[Publishable]) -> None:
    """Load what each dependency's label names (a source's outlet), one query per relation."""
    by_model: dict[type, list[Publishable]] = defaultdict(list)
    for dep in deps:
        by_model[type(dep)].append(dep)
    for model, rows in by_model.items():
        relations = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.ForeignKey)
        ]
        if relations:
            prefetch_related_objects(rows, *relations)


def check_dependencies(
    *,
    obj: Publishable,
    user: Any,
    publish_with: Collection[str] = (),
    already: Collection[str] = (),
) -> list[Publishable]:
    """Publish `obj`'s unpublished dependencies named in `publish_with`, or refuse.

    `already`: dependencies the live item showed before this change (approving an Editor's
    changes to a live item asks only about what the changes add).

    Raises `UnpublishedDependencies` listing every dependency not named (nothing is written), and
    `PermissionDenied` if `user` may not publish one. Returns those published, which were saved
    (status published, and a later schedule moved to the item's) in the caller's transaction.
    """
    deps = unpublished_dependencies([obj])[dependency_key(obj)]
    deps = [dep for dep in deps if dependency_key(dep) not in already]
    left = [dep for dep in deps if dependency_key(dep) not in publish_with]
    if left:
        raise UnpublishedDependencies(obj, deps, left)
    for dep in deps:
        if not user_can_publish(user, type(dep)):
            raise PermissionDenied(_("Only publishers can publish, unpublish or archive."))
    for dep in deps:
        dep.editorial_status = EditorialStatus.PUBLISHED
        if dep.publish_at is not None and (
            obj.publish_at is None or dep.publish_at > obj.publish_at
        ):
            dep.publish_at = obj.publish_at
        dep._history_user = user
        dep.save(update_fields=["editorial_status", "publish_at", "updated_at"])
    return deps
