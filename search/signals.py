"""Receivers that keep the search index in step with every write of an indexed object.

The index is derived data, like a person's search key (people.signals): it must follow *every*
save and delete — admin forms, reverts and approved revisions in review, publish and archive,
services, commands, shell sessions — and no domain rule depends on it. The index holds every row,
whatever its editorial state; queries keep only what `published()` lets through, so publishing
and unpublishing need nothing more than the save they are. `QuerySet.update()` and
`bulk_create()` send no signals: code using them runs `manage.py rebuild_search_index` after
(as load_demo and generate_synthetic do).
"""

from __future__ import annotations

from typing import Any

from django.db import connections, models
from django.db.models.signals import post_delete, post_save

from people.models import Person, PersonName
from search.documents import DOCUMENTS
from search.index import index_objects, rebuild, unindex


def saved(sender: type[models.Model], instance: models.Model, using: str, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata / restore_data: rebuilt once the rows are all in
        return
    index_objects(sender, [instance], using)


def deleted(sender: type[models.Model], instance: models.Model, using: str, **kwargs: Any) -> None:
    unindex(sender, instance.pk, using)


def name_changed(sender: type[PersonName], instance: PersonName, using: str, **kwargs: Any) -> None:
    # A person's other names are part of their document.
    person = Person.objects.using(using).filter(pk=instance.person_id).first()
    if person is not None:  # None: the person is being deleted with their names
        index_objects(Person, [person], using)


def fill_empty_index(using: str = "default", **kwargs: Any) -> None:
    """After `migrate`: index every row when content exists but the index is empty."""
    tables = set(connections[using].introspection.table_names())
    with connections[using].cursor() as cursor:
        for model, (_function, table, _prefetch) in DOCUMENTS.items():
            if table not in tables:
                return  # not migrated that far
            cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")
            if cursor.fetchone() is None and model._default_manager.using(using).exists():
                rebuild(using)
                return


def connect() -> None:
    """Connect the receivers (called from SearchConfig.ready)."""
    for model in DOCUMENTS:
        uid = f"search-index-{model._meta.label_lower}"
        post_save.connect(saved, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(deleted, sender=model, dispatch_uid=f"{uid}-delete")
    post_save.connect(name_changed, sender=PersonName, dispatch_uid="search-index-name-save")
    post_delete.connect(name_changed, sender=PersonName, dispatch_uid="search-index-name-delete")
