"""Every feed as readers take it: RFC 4287 rules for Atom, editor text never delivered as markup."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest

from tests.factories import (
    DevelopmentFactory,
    EventFactory,
    EventParticipationFactory,
    IssueFactory,
    PersonFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(2)</script> & friends'


@pytest.fixture
def feed_paths() -> list[str]:
    person = PersonFactory(slug="speaker")
    issue = IssueFactory(slug="dispute", summary=PAYLOAD)
    event = EventFactory(summary=PAYLOAD)
    event.issues.add(issue)
    EventParticipationFactory(event=event, person=person)
    StatementFactory(speaker=person, event=event, text=PAYLOAD)
    DevelopmentFactory(issue=issue, summary=PAYLOAD)
    return [
        f"{base}.{kind}"
        for base in ("/feeds/latest", "/issues/dispute/feed", "/people/speaker/feed")
        for kind in ("rss", "atom")
    ]


def assert_valid_atom(root: ET.Element) -> None:
    """RFC 4287 4.1.1-4.1.2: what a feed and each entry must carry."""
    assert root.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{element}") is not None, element
    feed_author = root.find(f"{ATOM}author/{ATOM}name")
    assert feed_author is not None
    assert feed_author.text
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for element in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{element}") is not None, element
        assert entry.find(f"{ATOM}author/{ATOM}name") is not None
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        summary = entry.find(f"{ATOM}summary")
        if summary is not None:
            assert summary.get("type") in (None, "text", "html")


def test_atom_feeds_follow_rfc_4287(client, feed_paths):
    for path in feed_paths:
        if path.endswith(".atom"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert_valid_atom(ET.fromstring(response.content))
            parsed = feedparser.parse(response.content)
            assert parsed.bozo == 0, path
            assert parsed.feed.author
            assert all(entry.author for entry in parsed.entries)


def test_editor_text_reaches_readers_as_text_never_markup(client, feed_paths):
    for path in feed_paths:
        root = ET.fromstring(client.get(path).content)
        # What a reader renders as HTML: RSS <description>, Atom <summary type="html">.
        bodies = [element.text or "" for element in root.iter("description")]
        bodies += [element.text or "" for element in root.iter(f"{ATOM}summary")]
        assert any("alert(1)" in body for body in bodies), path
        for body in bodies:
            assert "<" not in body, (path, body)
            assert "&lt;script&gt;" in body or "alert" not in body, (path, body)


def test_feed_readers_show_the_payload_as_the_site_does(client, feed_paths):
    for path in feed_paths:
        parsed = feedparser.parse(client.get(path).content)
        summaries = [entry.summary for entry in parsed.entries if "alert(2)" in entry.summary]
        assert summaries, path
        # feedparser hands over HTML: the payload is escaped in it, shown literally.
        assert all("&lt;script&gt;alert(2)&lt;/script&gt;" in text for text in summaries), path
