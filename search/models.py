"""The search index tables: one per searchable model, one row per object, keyed by its id.

The tables are not Django-managed: their shape differs by database (an FTS5 virtual table on
SQLite, a tsvector table with GIN indexes on PostgreSQL; see the migrations and core.search).
These models exist only so a queryset can join its index row through `search_index`.
"""

from __future__ import annotations

from django.db import models

from core.search import INDEX_RELATION, SearchDocumentField
from events.models import Event, Statement
from issues.models import Issue
from people.models import Person


def _object_field(model: type[models.Model]) -> models.OneToOneField:
    return models.OneToOneField(
        model,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name=INDEX_RELATION,
    )


class EventSearchIndex(models.Model):
    obj = _object_field(Event)
    document = SearchDocumentField()

    class Meta:
        managed = False
        db_table = "search_event"
        verbose_name = "event search index row"

    def __str__(self) -> str:
        return f"search index of event {self.pk}"


class PersonSearchIndex(models.Model):
    obj = _object_field(Person)
    document = SearchDocumentField()

    class Meta:
        managed = False
        db_table = "search_person"
        verbose_name = "person search index row"

    def __str__(self) -> str:
        return f"search index of person {self.pk}"


class IssueSearchIndex(models.Model):
    obj = _object_field(Issue)
    document = SearchDocumentField()

    class Meta:
        managed = False
        db_table = "search_issue"
        verbose_name = "issue search index row"

    def __str__(self) -> str:
        return f"search index of issue {self.pk}"


class StatementSearchIndex(models.Model):
    obj = _object_field(Statement)
    document = SearchDocumentField()

    class Meta:
        managed = False
        db_table = "search_statement"
        verbose_name = "statement search index row"

    def __str__(self) -> str:
        return f"search index of statement {self.pk}"
