"""Fixtures for the review of Editors' changes to published items."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import (
    EventCitationFactory,
    EventFactory,
    EventParticipationFactory,
    PersonFactory,
    StatementFactory,
    editor_user,
    publisher_user,
)


@pytest.fixture
def live_event(db):
    event = EventFactory(title="Lee–Xi summit", summary="They met.")
    EventParticipationFactory(event=event, person=PersonFactory(display_name="Lee Jae-myung"))
    StatementFactory(event=event, speaker=event.participations.get().person, text="We agreed.")
    EventCitationFactory(event=event)
    return event


@pytest.fixture
def newcomer(db):
    return PersonFactory(display_name="Wang Yi")


@pytest.fixture
def two_clients(db):
    """An editor and a publisher signed in at once, as in a newsroom."""
    editor, publisher = Client(), Client()
    editor.force_login(editor_user(username="ed", email="ed@example.org"))
    publisher.force_login(publisher_user(username="pub", email="pub@example.org"))
    return editor, publisher
