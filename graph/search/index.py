"""Search over plans, documents, tasks, agencies and targets.

Matching ignores diacritics, case and the ``đ``/``d`` difference: texts and queries are
folded the same way. Every word of the query must occur; hits are ranked by TF-IDF cosine
similarity over syllables and syllable pairs (so a query's words standing together rank
higher), computed with graph.search.tfidf. The index is built once per store version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import BaseModel
from scipy import sparse

from graph.build.ids import local
from graph.queries.named import run_named
from graph.read.cache.models import ReadModel
from graph.read.cache.packed_strings import PackedStrings
from graph.search.expand import expand
from graph.search.hits import SearchHit, describe_hits, exact_words, holds_exactly, province_ids
from graph.search.text import marked_html, query_words, snippet
from graph.search.tfidf import Tfidf, words_and_pairs
from graph.store.protocol import GraphStore
from loaders.text import fold

__all__ = ["SEARCH_INDEX", "QueryReading", "SearchHit", "search", "search_as_read"]

KINDS = ("plan", "document", "task", "agency", "target")
# A label that is the whole query outranks a longer text that merely contains it.
EXACT_LABEL_BONUS = 0.5
# An item holding the query's words with the diacritics typed outranks one that holds them
# only once folded ("hóa" typed: "hóa chất" before "hòa giải").
EXACT_DIACRITICS_BONUS = 1.0


@dataclass(slots=True)
class _Item:
    id: str
    kind: str
    label: str | None
    text: str | None
    plan: str | None
    province: str | None
    year: int | None = None
    aliases: str | None = None  # other names the item is found by, not shown

    @property
    def searchable(self) -> str:
        return " ".join(part for part in (self.label, self.text, self.aliases) if part)


class _Items:
    """The searchable items, packed (see :mod:`graph.read.cache.packed_strings`): an item is made again
    from its row when a page shows it."""

    def __init__(self, items: list[_Item]):
        self.kinds = np.array([KINDS.index(i.kind) if i.kind in KINDS else len(KINDS) for i in items], dtype=np.int8)
        self.ids = PackedStrings(i.id for i in items)
        self.labels = PackedStrings(i.label for i in items)
        self.texts = PackedStrings(i.text for i in items)
        self.plans = PackedStrings(i.plan for i in items)
        self.provinces = PackedStrings(i.province for i in items)
        self.aliases = PackedStrings(i.aliases for i in items)
        self.years = np.array([i.year or 0 for i in items], dtype=np.int16)
        order = sorted(range(len(items)), key=lambda row: items[row].id)
        self.id_rank = np.empty(len(items), dtype=np.int32)  # ties in score are broken by id
        self.id_rank[order] = np.arange(len(items), dtype=np.int32)

    def __len__(self) -> int:
        return len(self.kinds)

    def at(self, row: int) -> _Item:
        code = int(self.kinds[row])
        return _Item(
            id=self.ids[row] or "",
            kind=KINDS[code] if code < len(KINDS) else "other",
            label=self.labels[row],
            text=self.texts[row],
            plan=self.plans[row],
            province=self.provinces[row],
            year=int(self.years[row]) or None,
            aliases=self.aliases[row],
        )


@dataclass
class _Index:
    items: _Items
    vectorizer: Tfidf | None
    matrix: sparse.csr_matrix | None
    presence: sparse.csc_matrix | None  # item × unigram, 1 where the syllable occurs
    unigram_columns: dict[str, int]
    folded_labels: list[str]


def _rows_to_items(rows: list[dict[str, Any]]) -> list[_Item]:
    items: dict[str, _Item] = {}
    for row in rows:
        item_id = local(str(row["item"]))
        label = str(row["label"]) if row.get("label") is not None else None
        text = str(row["text"]) if row.get("text") is not None else None
        alias = str(row["alias"]) if row.get("alias") is not None else None
        found = items.get(item_id)
        if found is None:
            year = row.get("year")
            items[item_id] = _Item(
                id=item_id,
                kind=str(row["kind"]),
                label=label,
                text=text,
                plan=local(str(row["plan"])) if row.get("plan") else None,
                province=local(str(row["province"])) if row.get("province") else None,
                year=int(year) if isinstance(year, int) else None,
                aliases=alias,
            )
            continue
        if alias and alias not in (found.aliases or "").split(" · "):
            found.aliases = f"{found.aliases} · {alias}" if found.aliases else alias
        if found.label is None:
            found.label = label
        if text and (found.text is None or text not in found.text):
            found.text = f"{found.text} · {text}" if found.text else text
    return list(items.values())


def _build(store: GraphStore) -> _Index:
    items = _rows_to_items(run_named(store, "search_corpus"))
    documents = [fold(item.searchable) for item in items]
    folded_labels = [fold(i.label or "") for i in items]
    packed = _Items(items)
    del items
    if not any(documents):
        return _Index(packed, None, None, None, {}, [])
    # Scores are ranked, not summed: single precision is plenty, at half the memory.
    vectorizer = Tfidf(words_and_pairs, dtype=np.float32)
    matrix = vectorizer.fit_transform(documents)
    vocabulary = vectorizer.vocabulary
    unigram_columns = {term: column for term, column in vocabulary.items() if " " not in term}
    presence = (matrix[:, sorted(unigram_columns.values())] > 0).astype(np.int8).tocsc()
    position = {column: index for index, column in enumerate(sorted(unigram_columns.values()))}
    unigram_columns = {term: position[column] for term, column in unigram_columns.items()}
    return _Index(packed, vectorizer, matrix, presence, unigram_columns, folded_labels)


def _snippet_source(item: _Item, label_folded: str, words: list[str]) -> str:
    """The label when it holds every word, else the text when it does, else both."""
    label_words = set(label_folded.split())
    if item.label and all(word in label_words for word in words):
        return item.label
    text_words = set(fold(item.text or "").split())
    if item.text and all(word in text_words for word in words):
        return item.text
    return item.searchable


SEARCH_INDEX: ReadModel[_Index] = ReadModel("search_index", _build)


def _index(store: GraphStore) -> _Index:
    return SEARCH_INDEX.get(store)


def search(
    store: GraphStore,
    query: str,
    *,
    kinds: list[str] | None = None,
    province: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[int, list[SearchHit]]:
    """How many items contain all words of ``query``, and those of the page ``offset`` /
    ``limit``, best first, with their snippets (made for the page only)."""
    words = query_words(query)
    index = _index(store)
    if not words or index.vectorizer is None or index.presence is None or index.matrix is None:
        return 0, []
    columns = [index.unigram_columns.get(word) for word in words]
    if any(column is None for column in columns):
        return 0, []
    present = np.asarray(index.presence[:, columns].sum(axis=1)).ravel()
    candidates = np.flatnonzero(present == len(words))
    if kinds:
        wanted = [KINDS.index(kind) for kind in kinds if kind in KINDS]
        candidates = candidates[np.isin(index.items.kinds[candidates], wanted)]
    if province:
        provinces = province_ids(province)
        candidates = np.asarray(
            [row for row in candidates.tolist() if index.items.provinces[row] in provinces], dtype=np.int64
        )
    if candidates.size == 0:
        return 0, []
    vector = index.vectorizer.transform([" ".join(words)])
    scores = np.asarray((index.matrix[candidates] @ vector.T).todense()).ravel().astype(np.float64)
    folded_query = " ".join(words)
    for k, row in enumerate(candidates.tolist()):
        label_folded = index.folded_labels[row]
        if label_folded == folded_query or label_folded.startswith(folded_query + " "):
            scores[k] += EXACT_LABEL_BONUS
    typed = exact_words(query)
    exact = np.zeros(len(candidates), dtype=bool)
    if typed:
        for k, row in enumerate(candidates.tolist()):
            exact[k] = holds_exactly(index.items.at(row).searchable, typed)
        scores[exact] += EXACT_DIACRITICS_BONUS
    rounded = np.round(scores, 4)
    ranked = candidates[np.lexsort((index.items.id_rank[candidates], index.items.kinds[candidates], -rounded))]
    page = ranked[offset:] if limit is None else ranked[offset : offset + limit]
    hits = []
    for row in page.tolist():
        item = index.items.at(row)
        window, spans = snippet(_snippet_source(item, index.folded_labels[row], words), words)
        hits.append(
            SearchHit(
                kind=item.kind,
                id=item.id,
                label=item.label,
                text=item.text,
                plan=item.plan,
                province=item.province,
                score=float(rounded[np.searchsorted(candidates, row)]),  # candidates are in row order
                snippet=window,
                highlights=spans,
                snippet_html=marked_html(window, spans),
                year=item.year,
                exact=bool(exact[np.searchsorted(candidates, row)]),
            )
        )
    return len(ranked), describe_hits(store, hits)


class QueryReading(BaseModel):
    """A part of the query read otherwise: an abbreviation, another spelling, a merged province."""

    kind: str
    written: str
    meaning: str
    date: dt.date | None = None


def search_as_read(
    store: GraphStore,
    query: str,
    *,
    kinds: list[str] | None = None,
    province: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[int, list[SearchHit], list[QueryReading]]:
    """:func:`search`, and when the query holds an abbreviation, another spelling or a merged
    province's name (:func:`graph.search.expand.expand`), also the query as the documents word
    it: hits of both, best first, each found only as read marked with the query it matched."""
    expansion = expand(query)
    if expansion is None:
        total, hits = search(store, query, kinds=kinds, province=province, offset=offset, limit=limit)
        return total, hits, []
    _, typed = search(store, query, kinds=kinds, province=province)
    _, read = search(store, expansion.query, kinds=kinds, province=province)
    merged = {hit.id: hit for hit in typed}
    for hit in read:
        if hit.id not in merged:
            hit.matched_query = expansion.query
            merged[hit.id] = hit
    ordered = sorted(
        merged.values(), key=lambda hit: (-hit.score, KINDS.index(hit.kind) if hit.kind in KINDS else 9, hit.id)
    )
    page = ordered[offset:] if limit is None else ordered[offset : offset + limit]
    readings = [
        QueryReading(kind=r.kind, written=r.written, meaning=r.meaning, date=r.date) for r in expansion.readings
    ]
    return len(ordered), page, readings
