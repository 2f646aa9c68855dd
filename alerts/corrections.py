"""Public corrections as readers see them: the note, the date and the corrected item's link."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from review.models import Correction

FEED_CORRECTIONS = 30


@dataclass
class CorrectionRow:
    correction: Correction
    item: Any
    type_label: str

    @property
    def title(self) -> str:
        return str(getattr(self.item, "title", None) or self.item)

    @property
    def date(self) -> datetime:
        return self.correction.published_at

    @property
    def url(self) -> str:
        return self.item.get_absolute_url()


def correction_rows(corrections: list[Correction]) -> list[CorrectionRow]:
    """Each correction with its item, read from the public querysets (one query per type)."""
    by_type: dict[Any, set[int]] = defaultdict(set)
    for correction in corrections:
        by_type[correction.content_type].add(correction.object_id)
    items: dict[tuple[int, int], Any] = {}
    for content_type, pks in by_type.items():
        model = content_type.model_class()
        if model is None:
            continue
        for obj in model.objects.published().filter(pk__in=pks):
            items[(content_type.pk, obj.pk)] = obj
    rows = []
    for correction in corrections:
        item = items.get((correction.content_type_id, correction.object_id))
        if item is not None:
            label = str(correction.content_type.model_class()._meta.verbose_name).capitalize()
            rows.append(CorrectionRow(correction, item, label))
    return rows
