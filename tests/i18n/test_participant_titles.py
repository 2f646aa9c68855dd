"""A participant's title on an event page: derived from the person's position, it reads in the
page's language; typed for that event, it is English text and marked lang="en" (WCAG 3.1.2)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_derived_titles_read_in_the_page_language_and_typed_ones_are_marked_english(client):
    event = f.EventFactory(start_date=dt.date(2026, 1, 5), title="Talks")
    minister = f.PersonFactory(display_name="Cho Hyun")
    f.PositionFactory(
        person=minister,
        title="Foreign Minister",
        title_ko="외교부 장관",
        start_date=dt.date(2025, 9, 1),
    )
    f.EventParticipationFactory(event=event, person=minister)
    envoy = f.PersonFactory(display_name="Kim Envoy")
    f.EventParticipationFactory(event=event, person=envoy, title="Special Envoy")

    path = event.get_absolute_url()  # English, unprefixed
    html = client.get(f"/ko{path}").content.decode()

    assert "외교부 장관" in html
    assert '<span lang="en">Special Envoy</span>' in html
    english = client.get(path).content.decode()
    assert "Foreign Minister" in english
