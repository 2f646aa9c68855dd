"""Multi-step writes on people."""

from __future__ import annotations

from core.text import normalize_name
from people.models import Person


def person_refresh_search_key(*, person: Person) -> None:
    """Recompute the normalised name forms searched by `Person.objects.search()`.

    The one write path of the key: people.signals calls it after every save of a person or of
    one of their names.
    """
    key = " ".join(dict.fromkeys(normalize_name(form) for form in person.name_forms()))
    if key != person.search_key:
        person.search_key = key
        Person.objects.filter(pk=person.pk).update(search_key=key)
