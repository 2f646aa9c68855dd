"""Text helpers: name normalisation for search and the HTML sanitiser for editor text."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit

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


# Query parameters that track a click rather than name a page.
_TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "ref",
    "ref_src",
    "cmpid",
    "ocid",
    "_ga",
    "yclid",
    "spm",
}


def normalize_url(url: str) -> str:
    """One key for one page: no scheme, `www.`, fragment, trailing slash or tracking parameter.

    "https://www.example.org/a/?utm_source=x&id=7#top" and "http://example.org/a?id=7" both
    become "example.org/a?id=7". Host case is folded; the path's case is kept.
    """
    text = (url or "").strip()
    if not text:
        return ""
    if "://" not in text:
        text = "//" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").casefold()
    host = host.removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/")
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.casefold().startswith("utm_") and key.casefold() not in _TRACKING_PARAMS
    ]
    query.sort()
    return host + path + (f"?{urlencode(query)}" if query else "")
