"""The committed catalogues are complete, and the committed .mo files match them."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["ko", "zh_Hans"]
ENTRY = re.compile(
    r'^msgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?((?:msgstr(?:\[\d\])? (?:".*"\n)+)+)', re.M
)


def entries(language: str) -> dict[str, list[str]]:
    """msgid -> its msgstr values, from the .po file (header left out)."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    text = re.sub(r'"\n"', "", text)  # join continued lines
    found = {}
    for match in ENTRY.finditer(text):
        msgid = ast.literal_eval(match.group(1).strip())
        strs = re.findall(r"msgstr(?:\[\d\])? (\".*\")", match.group(2))
        if msgid:
            found[msgid] = [ast.literal_eval(s) for s in strs]
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    po = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po.split("\n\n", 1)[1]

    untranslated = [msgid for msgid, strs in entries(language).items() if not all(strs)]

    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    for msgid, strs in entries(language).items():
        assert compiled.gettext(msgid) == strs[0], f"{msgid!r}: run compilemessages"
