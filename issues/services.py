"""Multi-step writes on issues."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from events.models import Event
from issues.models import Issue


def event_issues_change(
    *, event: Event, add: Iterable[int], remove: Iterable[int], user: Any = None
) -> None:
    """Link `event` to the issues `add` and unlink it from `remove` ("events where it was
    discussed"). Written from each issue's side, so the issue's history records the link; links
    someone else made or removed meanwhile are left as they are."""
    with transaction.atomic():
        for issue in Issue.objects.filter(pk__in=list(add)).exclude(events=event):
            issue._history_user = user
            issue.events.add(event)
        for issue in Issue.objects.filter(pk__in=list(remove), events=event):
            issue._history_user = user
            issue.events.remove(event)
