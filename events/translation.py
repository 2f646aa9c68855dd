"""Translatable fields of events (see core.translation_fields).

A source's headline and a statement's quote stay as published or spoken, in their own `language`;
their translations are separate fields (`translated_title`, `translated_text`), shown as ours.
"""

from __future__ import annotations

from core.translation_fields import register
from events.models import Event, EventSeries, Source, Statement

register(Source, ("translated_title",), history={"m2m_fields": ["authors"]})
register(EventSeries, ("name",), history={})
register(Event, ("title", "summary", "body"), history={})
register(Statement, ("translated_text",), history={})
