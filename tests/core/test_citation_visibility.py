"""Citations have one visibility rule, in their QuerySet, and templates never restate it."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.editorial import EditorialStatus
from events.models import EventCitation, StatementCitation
from issues.models import DevelopmentCitation, StanceCitation
from tests.factories import (
    DevelopmentCitationFactory,
    DevelopmentFactory,
    EventCitationFactory,
    EventFactory,
    IssueFactory,
    SourceFactory,
    StanceCitationFactory,
    StanceFactory,
    StatementCitationFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

DRAFT = EditorialStatus.DRAFT
CITATIONS = [
    (EventCitationFactory, EventCitation),
    (StatementCitationFactory, StatementCitation),
    (StanceCitationFactory, StanceCitation),
    (DevelopmentCitationFactory, DevelopmentCitation),
]


@pytest.mark.parametrize(("factory", "model"), CITATIONS)
def test_published_keeps_only_citations_of_published_sources(factory, model) -> None:
    shown = factory()
    factory(source=SourceFactory(editorial_status=DRAFT))

    assert list(model.objects.published()) == [shown]


@pytest.mark.parametrize(("factory", "model"), CITATIONS)
def test_published_hides_a_hidden_outlet_but_keeps_the_citation(factory, model) -> None:
    source = SourceFactory(outlet__editorial_status=DRAFT)
    factory(source=source)

    (citation,) = model.objects.published()

    assert citation.source.outlet is None


def test_of_published_facts_follows_each_citing_fact() -> None:
    source = SourceFactory()
    shown_event = EventCitationFactory(source=source)
    EventCitationFactory(source=source, event=EventFactory(editorial_status=DRAFT))
    shown_statement = StatementCitationFactory(source=source)
    StatementCitationFactory(
        source=source, statement=StatementFactory(event=EventFactory(editorial_status=DRAFT))
    )
    shown_stance = StanceCitationFactory(source=source)
    StanceCitationFactory(
        source=source, stance=StanceFactory(issue=IssueFactory(editorial_status=DRAFT))
    )
    shown_development = DevelopmentCitationFactory(source=source)
    DevelopmentCitationFactory(
        source=source,
        development=DevelopmentFactory(event=EventFactory(editorial_status=DRAFT)),
    )

    assert list(EventCitation.objects.of_published_facts()) == [shown_event]
    assert list(StatementCitation.objects.of_published_facts()) == [shown_statement]
    assert list(StanceCitation.objects.of_published_facts()) == [shown_stance]
    assert list(DevelopmentCitation.objects.of_published_facts()) == [shown_development]


def test_no_template_decides_visibility() -> None:
    templates = Path(__file__).resolve().parents[2] / "templates"
    deciding = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if "is_public" in path.read_text(encoding="utf-8")
    ]

    assert deciding == []
