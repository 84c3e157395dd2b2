"""Text similarity for Vietnamese: TF-IDF over syllable unigrams and bigrams (graph.search.tfidf).

Vietnamese writes one syllable per space-separated token, and most words are two syllables
("tái chế", "siêu thị"), so syllable bigrams stand in for words without a segmenter. Text is
lowercased, NFC-normalised, and the two tone-mark placements (``hoá``/``hóa``, ``thuỷ``/``thủy``)
are made one; numbers are dropped (they say how much, not what).

A long task often joins several pieces of work in one sentence ("...; tạo điều kiện phát triển
các mô hình khu công nghiệp sinh thái, ..."): compared as a whole it resembles nothing well.
:class:`ClauseSimilarityIndex` also compares the clauses of texts (:func:`clauses`) and blends
the best clause pair of two texts with their whole-text similarity.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from scipy.sparse import csr_matrix, diags

from graph.search.tfidf import EmptyVocabulary, Tfidf, cosine

_TONES = "\u0300\u0301\u0303\u0309\u0323"
# In an open syllable ending in oa, oe or uy the old style puts the tone on the last vowel
# ("hoá"), the new one on the first ("hóa"): move it to the first.
_OLD_STYLE_TONE = re.compile(rf"(?<!q)([ou])([aey])([{_TONES}])(?![\w\u0300-\u036f])")

# Function syllables that say nothing about what a task does (unambiguous with diacritics).
STOP_SYLLABLES = (
    "các", "và", "của", "cho", "với", "nhằm", "được", "này", "những", "hoặc", "trong", "theo",
    "về", "trên", "tại", "có", "là", "để", "đến", "từ", "một", "đối", "như", "đã", "sẽ", "thì",
)  # fmt: skip


# The wording of assignments rather than of work: who leads, who helps, "the plan", "the
# province". Removed from task text before comparing what tasks do.
ADMINISTRATIVE_PHRASES = (
    "chủ trì", "phối hợp", "sở, ban, ngành", "sở, ngành", "ban, ngành", "đoàn thể", "đơn vị", "cơ quan",
    "có liên quan", "liên quan", "ủy ban nhân dân", "ubnd", "cấp huyện", "cấp xã", "huyện", "thị xã",
    "thành phố", "xã, phường", "phường, xã", "địa phương", "địa bàn", "tỉnh", "triển khai", "thực hiện",
    "kế hoạch này", "kế hoạch", "nội dung", "nhiệm vụ", "được giao", "theo quy định", "tham mưu", "hằng năm",
    "hàng năm", "tổ chức, cá nhân",
)  # fmt: skip

# The wording of procedure every plan repeats: following up and reporting on the plan, and
# paying for it. Two tasks alike only in these are not doing the same work, so they are removed
# with the wording of assignments (a clause of nothing else then weighs nothing).
PROCEDURE_PHRASES = (
    "theo dõi", "đôn đốc", "kiểm tra", "định kỳ", "tổng hợp", "báo cáo", "kết quả thực hiện",
    "tình hình thực hiện", "tổ chức thực hiện", "bố trí", "kinh phí", "nguồn ngân sách", "ngân sách",
    "dự toán", "quyết toán", "thanh toán", "nguồn lực", "huy động", "lồng ghép", "điều chỉnh, bổ sung",
    "sơ kết", "tổng kết", "đề xuất", "cấp có thẩm quyền", "theo quy định",
)  # fmt: skip


# A hyphen inside a word joins syllables: "ni-lông" is "ni lông".
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def canonical(text: str) -> str:
    """Lowercase NFC text with one tone-mark placement and syllables joined by a hyphen split."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    joined = _OLD_STYLE_TONE.sub(r"\1\3\2", decomposed)
    return _HYPHENATED.sub(" ", unicodedata.normalize("NFC", joined))


_ADMINISTRATIVE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(p) for p in sorted(ADMINISTRATIVE_PHRASES + PROCEDURE_PHRASES, key=len, reverse=True))
    + r")(?!\w)"
)
# Punctuation ends a run of words: "siêu thị, trung tâm" must not yield the bigram "thị trung".
_BREAK = re.compile(r"[^\w\s]|\d+|_")
_STOP = frozenset(STOP_SYLLABLES)


