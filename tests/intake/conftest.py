"""Fixtures for "New from a report": the people and issue article 003 names, and its text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from tests.factories import IssueFactory, PersonFactory, PersonNameFactory, PositionFactory

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def seed(prefix: str) -> str:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"the seed articles are not at {SEEDS}")
    return found[0].read_text(encoding="utf-8")


@pytest.fixture
def article_003() -> str:
    return seed("003")


@pytest.fixture
def known(db) -> dict[str, Any]:
    park = PersonFactory(
        display_name="Park Yoon-joo", native_name="박윤주", country="KR", slug="park"
    )
    PositionFactory(
        person=park, title="First Vice Foreign Minister", start_date=dt.date(2025, 6, 1)
    )
    ma = PersonFactory(display_name="Ma Zhaoxu", native_name="马朝旭", country="CN", slug="ma")
    PositionFactory(person=ma, title="Executive Vice Foreign Minister", start_date=None)
    lee = PersonFactory(
        display_name="Lee Jae Myung", native_name="이재명", country="KR", slug="lee"
    )
    PersonNameFactory(person=lee, name="Lee Jae-myung")
    PositionFactory(person=lee, title="President", start_date=dt.date(2025, 6, 4))
    xi = PersonFactory(display_name="Xi Jinping", native_name="习近平", country="CN", slug="xi")
    PositionFactory(person=xi, title="President", start_date=dt.date(2013, 3, 14))
    exchanges = IssueFactory(
        title="Restoring high-level exchanges",
        slug="restoring-high-level-exchanges",
        keywords="high-level exchanges\n고위급 교류\n高层交往",
    )
    hallyu = IssueFactory(
        title="Restrictions on Korean cultural content in China (“Hallyu ban”)",
        slug="hallyu-ban",
        keywords="Hallyu ban\nTHAAD\nK-pop\n한한령\n限韩令",
    )
    return {"park": park, "ma": ma, "lee": lee, "xi": xi, "exchanges": exchanges, "hallyu": hallyu}


def form_data(html: str, form_id: str) -> dict[str, Any]:
    """What a browser would send from the form `form_id` as rendered (checked boxes only)."""
    form = lxml.html.fromstring(html).get_element_by_id(form_id)
    data: dict[str, Any] = {}
    for element in form.iter("input", "select", "textarea"):
        name = element.get("name")
        if not name:
            continue
        if element.tag == "input":
            kind = (element.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if element.get("checked") is not None:
                    data[name] = element.get("value") or "on"
            elif kind not in ("submit", "button"):
                data[name] = element.get("value") or ""
        elif element.tag == "select":
            selected = [o for o in element.iter("option") if o.get("selected") is not None]
            options = list(element.iter("option"))
            chosen = selected[0] if selected else (options[0] if options else None)
            data[name] = chosen.get("value", chosen.text or "") if chosen is not None else ""
        else:
            data[name] = element.text or ""
    return data
