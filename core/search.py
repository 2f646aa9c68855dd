"""Free-text search shared by the querysets: ranked full text on PostgreSQL, icontains elsewhere.

PostgreSQL's text search does not split Chinese or Korean into words, so a plain `icontains`
match is always OR-ed in: "习近平" or "문화" still finds rows on every database.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import F, Q, QuerySet

SEARCH_CONFIG = "english"


def text_search(queryset: QuerySet, query: str, weighted_fields: dict[str, str]) -> QuerySet:
    """Rows where any of `weighted_fields` ({field: "A".."D"}) matches `query`, best first."""
    # PostgreSQL refuses NUL bytes in any string parameter.
    query = (query or "").replace("\x00", "").strip()
    if not query:
        return queryset.none()
    contains = Q()
    for field in weighted_fields:
        contains |= Q(**{f"{field}__icontains": query})
    if connections[queryset.db].vendor != "postgresql":
        return queryset.filter(contains)
    vector = None
    for field, weight in weighted_fields.items():
        part = SearchVector(field, weight=weight, config=SEARCH_CONFIG)
        vector = part if vector is None else vector + part
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    return (
        queryset.annotate(search_document=vector)
        .filter(Q(search_document=search_query) | contains)
        .annotate(search_rank=SearchRank(F("search_document"), search_query))
        .order_by("-search_rank", *queryset.query.order_by or queryset.model._meta.ordering)
    )