def _phrases(phrases: Sequence[str]) -> re.Pattern[str] | None:
    forms = sorted({canonical(p).strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")


class SyllableAnalyzer:
    """Unigrams and bigrams of syllables, bigrams only inside a run of words (between
    punctuation, numbers and removed phrases), function syllables left out.

    With ``strip_administrative`` the wording of assignments goes, and so do the ``names``
    given (agency names: "báo cáo Sở Công Thương" says to whom, not what)."""

    def __init__(self, *, strip_administrative: bool = False, names: Sequence[str] = ()):
        self.strip_administrative = strip_administrative
        self._names = _phrases(names) if strip_administrative else None

    def __call__(self, text: str) -> list[str]:
        text = canonical(text)
        if self._names is not None:
            text = self._names.sub("|", text)
        if self.strip_administrative:
            text = _ADMINISTRATIVE.sub("|", text)
        features: list[str] = []
        for run in _BREAK.split(text):
            words = [w for w in run.split() if w not in _STOP]
            features.extend(words)
            features.extend(f"{a} {b}" for a, b in itertools.pairwise(words))
        return features

    def words(self, text: str) -> int:
        """How many syllables of the text are kept as features."""
        return sum(1 for feature in self(text) if " " not in feature)


def vectorizer(*, strip_administrative: bool = False, names: Sequence[str] = ()) -> Tfidf:
    """TF-IDF over :class:`SyllableAnalyzer` features, sublinear term frequency, l2-normalised."""
    return Tfidf(SyllableAnalyzer(strip_administrative=strip_administrative, names=names))


class SimilarityIndex:
    """TF-IDF vectors of a set of texts and their pairwise cosine similarity."""

    def __init__(self, texts: Sequence[str], *, strip_administrative: bool = False, names: Sequence[str] = ()):
        self._vectorizer = vectorizer(strip_administrative=strip_administrative, names=names)
        self.matrix: csr_matrix = self._vectorizer.fit_transform(list(texts)) if texts else csr_matrix((0, 0))
        self.terms = self._vectorizer.terms if texts else np.array([])

    def similarities(self) -> np.ndarray:
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


# Clause boundaries: a semicolon, a line break, or the end of a sentence (a full stop before a
# capital letter). Commas and colons separate clauses only between pieces long enough to stand
# alone; shorter pieces are items of a list ("giảm thiểu, thu hồi, tái chế chất thải").
_STRONG_BREAK = re.compile(r"[;\n]")
_SENTENCE_END = re.compile(r"[.!?]\s+")
_WEAK_BREAK = re.compile(r"\s*([,:])\s+")

CLAUSE_MIN_WORDS = 10
"""A piece between commas stands alone as a clause when it, and the text before it back to the
last clause boundary, have at least this many words (syllables; those that carry meaning, when
the words are counted by a :class:`SyllableAnalyzer`): about five two-syllable words. Shorter
pieces stay with their neighbours. A piece between semicolons or sentences with fewer than half
as many joins the one before it."""
CLAUSE_WEIGHT = 0.4
"""The share of the best clause pair in the similarity of two texts (the rest is the whole texts')."""


THIN_WORDS = 5
"""With the wording of assignments and procedure removed, a text (or clause) keeping fewer
syllables than this says little about the work: its weight in every similarity is scaled by
kept / THIN_WORDS. "Định kỳ đánh giá, báo cáo kết quả thực hiện cho Sở Công Thương" keeps two
("đánh giá"), so one shared word no longer makes it the most similar of all tasks."""


def thin_factors(texts: Sequence[str], analyzer: SyllableAnalyzer) -> np.ndarray:
    """Per text: 1, or kept syllables / :data:`THIN_WORDS` for a text that keeps fewer."""
    return np.fromiter((min(1.0, analyzer.words(t) / THIN_WORDS) for t in texts), dtype=float, count=len(texts))


def _scaled_rows(matrix: csr_matrix, factors: np.ndarray) -> csr_matrix:
    return csr_matrix(diags(factors) @ matrix)


WordCount = Callable[[str], int]


_LETTERS = re.compile(r"[^\W\d_]+")


def _words(text: str) -> int:
    """How many words (syllables: runs of letters) the text has; numbers and symbols do not count.
    No :class:`SyllableAnalyzer` keeps more syllables than this."""
    return len(_LETTERS.findall(text))


def _strong_spans(text: str) -> list[tuple[int, int]]:
    """Where the pieces of the text between semicolons, line breaks and sentence ends (a full
    stop, question or exclamation mark before a capital letter) start and end."""
    cuts = [(m.start(), m.end()) for m in _STRONG_BREAK.finditer(text)]
    cuts += [(m.start() + 1, m.end()) for m in _SENTENCE_END.finditer(text) if text[m.end() : m.end() + 1].isupper()]
    spans, start = [], 0
    for cut_start, cut_end in sorted(cuts):
        spans.append((start, cut_start))
        start = cut_end
    spans.append((start, len(text)))
    return spans


def _bracketed(text: str, start: int, position: int) -> bool:
    """Whether ``position`` is inside brackets opened after ``start``: "(KCN, KKT)" is one piece."""
    before = text[start:position]
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def _weak_spans(text: str, start: int, end: int, min_words: int, count: WordCount) -> list[tuple[int, int]]:
    """The clauses of ``text[start:end]``: cut at a comma or colon outside brackets where the text
    before it (back to the last cut) and the piece after it (up to the next comma or colon) each
    have at least ``min_words`` words."""
    separators = [m for m in _WEAK_BREAK.finditer(text, start, end) if not _bracketed(text, start, m.start())]
    bounds = [start, *(m.start() for m in separators), end]
    spans, clause_start = [], start
    for index, separator in enumerate(separators):
        following = text[separator.end() : bounds[index + 2]]
        before = text[clause_start : separator.start()]
        # ``count`` never exceeds the plain count of words (:func:`_words`), which is cheap: ask it first.
        if _words(following) >= min_words and count(following) >= min_words and count(before) >= min_words:
            spans.append((clause_start, separator.start()))
            clause_start = separator.end()
    spans.append((clause_start, end))
    return spans


def clauses(text: str, min_words: int = CLAUSE_MIN_WORDS, count: WordCount = _words) -> list[str]:
    """The clauses of a text, in order, each a part of it: cut at semicolons, line breaks and
    sentence ends, and at commas and colons between pieces of at least ``min_words`` words each.
    A piece between strong breaks with fewer than half as many words joins the one before it (the
    one after it, if first). A short text is one clause; a text without words has none.

    ``count`` says how many words a piece has: by default every syllable of letters; a
    :class:`SyllableAnalyzer` counts only the syllables it keeps, so that a piece of mere
    assignment wording ("phối hợp với các đơn vị liên quan") does not stand alone."""
    short = (min_words + 1) // 2
    pieces: list[tuple[int, int]] = []
    last_words = 0  # of the last piece
    for start, end in _strong_spans(text):
        if not _words(text[start:end]):
            continue
        words = count(text[start:end])
        if pieces and (words < short or last_words < short):
            pieces[-1] = (pieces[-1][0], end)
            last_words += words
        else:
            pieces.append((start, end))
            last_words = words
    found = [
        text[s:e].strip(" \t\n.;,:")
        for start, end in pieces
        for s, e in _weak_spans(text, start, end, min_words, count)
    ]
    return [clause for clause in found if _words(clause)]


class ClauseSimilarityIndex(SimilarityIndex):
    """Texts compared as wholes and clause by clause.

    One TF-IDF weighting (the same as :func:`vectorizer`'s) is fitted over the clauses of all
    texts; a text is weighed as the sum of its clauses' term counts. :meth:`similarities`
    blends, for every two texts, the cosine of the wholes with the best cosine between a clause
    of one and a clause of the other (``clause_weight`` of it), and keeps the whole-text cosine
    when that is higher: a shared clause adds evidence, it never removes any. For a text of one
    clause, the best clause is the text itself."""

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
        return np.maximum(whole, blended)

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
    """Cosine similarity of two texts, weighted by a corpus (the two texts if none)."""
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
