"""Pairs weighed as arrays, best first, made into :class:`OverlapPair` records only when read.

A national comparison can score hundreds of thousands of pairs; a reader looks at a page of
them. :class:`RankedPairs` keeps the scores and flags of every pair and the order they rank
in, and writes out a pair (reasons, both sides' evidence) the first time it is read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

from graph.analysis.overlaps.models import Item, ItemKind, OverlapPair
from graph.analysis.overlaps.weights import ScoredPairs
from graph.analysis.similarity.index import SimilarityIndex

Measures = Callable[[int, int], tuple[float, float | None, float | None]]
"""The similarity of two items, and for tasks that of their whole texts and best clauses."""


@dataclass
class KindRanking:
    """The pairs of one kind (tasks or targets) that scored at least the minimum."""

    kind: ItemKind
    members: list[Item]
    index: SimilarityIndex  # for the shared terms (and clauses) of a pair when it is described
    pairs: ScoredPairs
    measures: Measures  # a pair's similarities, worked out again when it is read
    area: Callable[[int, int], float]  # the similarity of two items' plans


MakePair = Callable[[KindRanking, int], OverlapPair]


class RankedPairs(Sequence[OverlapPair]):
    """Every pair of the rankings, ordered by score (highest first), then kind, then the ids of
    the two sides; ``make`` writes out the pair at a position of a ranking."""

    def __init__(self, rankings: list[KindRanking], make: MakePair):
        self._rankings = rankings
        self._make = make
        self._made: dict[int, OverlapPair] = {}
        self._lock = threading.Lock()
        kinds = {kind: code for code, kind in enumerate(sorted({r.kind for r in rankings}))}
        ids = sorted({m.evidence.id for r in rankings for m in r.members})
        rank = {item_id: k for k, item_id in enumerate(ids)}
        scores, kind_codes, first_ids, second_ids = [], [], [], []
        self._starts = np.cumsum([0, *(len(r.pairs) for r in rankings)])
        for ranking in rankings:
            member_rank = np.fromiter((rank[m.evidence.id] for m in ranking.members), dtype=np.int64)
            count = len(ranking.pairs)
            scores.append(ranking.pairs.score)
            kind_codes.append(np.full(count, kinds[ranking.kind]))
            first_ids.append(member_rank[ranking.pairs.first] if count else np.zeros(0, np.int64))
            second_ids.append(member_rank[ranking.pairs.second] if count else np.zeros(0, np.int64))
        if rankings:
            order = np.lexsort(
                (
                    np.concatenate(second_ids),
                    np.concatenate(first_ids),
                    np.concatenate(kind_codes),
                    -np.concatenate(scores),
                )
            )
            self._order = order.astype(np.int32)  # positions in the rankings laid end to end
        else:
            self._order = np.zeros(0, np.int32)

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, key: int) -> OverlapPair: ...

    @overload
    def __getitem__(self, key: slice) -> list[OverlapPair]: ...

    def __getitem__(self, key: int | slice) -> OverlapPair | list[OverlapPair]:
        if isinstance(key, slice):
            return [self._at(k) for k in range(*key.indices(len(self)))]
        if key < 0:
            key += len(self)
        if not 0 <= key < len(self):
            raise IndexError("pair index out of range")
        return self._at(key)

    def __iter__(self) -> Iterator[OverlapPair]:
        for k in range(len(self)):
            yield self._at(k)

    def _at(self, k: int) -> OverlapPair:
        with self._lock:
            made = self._made.get(k)
            if made is None:
                at = int(self._order[k])
                number = int(np.searchsorted(self._starts, at, side="right")) - 1
                made = self._made[k] = self._make(self._rankings[number], at - int(self._starts[number]))
            return made
