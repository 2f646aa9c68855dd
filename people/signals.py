"""Receivers that keep every person's search key in step with their names.

The search key is derived data (every name form, normalised, in one column), like the change
journal: it must follow *every* write of a person or one of their other names — the person's form,
the "Other names" admin page, inlines, commands, shell sessions — and no domain rule depends on
it. A receiver is the one write path no caller can forget (issue 8, finding 8: the "Other names"
page did). `QuerySet.update()`/`bulk_create()` send no signals: code using them on names computes
the key itself (as devdata.synthetic does).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from people.models import Person, PersonName
from people.services import person_refresh_search_key


def person_saved(sender: type[Person], instance: Person, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        person_refresh_search_key(person=instance)


def name_changed(
    sender: type[PersonName], instance: PersonName, raw: bool = False, **kwargs: Any
) -> None:
    if raw:
        return
    person = Person.objects.filter(pk=instance.person_id).first()
    if person is not None:  # None: the person is being deleted with their names
        person_refresh_search_key(person=person)


def connect() -> None:
    """Connect the receivers (called from PeopleConfig.ready)."""
    post_save.connect(person_saved, sender=Person, dispatch_uid="search-key-person")
    post_save.connect(name_changed, sender=PersonName, dispatch_uid="search-key-name-save")
    post_delete.connect(name_changed, sender=PersonName, dispatch_uid="search-key-name-delete")
