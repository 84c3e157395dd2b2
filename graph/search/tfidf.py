"""TF-IDF weighting of texts as sparse matrices, for search and text similarity.

The weighting is the classic one: a term's count in a text, damped as ``1 + ln(count)``;
times its smoothed inverse document frequency ``ln((1 + n) / (1 + df)) + 1`` over the ``n``
fitted texts, ``df`` of which hold the term; each text's vector scaled to unit length. Terms
are columns in sorted order. An analyzer turns a text into its terms (with repeats).

Kept here rather than taken from a machine-learning library so that the server does not load
one (it would take some 70 MB of the server's memory for three operations).
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from scipy.sparse import csr_matrix, diags

Analyzer = Callable[[str], list[str]]

_WORD = re.compile(r"\b\w+\b")


def words_and_pairs(text: str) -> list[str]:
    """The words of ``text`` (runs of word characters) and each two neighbouring words joined
    by a space: the terms of search."""
    words = _WORD.findall(text)
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


class EmptyVocabulary(ValueError):
    """No text held any term."""

    def __init__(self) -> None:
        super().__init__("empty vocabulary: no text holds a term")


class Tfidf:
    """Term counts and TF-IDF weights over a fitted vocabulary.

    ``fit`` learns the vocabulary and the inverse document frequencies; ``weigh`` turns term
    counts into unit-length TF-IDF rows; ``transform`` does both for new texts (terms outside
    the vocabulary are left out)."""

    def __init__(self, analyzer: Analyzer, *, dtype: type[np.floating] = np.float64):
        self.analyzer = analyzer
        self.dtype = dtype
        self.vocabulary: dict[str, int] = {}
        self.idf = np.zeros(0, dtype=dtype)

    @property
    def terms(self) -> np.ndarray:
        """The terms, in column order."""
        ordered = np.empty(len(self.vocabulary), dtype=object)
        for term, column in self.vocabulary.items():
            ordered[column] = term
        return ordered

    def fit_counts(self, texts: Sequence[str]) -> csr_matrix:
        """Learn the vocabulary of ``texts`` and return their term counts."""
        found: dict[str, int] = {}
        rows = self._count(texts, found, grow=True)
        if not found:
            raise EmptyVocabulary()
        order = sorted(found)
        remap = np.empty(len(order), dtype=np.int64)
        for column, term in enumerate(order):
            remap[found[term]] = column
        self.vocabulary = {term: column for column, term in enumerate(order)}
        counts = rows.tocoo()
        matrix = csr_matrix((counts.data, (counts.row, remap[counts.col])), shape=counts.shape, dtype=self.dtype)
        matrix.sum_duplicates()
        return matrix

    def fit_idf(self, counts: csr_matrix) -> None:
        """Learn the inverse document frequencies from term counts (texts × vocabulary)."""
        n = counts.shape[0]
        df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(self.dtype)
        self.idf = (np.log((1 + n) / (1 + df)) + 1).astype(self.dtype)

    def count(self, texts: Sequence[str]) -> csr_matrix:
        """Term counts of ``texts`` over the fitted vocabulary."""
        return self._count(texts, self.vocabulary, grow=False)

    def weigh(self, counts: csr_matrix) -> csr_matrix:
        """Unit-length TF-IDF rows from term counts."""
        weights = csr_matrix(counts, dtype=self.dtype, copy=True)
        np.log(weights.data, out=weights.data)
        weights.data += 1
        weights = weights @ diags(self.idf, dtype=self.dtype)
        return unit_rows(csr_matrix(weights))

    def fit_transform(self, texts: Sequence[str]) -> csr_matrix:
        counts = self.fit_counts(texts)
        self.fit_idf(counts)
        return self.weigh(counts)

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        return self.weigh(self.count(texts))

    def _count(self, texts: Iterable[str], vocabulary: dict[str, int], *, grow: bool) -> csr_matrix:
        indptr = array("q", [0])
        indices = array("q")  # machine integers: a national search index has millions of entries
        for text in texts:
            for term in self.analyzer(text):
                column = vocabulary.get(term)
                if column is None:
                    if not grow:
                        continue
                    column = vocabulary[term] = len(vocabulary)
                indices.append(column)
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=self.dtype)
        matrix = csr_matrix(
            (data, np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
            shape=(len(indptr) - 1, len(vocabulary)),
        )
        matrix.sum_duplicates()  # a term seen n times in a text: one entry of n
        return matrix


def unit_rows(matrix: csr_matrix) -> csr_matrix:
    """The rows of ``matrix`` scaled to unit Euclidean length (rows of zeros stay so)."""
    squared = np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()
    lengths = np.sqrt(squared)
    lengths[lengths == 0] = 1
    return csr_matrix(diags(1 / lengths, dtype=matrix.dtype) @ matrix)


def cosine(a: csr_matrix, b: csr_matrix | None = None) -> np.ndarray:
    """Dense cosine similarities of the rows of ``a`` with those of ``b`` (``a`` if none)."""
    left = unit_rows(a)
    right = left if b is None else unit_rows(b)
    return np.asarray((left @ right.T).todense())
