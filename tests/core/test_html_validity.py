"""HTML the Nu checker accepts, and small things every page needs."""

from __future__ import annotations

import lxml.html
import pytest

from events.models import StatementCitation
from tests.factories import (
    EventFactory,
    EventParticipationFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def assert_figcaptions_first_or_last(html: str) -> None:
    """HTML: a <figcaption> is the first or the last child of its <figure>."""
    tree = lxml.html.fromstring(html)
    figures = tree.findall(".//figure")
    assert figures
    for figure in figures:
        children = [child for child in figure if isinstance(child.tag, str)]
        for index, child in enumerate(children):
            if child.tag == "figcaption":
                assert index in (0, len(children) - 1), lxml.html.tostring(figure)[:300]


def test_quoted_statements_with_citations_keep_the_caption_last():
    person = PersonFactory(slug="speaker")
    event = EventFactory(slug="talks")
    EventParticipationFactory(event=event, person=person)
    statement = StatementFactory(speaker=person, event=event)
    StatementCitation.objects.create(statement=statement, source=SourceFactory())
    from django.test import Client

    client = Client()
    for path in ["/events/talks/", "/people/speaker/"]:
        response = client.get(path)
        assert response.status_code == 200
        assert 'class="citations"' in response.content.decode(), path
        assert_figcaptions_first_or_last(response.content.decode())


def test_api_organization_description_is_sanitised_like_the_page(client):
    OrganizationFactory(
        slug="mofa", description='<p onclick="x()">Ministry</p><script>alert(1)</script>'
    )

    data = client.get("/api/v1/organizations/mofa/").json()

    assert data["description"] == "<p>Ministry</p>"
