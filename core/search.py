"""Free-text search through a full-text index, the same rules on SQLite and PostgreSQL.

Each searchable model has an index table beside it (the `search` app keeps it in step with every
save and delete): one row per object, keyed by the object's id, holding its *search document* —
its text in every language, weighted A (names, titles) to D (long text).

- SQLite: an FTS5 virtual table (`porter unicode61` tokenizer: words, case and accents folded,
  English stems), ranked by bm25 with the column weights.
- PostgreSQL: a `tsvector` column (english configuration, `setweight` A–D) with a GIN index,
  ranked by `ts_rank`.

Chinese and Korean have no spaces between words, so a word index alone misses most queries. The
document therefore writes every run of Han, Hangul or kana characters as overlapping two-character
grams ("习近平主席" → 习近 近平 平主 主席 席), as Lucene's CJK analyzer does; a query's run becomes
the phrase of its grams ("近平主" → "近平 平主"), a one-character query a prefix ("王*"). Any
substring of two or more characters is then found through the index on both databases, ranked
like words, and a two-character name (王毅) is one exact token.

A query is words (all must match, English stems folded), "quoted phrases" and CJK text. Public
visibility is not the index's business: the queryset filters `published()` as everywhere else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import F, FloatField, Lookup, QuerySet
from django.utils.html import strip_tags

# The relation from every indexed model to its index row (the index model's related_name).
INDEX_RELATION = "search_index"
SEARCH_CONFIG = "english"
# Bounds a query's cost: at most this many terms are searched.
MAX_TERMS = 12

_CJK = (
    "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff"
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"')


def fold(text: str) -> str:
    """NFKC, accents dropped (Hangul kept whole), case folded."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


def _grams(run: str) -> list[str]:
    """A CJK run as overlapping two-character grams, its last character alone at the end."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def document_text(*parts: str, html: bool = False) -> str:
    """The indexed form of some text: folded, CJK runs written as grams."""
    text = " ".join(part for part in parts if part)
    if html:
        text = strip_tags(text)
    text = fold(text).replace("\x00", "")
    return _CJK_RUN.sub(lambda m: " " + " ".join(_grams(m.group())) + " ", text)


@dataclass(frozen=True)
class Term:
    """One condition of a query: a word, a phrase of tokens, or a one-character CJK prefix."""

    tokens: tuple[str, ...]
    prefix: bool = False


def _tokens(text: str) -> list[str]:
    """Query text as index tokens: words, and CJK runs as their grams (no trailing character)."""
    tokens: list[str] = []
    for word in _WORD.findall(text):
        for piece in re.split(f"([{_CJK}]+)", word):
            if not piece:
                continue
            if _CJK_RUN.fullmatch(piece):
                tokens += (
                    [piece]
                    if len(piece) == 1
                    else [piece[i : i + 2] for i in range(len(piece) - 1)]
                )
            else:
                tokens.append(piece)
    return tokens


def parse_query(query: str) -> tuple[Term, ...]:
    """The terms of a query; every one must match. Empty when nothing searchable is left."""
    text = fold((query or "").replace("\x00", ""))[:200]
    terms: list[Term] = []
    for phrase in _PHRASE.findall(text):
        tokens = _tokens(phrase)
        if tokens:
            terms.append(Term(tuple(tokens)))
    rest = _PHRASE.sub(" ", text)
    for word in _WORD.findall(rest):
        for piece in re.split(f"([{_CJK}]+)", word):
            if not piece:
                continue
            cjk = bool(_CJK_RUN.fullmatch(piece))
            terms.append(Term(tuple(_tokens(piece)), prefix=cjk and len(piece) == 1))
    return tuple(dict.fromkeys(terms))[:MAX_TERMS]


def fts5_query(terms: tuple[Term, ...]) -> str:
    """The terms as an FTS5 MATCH expression (every token quoted: no operator gets through)."""
    parts = []
    for term in terms:
        quoted = '"' + " ".join(term.tokens).replace('"', '""') + '"'
        parts.append(quoted + ("*" if term.prefix else ""))
    return " AND ".join(parts)


def tsquery_sql(terms: tuple[Term, ...]) -> tuple[str, list[str]]:
    """The terms as a PostgreSQL tsquery expression and its parameters."""
    sql, params = [], []
    for term in terms:
        if term.prefix:
            # One CJK character (no quote or operator can be in it): the grams it starts.
            sql.append("to_tsquery('simple', %s)")
            params.append(f"'{term.tokens[0]}':*")
        else:
            sql.append(f"phraseto_tsquery('{SEARCH_CONFIG}', %s)")
            params.append(" ".join(term.tokens))
    return "(" + " && ".join(sql) + ")", params


class SearchDocumentField(models.TextField):
    """An index table's document: the FTS5 table itself on SQLite, a tsvector on PostgreSQL."""

    def db_type(self, connection: Any) -> str | None:
        return None  # the index tables are created by their migrations, per database


