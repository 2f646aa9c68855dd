"""Translatable fields of people (see core.translation_fields)."""

from __future__ import annotations

from core.translation_fields import register
from people.models import Organization, Person, Position, Title

register(Organization, ("name", "abbreviation"), history={})
register(Person, ("bio",), history={})
register(Title, ("name",), history={})
# A position's title is copied from its glossary entry (Position.copy_glossary_title) when it has one.
register(Position, ("title",), history={})
