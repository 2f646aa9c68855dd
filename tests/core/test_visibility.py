"""`published()` is the one rule for what the public sees."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.editorial import EditorialStatus
from events.models import Event, EventParticipation, Statement
from issues.models import Development, Issue, Stance
from people.models import Person
from tests.factories import (
    DevelopmentFactory,
    EventFactory,
    EventParticipationFactory,
    IssueFactory,
    PersonFactory,
    StanceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "status", [EditorialStatus.DRAFT, EditorialStatus.REVIEW, EditorialStatus.ARCHIVED]
)
@pytest.mark.parametrize(
    ("factory", "model"), [(EventFactory, Event), (PersonFactory, Person), (IssueFactory, Issue)]
)
def test_unpublished_states_are_hidden(factory, model, status):
    visible = factory()
    factory(editorial_status=status)
    assert list(model.objects.published()) == [visible]


def test_future_publish_at_is_not_yet_visible_and_past_is():
    future = EventFactory(publish_at=timezone.now() + dt.timedelta(hours=1))
    past = EventFactory(publish_at=timezone.now() - dt.timedelta(minutes=1))
    published = set(Event.objects.published())
    assert past in published
    assert future not in published
    assert future.is_public is False


def test_children_follow_their_parents():
    draft_person = PersonFactory(editorial_status=EditorialStatus.DRAFT)
    event = EventFactory()
    EventParticipationFactory(event=event, person=draft_person)
    shown = EventParticipationFactory(event=event)
    draft_issue = IssueFactory(editorial_status=EditorialStatus.DRAFT)
    StanceFactory(issue=draft_issue)
    DevelopmentFactory(issue=draft_issue)
    DevelopmentFactory(event=EventFactory(editorial_status=EditorialStatus.REVIEW))
    StatementFactory(event=EventFactory(editorial_status=EditorialStatus.DRAFT))
    StatementFactory(speaker=draft_person)
    statement = StatementFactory(event=None)

    assert list(EventParticipation.objects.published()) == [shown]
    assert not Stance.objects.published().exists()
    assert not Development.objects.published().exists()
    assert list(Statement.objects.published()) == [statement]


def test_staff_see_everything_others_only_published(editor):
    draft = EventFactory(editorial_status=EditorialStatus.DRAFT)
    assert draft in Event.objects.visible_to(editor)
    assert draft not in Event.objects.visible_to(None)
