"""Candidate pairs for the overlap analysis: every two items whose text similarity reaches a
threshold, found block by block.

The item-by-item similarity matrix is never held whole: a block of rows is compared with every
item, and the pairs above the threshold (and allowed by the caller's filter) are handed on as
index arrays before the next block is computed. Memory is bounded by the block
(``block_rows`` × items), not by the square of the items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from graph.analysis.similarity.index import ClauseSimilarityIndex, SimilarityIndex

PairFilter = Callable[[np.ndarray, np.ndarray], np.ndarray]
"""Given the first and second indices of some pairs, which of them may be reported."""


@dataclass
class Candidates:
    """Pairs ``(first[k], second[k])`` with ``first[k] < second[k]``, in row-major order."""

    first: np.ndarray  # int32
    second: np.ndarray  # int32
    similarity: np.ndarray  # what the pair is scored on
    whole: np.ndarray | None = None  # tasks: the similarity of the whole texts
    clause: np.ndarray | None = None  # tasks: the best clause pair's similarity

    def __len__(self) -> int:
        return len(self.first)

    @staticmethod
    def join(parts: Sequence[Candidates], *, clauses: bool) -> Candidates:
        """The pairs of ``parts`` in order (with whole and clause similarities if ``clauses``)."""
        if not parts:
            empty = np.zeros(0, np.float32)
            return Candidates(
                np.zeros(0, np.int32),
                np.zeros(0, np.int32),
                empty,
                empty if clauses else None,
                empty if clauses else None,
            )

        def joined(arrays: list[np.ndarray | None]) -> np.ndarray | None:
            present = [a for a in arrays if a is not None]
            return np.concatenate(present) if present else None

        return Candidates(
            np.concatenate([p.first for p in parts]),
            np.concatenate([p.second for p in parts]),
            np.concatenate([p.similarity for p in parts]),
            joined([p.whole for p in parts]),
            joined([p.clause for p in parts]),
        )


def _block_pairs(
    similarity: np.ndarray, start: int, threshold: float, allowed: PairFilter | None
) -> tuple[np.ndarray, np.ndarray]:
    """The (row, column) pairs of a block of rows starting at ``start``, above the diagonal and
    at or above the threshold, as whole-matrix indices."""
    rows, columns = np.nonzero(similarity >= threshold)
    rows = rows + start
    upper = columns > rows
    rows, columns = rows[upper].astype(np.int32), columns[upper].astype(np.int32)
    if allowed is not None and len(rows):
        keep = allowed(rows, columns)
        rows, columns = rows[keep], columns[keep]
    return rows, columns


def task_blocks(
    index: ClauseSimilarityIndex, threshold: float, allowed: PairFilter | None = None, *, block_rows: int = 128
) -> Iterator[Candidates]:
    """Pairs of texts whose blended similarity (see :meth:`ClauseSimilarityIndex.similarities`)
    reaches ``threshold``, a block of rows at a time. The best clause pair of two texts is the
    largest entry of the part of the clause-by-clause product that their clauses span: the
    clauses of a text are contiguous, so that maximum comes from :func:`numpy.maximum.reduceat`
    along both axes."""
    n = len(index.clauses)
    if n < 2:
        return
    whole_transposed = index.matrix.T.tocsr()
    clauses_transposed = index.clause_matrix.T.tocsr()
    offsets = index.offsets
    weight = index.clause_weight
    for start in range(0, n, block_rows):
        stop = min(n, start + block_rows)
        whole = (csr_matrix(index.matrix[start:stop]) @ whole_transposed).toarray()
        clause_rows = csr_matrix(index.clause_matrix[int(offsets[start]) : int(offsets[stop])])
        by_clause = (clause_rows @ clauses_transposed).toarray()
        per_text = np.maximum.reduceat(by_clause, offsets[:-1], axis=1)
        del by_clause
        best = np.maximum.reduceat(per_text, offsets[start:stop] - offsets[start], axis=0)
        del per_text
        blended = np.maximum(whole, (1 - weight) * whole + weight * best)
        rows, columns = _block_pairs(blended, start, threshold, allowed)
        local = rows - start
        yield Candidates(rows, columns, blended[local, columns], whole[local, columns], best[local, columns])


def mean_blocks(
    indexes: tuple[SimilarityIndex, ...], threshold: float, allowed: PairFilter | None = None, *, block_rows: int = 512
) -> Iterator[Candidates]:
    """Pairs of texts whose mean similarity over ``indexes`` (each over the same texts, in the
    same order) reaches ``threshold``, a block of rows at a time."""
    n = indexes[0].matrix.shape[0]
    if n < 2:
        return
    for start in range(0, n, block_rows):
        stop = min(n, start + block_rows)
        total = sum(index.between(slice(start, stop), slice(0, n)) for index in indexes)
        mean = np.asarray(total) / len(indexes)
        rows, columns = _block_pairs(mean, start, threshold, allowed)
        yield Candidates(rows, columns, mean[rows - start, columns])
