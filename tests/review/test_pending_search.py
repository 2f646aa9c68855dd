"""A pending revision's text is not searchable until a Publisher approves it (then it is).

Given a live event, when an Editor's change waits for review, then searching for its new words
finds nothing through any door; once approved, the new words find the event and the old ones don't.
"""

from __future__ import annotations

import pytest

from review.models import Revision
from tests.review.test_pending_revisions import editor_changes_live_event, review_url

pytestmark = pytest.mark.django_db

DOORS = ("/search/?q={}", "/events/?q={}", "/api/v1/events/?q={}")


def found(client, word: str) -> list[bool]:
    return ["Lee–Xi" in client.get(door.format(word)).text for door in DOORS]


def test_pending_text_is_not_searchable_until_approved(two_clients, live_event, newcomer):
    editor, publisher = two_clients
    editor_changes_live_event(editor, live_event, newcomer, title="Lee–Xi hotline summit")
    reader = type(editor)()
    assert found(reader, "hotline") == [False, False, False]
    assert found(reader, "summit") == [True, True, True]

    publisher.post(review_url(Revision.objects.get()), {"_approve": "1"})

    assert found(reader, "hotline") == [True, True, True]