def _fts_table(col: Any) -> str:
    return col.target.model._meta.db_table


@SearchDocumentField.register_lookup
class Matches(Lookup):
    """`search_index__document__matches=terms`: the row's document holds every term."""

    lookup_name = "matches"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        qn = compiler.quote_name_unless_alias
        if connection.vendor == "sqlite":
            # The FTS5 table's hidden column of its own name takes the MATCH.
            column = f"{qn(self.lhs.alias)}.{qn(_fts_table(self.lhs))}"
            return f"{column} MATCH %s", [fts5_query(self.rhs)]
        lhs, lhs_params = compiler.compile(self.lhs)
        query, params = tsquery_sql(self.rhs)
        return f"{lhs} @@ {query}", [*lhs_params, *params]


class SearchRank(models.Expression):
    """How well the row's document matches `terms`: bm25 on SQLite, ts_rank on PostgreSQL.

    Higher is better on both. Only valid beside the `matches` filter on the same terms.
    """

    output_field = FloatField()

    def __init__(self, document: Any, terms: tuple[Term, ...]) -> None:
        super().__init__()
        self.document = document
        self.terms = terms

    def get_source_expressions(self) -> list[Any]:
        return [self.document]

    def set_source_expressions(self, exprs: list[Any]) -> None:
        (self.document,) = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        if connection.vendor == "sqlite":
            # FTS5's `rank` column: bm25 with the weights the migration configured (lower is
            # better, so negated).
            return f"(-{compiler.quote_name_unless_alias(self.document.alias)}.rank)", []
        lhs, lhs_params = compiler.compile(self.document)
        query, params = tsquery_sql(self.terms)
        return f"ts_rank({lhs}, {query})", [*lhs_params, *params]


class InIndex(models.Expression):
    """The row's id is among the ids the index matches, computed once for the whole query."""

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, pk: Any, table: str, terms: tuple[Term, ...]) -> None:
        super().__init__()
        self.pk, self.table, self.terms = pk, table, terms

    def get_source_expressions(self) -> list[Any]:
        return [self.pk]

    def set_source_expressions(self, exprs: list[Any]) -> None:
        (self.pk,) = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        pk, pk_params = compiler.compile(self.pk)
        table = self.table
        if connection.vendor == "sqlite":
            ids = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"
            return f"{pk} IN ({ids})", [*pk_params, fts5_query(self.terms)]
        query, params = tsquery_sql(self.terms)
        ids = f"SELECT rowid FROM {table} WHERE document @@ {query}"
        return f"{pk} = ANY(ARRAY({ids}))", [*pk_params, *params]


def text_search(queryset: QuerySet, query: str) -> QuerySet:
    """Rows of `queryset` whose search document matches `query`, best first.

    One join to the model's index table; the index finds the rows, so the cost follows the
    matches, not the table.
    """
    terms = parse_query(query)
    if not terms:
        return queryset.none()
    order = queryset.query.order_by or queryset.model._meta.ordering
    # The matching ids, found once by the index, so the planner walks them by primary key (joined
    # alone, SQLite may walk every published row probing the index for each, and PostgreSQL
    # walks a date index hoping to fill a LIMIT: 0.5 s at 100k events for a rare word).
    table = queryset.model._meta.get_field(INDEX_RELATION).related_model._meta.db_table
    queryset = queryset.filter(InIndex(F("pk"), table, terms))
    return (
        queryset.filter(**{f"{INDEX_RELATION}__document__matches": terms})
        .annotate(search_rank=SearchRank(F(f"{INDEX_RELATION}__document"), terms))
        .order_by("-search_rank", *order)
    )
