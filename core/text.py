"""Text helpers: name normalisation for search and the HTML sanitiser for editor text."""

from __future__ import annotations

import re
import unicodedata

import nh3

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "q",
    "h2",
    "h3",
    "h4",
    "cite",
    "abbr",
    "sup",
    "sub",
    "code",
    "pre",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "q": {"cite"}}


def normalize_name(text: str) -> str:
    """Fold case, accents, spaces and hyphens so "Lee Jae-myung" matches "lee jae myung"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", stripped).casefold())


def sanitize_html(html: str) -> str:
    """Keep a small set of formatting tags; drop scripts, styles, event handlers, bad URLs."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
