"""Translatable fields of issues (see core.translation_fields)."""

from __future__ import annotations

from core.translation_fields import register
from issues.models import Development, Issue, Stance

register(
    Issue,
    ("title", "summary", "background"),
    history={"m2m_fields": ["events", "related_issues"]},
)
register(Stance, ("position",), history={})
register(Development, ("summary",), history={})
