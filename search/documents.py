"""What each searchable model puts in its search document: ONE function per model.

Each function lists the model's searchable fields by weight, A (names, titles) to D (long text).
`every_language` adds the field's translations (`title_ko`, `title_zh_hans`, … as
django-modeltranslation names them) whenever the model has them, so Korean and Chinese text is
found as soon as it is written, with no change here.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.html import strip_tags

from core.text import normalize_name
from events.models import Event, Statement
from issues.models import Issue
from people.models import Person

Document = dict[str, list[str]]


def every_language(obj: Any, field: str, *, html: bool = False) -> list[str]:
    """The field's value and each `<field>_<lang>` translation column the object has."""
    names = [field] + [
        f"{field}_{code.replace('-', '_').lower()}" for code, _ in settings.LANGUAGES
    ]
    values = [getattr(obj, name, "") or "" for name in names]
    values = list(dict.fromkeys(value for value in values if isinstance(value, str) and value))
    return [strip_tags(value) for value in values] if html else values


def event_document(event: Event) -> Document:
    return {
        "A": every_language(event, "title"),
        "B": [*every_language(event, "summary"), event.city, *every_language(event, "city")],
        "C": every_language(event, "venue"),
        "D": every_language(event, "body", html=True),
    }


def _name_words(form: str) -> list[str]:
    """A name's words and every run of consecutive words joined ("Lee Jae-myung" → … jaemyung)."""
    words = [normalize_name(word) for word in form.replace("-", " ").split()]
    words = [word for word in words if word]
    return [
        "".join(words[start:end])
        for start in range(len(words))
        for end in range(start + 2, len(words) + 1)
    ]


def person_document(person: Person) -> Document:
    # Every name form in any script (the same forms as the person's search key), and every run
    # of a name's words written together, so "LEE JAEMYUNG" and "jae myung lee" find Lee Jae-myung.
    forms = person.name_forms()
    return {
        "A": [*forms, *(joined for form in forms for joined in _name_words(form))],
        "B": [],
        "C": [],
        # Not the bio: a person is found by their names (a bio naming Lee Jae-myung is not him).
        "D": [],
    }


def issue_document(issue: Issue) -> Document:
    return {
        "A": [*every_language(issue, "title"), issue.keywords],
        "B": every_language(issue, "summary"),
        "C": every_language(issue, "background", html=True),
        "D": [],
    }


def statement_document(statement: Statement) -> Document:
    return {
        "A": every_language(statement, "text"),
        "B": every_language(statement, "speaker_label"),
        "C": [],
        "D": [],
    }


# Each indexed model: its document function, its index table, and what its rebuild prefetches.
DOCUMENTS: dict[type[models.Model], tuple[Any, str, tuple[str, ...]]] = {
    Event: (event_document, "search_event", ()),
    Person: (person_document, "search_person", ("other_names",)),
    Issue: (issue_document, "search_issue", ()),
    Statement: (statement_document, "search_statement", ()),
}
