"""Record versions: every editable row carries one, and a save based on a stale one is refused.

The API is two names:

- `Versioned` — abstract model adding `version` (1 on insert). Every `save()` of an existing row
  is a compare-and-swap in the statement that writes it::

      UPDATE … SET …, version = v + 1 WHERE id = %s AND version = v

  where `v` is the instance's `version`: the version its editor saw, not the one in the database
  now. There is no read-then-write window: on PostgreSQL a concurrent committed write makes the
  WHERE miss; on SQLite (BEGIN IMMEDIATE) writers are serialised anyway. A miss (another save got
  there first, or the row was deleted) raises `StaleVersion` and writes nothing; the enclosing
  transaction decides what else is rolled back.
- `StaleVersion` — what that save raises.

A form or service that writes on behalf of someone sets `obj.version` to the version they based
their edit on, then calls `save()` inside `transaction.atomic()`; on `StaleVersion` it tells them
(the admin shows its merge screen, `core.versions_admin`). `QuerySet.update()` bypasses the check
and does not bump the version: use it only for derived columns nobody edits (search keys).

Hand-written rather than django-concurrency: that package swaps `_do_update` on every model at
class_prepared and brings its own admin that knows nothing of inlines' merge screen; the check
itself is the override of one method below.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class StaleVersion(Exception):
    """A save was based on `expected`, but the row has moved on (or is gone)."""

    def __init__(self, obj: models.Model, expected: int) -> None:
        self.model = type(obj)
        self.pk = obj.pk
        self.expected = expected
        super().__init__(
            f"{self.model._meta.label} {self.pk}: saved by someone else after version {expected}"
        )


class Versioned(models.Model):
    """Abstract base: a `version` every save of an existing row checks and increments."""

    version = models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding or self.pk is None:
            super().save(*args, **kwargs)
            return
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "version" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "version"]
        expected = self.version
        self._expected_version = expected
        self.version = expected + 1
        try:
            super().save(*args, **kwargs)
        except BaseException:
            self.version = expected
            raise
        finally:
            del self._expected_version

    def _do_update(
        self,
        base_qs: models.QuerySet,
        using: str,
        pk_val: Any,
        values: list,
        update_fields: Any,
        forced_update: bool,
    ) -> bool:
        # Django's one UPDATE of save(), narrowed to the expected version; 0 rows is a refusal,
        # never the fall-through to INSERT that save() would otherwise try.
        expected = getattr(self, "_expected_version", None)
        if expected is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        narrowed = base_qs.filter(version=expected)
        if not super()._do_update(narrowed, using, pk_val, values, update_fields, True):
            raise StaleVersion(self, expected)
        return True
