"""Multi-step writes on people."""

from __future__ import annotations

from core.text import normalize_name
from people.models import Person, Title


def person_refresh_search_key(*, person: Person) -> None:
    """Recompute the normalised name forms searched by `Person.objects.search()`.

    The one write path of the key: people.signals calls it after every save of a person or of
    one of their names.
    """
    key = " ".join(dict.fromkeys(normalize_name(form) for form in person.name_forms()))
    if key != person.search_key:
        person.search_key = key
        Person.objects.filter(pk=person.pk).update(search_key=key)


def people_named(names: list[str], *, exclude_pk: int | None = None) -> list[tuple[Person, str]]:
    """People already known by one of `names` in any script or romanization, with the name.

    A name matches when its normalised form (core.text.normalize_name: case, spaces, hyphens and
    accents folded) is one of the person's name forms, as kept in `Person.search_key`.
    """
    found: dict[int, tuple[Person, str]] = {}
    for name in names:
        key = normalize_name(name)
        if len(key) < 2:
            continue
        queryset = Person.objects.filter(search_key__contains=key)
        if exclude_pk:
            queryset = queryset.exclude(pk=exclude_pk)
        for person in queryset[:20]:
            if key in person.search_key.split() and person.pk not in found:
                found[person.pk] = (person, name)
    return list(found.values())


def glossary_title_apply(*, title: Title) -> None:
    """Copy a glossary title, in every language, into the positions that use it (each saved, so
    its history and the partners' changes feed see the new wording)."""
    for position in title.positions.select_related("glossary_title"):
        position.save()


def glossary_title_for(name: str, country: str = "") -> Title:
    """The glossary entry for an English title (of `country`'s office, if given), added when new."""
    title, _created = Title.objects.get_or_create(
        name=name, country=country, defaults={"name_en": name}
    )
    return title
