"""Which items can carry a public correction: events, people, issues and sources."""

from __future__ import annotations

from django.db import models

from events.models import Event, Source
from issues.models import Issue
from people.models import Person


def correctable_models() -> tuple[type[models.Model], ...]:
    return (Event, Person, Issue, Source)
