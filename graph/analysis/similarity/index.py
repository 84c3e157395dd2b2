"""Pairwise similarity of texts: TF-IDF cosine of whole texts, and blended with the best pair
of clauses.

:class:`SimilarityIndex` holds the TF-IDF vectors of a set of texts (features of
:mod:`graph.analysis.similarity.syllables`); :class:`ClauseSimilarityIndex` also compares the
clauses of the texts (:func:`graph.analysis.similarity.clauses.clauses`) and blends the best
clause pair of two texts with their whole-text similarity. :func:`similarity` compares two texts
alone.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix, diags

from graph.analysis.similarity.clauses import CLAUSE_MIN_WORDS, clauses
from graph.analysis.similarity.syllables import SyllableAnalyzer, thin_factors, vectorizer
from graph.search.tfidf import EmptyVocabulary, Tfidf, cosine

CLAUSE_WEIGHT = 0.4
"""The share of the best clause pair in the similarity of two texts (the rest is the whole texts')."""


class SimilarityIndex:
    """TF-IDF vectors of a set of texts and their pairwise cosine similarity."""

    def __init__(self, texts: Sequence[str], *, strip_administrative: bool = False, names: Sequence[str] = ()):
        self._vectorizer = vectorizer(strip_administrative=strip_administrative, names=names)
        self.matrix: csr_matrix = self._vectorizer.fit_transform(list(texts)) if texts else csr_matrix((0, 0))
        self.terms = self._vectorizer.terms if texts else np.array([])

    def similarities(self) -> np.ndarray:
        """Every two texts' cosine, as a dense n × n array: O(n²) memory; 0.3 s for 10^3 task
        texts, 6.5 s for 6·10^3 (2 cores). :meth:`between` works out one block."""
        if self.matrix.shape[0] == 0:
            return np.zeros((0, 0))
        return cosine(self.matrix)

    def between(self, rows: slice, columns: slice) -> np.ndarray:
        """The similarity of the texts ``rows`` to the texts ``columns`` only (a block of
        :meth:`similarities`, without computing the rest)."""
        if self.matrix.shape[0] == 0:
            return np.zeros((0, 0))
        return cosine(self.matrix[rows], self.matrix[columns])

    def pair_similarity(self, i: int, j: int) -> float:
        """The cosine similarity of texts ``i`` and ``j`` alone."""
        return float(self.matrix[i].multiply(self.matrix[j]).sum())

    def shared_terms(self, i: int, j: int, limit: int = 5) -> list[str]:
        """The terms that contribute most to the similarity of texts ``i`` and ``j``, bigrams
        preferred over the syllables inside them."""
        return [term for term, _weight in self.shared_term_weights(i, j, limit)]

    def shared_term_weights(self, i: int, j: int, limit: int = 5) -> list[tuple[str, float]]:
        """:meth:`shared_terms` with what each adds to the cosine of the two texts (a syllable
        dropped for the bigram holding it leaves its share to the bigram)."""
        product = self.matrix[i].multiply(self.matrix[j]).tocoo()
        ranked = sorted(zip(product.col, product.data, strict=True), key=lambda item: -item[1])
        chosen: dict[str, float] = {}
        for column, weight in ranked:
            term = str(self.terms[column])
            if any(term in other.split() or term == other for other in chosen):
                continue
            inside = [c for c in chosen if c in term.split()]
            gained = float(weight) + sum(chosen.pop(c) for c in inside)
            chosen[term] = gained
            if len(chosen) >= limit:
                break
        return list(chosen.items())


def _scaled_rows(matrix: csr_matrix, factors: np.ndarray) -> csr_matrix:
    return csr_matrix(diags(factors) @ matrix)


class ClauseSimilarityIndex(SimilarityIndex):
    """Texts compared as wholes and clause by clause.

    One TF-IDF weighting (the same as :func:`vectorizer`'s) is fitted over the clauses of all
    texts; a text is weighed as the sum of its clauses' term counts. :meth:`similarities`
    blends, for every two texts, the cosine of the wholes with the best cosine between a clause
    of one and a clause of the other (``clause_weight`` of it), and keeps the whole-text cosine
    when that is higher: a shared clause adds evidence, it never removes any. For a text of one
    clause, the best clause is the text itself.

    Fitting (cutting the clauses and weighing them) takes 1.4 s for 10^3 task texts and 7.9 s for
    6·10^3 (2 cores); :meth:`clause_similarities` is O(n²) memory."""

    def __init__(
        self,
        texts: Sequence[str],
        *,
        strip_administrative: bool = False,
        names: Sequence[str] = (),
        min_words: int = CLAUSE_MIN_WORDS,
        clause_weight: float = CLAUSE_WEIGHT,
        block_rows: int = 2048,
    ):
        if not 0 <= clause_weight <= 1:
            raise ValueError("clause_weight must be between 0 and 1")
        self.clause_weight = clause_weight
        self.block_rows = block_rows
        analyzer = SyllableAnalyzer(strip_administrative=strip_administrative, names=names)
        self.clauses: list[list[str]] = [clauses(t, min_words, analyzer.words) or [t] for t in texts]
        flat = [c for group in self.clauses for c in group]
        self.owner = np.repeat(np.arange(len(texts)), [len(group) for group in self.clauses])
        self.offsets = np.concatenate([[0], np.cumsum([len(group) for group in self.clauses])]).astype(int)
        # Term counts of the clauses, fitted once; a text's counts are the sum of its clauses'
        # (runs of words end at the punctuation between clauses, so no bigram is lost).
        weights = Tfidf(analyzer)
        if texts:
            counts = weights.fit_counts(flat)
            owners = csr_matrix((np.ones(len(flat)), (self.owner, np.arange(len(flat)))), shape=(len(texts), len(flat)))
            weights.fit_idf(counts)
            self.clause_matrix: csr_matrix = weights.weigh(counts)
            self.matrix = weights.weigh(csr_matrix(owners @ counts))
            if strip_administrative:
                self.clause_matrix = _scaled_rows(self.clause_matrix, thin_factors(flat, analyzer))
                self.matrix = _scaled_rows(self.matrix, thin_factors(texts, analyzer))
            self.terms = weights.terms
        else:
            self.clause_matrix = self.matrix = csr_matrix((0, 0))
            self.terms = np.array([])
        self._whole: np.ndarray | None = None
        self._best: np.ndarray | None = None

    def whole_similarities(self) -> np.ndarray:
        """Cosine similarity of the whole texts."""
        if self._whole is None:
            self._whole = (
                np.asarray((self.matrix @ self.matrix.T).todense()) if self.matrix.shape[0] else np.zeros((0, 0))
            )
        return self._whole

    def clause_similarities(self) -> np.ndarray:
        """For every two texts, the highest cosine between a clause of one and a clause of the other.

        Sparse products of blocks of clause rows with all clauses; the largest value per pair of
        texts is kept with :func:`numpy.maximum.at`."""
        if self._best is None:
            n = len(self.clauses)
            best = np.zeros((n, n))
            transposed = self.clause_matrix.T.tocsr()
            for start in range(0, self.clause_matrix.shape[0], self.block_rows):
                product = (self.clause_matrix[start : start + self.block_rows] @ transposed).tocoo()
                np.maximum.at(best, (self.owner[product.row + start], self.owner[product.col]), product.data)
            self._best = best
        return self._best

    def similarities(self) -> np.ndarray:
        whole = self.whole_similarities()
        blended = (1 - self.clause_weight) * whole + self.clause_weight * self.clause_similarities()
        best: np.ndarray = np.maximum(whole, blended)
        return best

    def pair_similarities(self, i: int, j: int) -> tuple[float, float, float]:
        """For texts ``i`` and ``j`` alone: the blended similarity (:meth:`similarities`), that
        of the whole texts and that of the best clause pair."""
        whole = self.pair_similarity(i, j)
        clause = self.best_clauses(i, j)[2]
        return max(whole, (1 - self.clause_weight) * whole + self.clause_weight * clause), whole, clause

    def best_clauses(self, i: int, j: int) -> tuple[str, str, float]:
        """The clause of text ``i`` and the clause of text ``j`` most alike, and their cosine."""
        rows = self.clause_matrix[self.offsets[i] : self.offsets[i + 1]]
        cols = self.clause_matrix[self.offsets[j] : self.offsets[j + 1]]
        product = np.asarray((rows @ cols.T).todense())
        x, y = np.unravel_index(int(np.argmax(product)), product.shape)
        return self.clauses[i][int(x)], self.clauses[j][int(y)], float(product[x, y])


def similarity(a: str, b: str, corpus: Sequence[str] = ()) -> float:
    """Cosine similarity of two texts, weighted by a corpus (the two texts if none).

    >>> similarity("tái chế chất thải nhựa", "Tái chế chất thải nhựa")
    1.0
    >>> similarity("tái chế chất thải", "trồng rừng ngập mặn")
    0.0
    """
    if not corpus:
        return _pair_similarity(a, b)
    texts = [a, b, *corpus]
    index = SimilarityIndex(texts)
    return float(index.similarities()[0, 1])


_PLAIN = SyllableAnalyzer()


def _pair_similarity(a: str, b: str) -> float:
    """:func:`similarity` of two texts weighted by themselves alone, without fitting a
    vectorizer: the same weights as :func:`vectorizer` gives (sublinear term frequency, smoothed
    inverse document frequency over the two texts, l2 norm), worked out directly."""
    counts_a, counts_b = Counter(_PLAIN(a)), Counter(_PLAIN(b))
    if not counts_a and not counts_b:
        raise EmptyVocabulary()
    idf_one = math.log(3 / 2) + 1  # a term of one text of two; a term of both weighs 1

    def weights(counts: Counter[str], other: Counter[str]) -> dict[str, float]:
        return {t: (1 + math.log(n)) * (1.0 if t in other else idf_one) for t, n in counts.items()}

    wa, wb = weights(counts_a, counts_b), weights(counts_b, counts_a)
    norm = math.sqrt(sum(w * w for w in wa.values())) * math.sqrt(sum(w * w for w in wb.values()))
    if norm == 0:
        return 0.0
    return sum(w * wb[t] for t, w in wa.items() if t in wb) / norm
