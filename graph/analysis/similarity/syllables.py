"""Vietnamese text as features: syllable unigrams and bigrams, the wording of assignments and
procedure removed.

Vietnamese writes one syllable per space-separated token, and most words are two syllables
("tái chế", "siêu thị"), so syllable bigrams stand in for words without a segmenter. Text is
lowercased, NFC-normalised, and the two tone-mark placements (``hoá``/``hóa``, ``thuỷ``/``thủy``)
are made one; numbers are dropped (they say how much, not what). The weighting of the features
(TF-IDF) is :mod:`graph.search.tfidf`'s; how texts are compared is
:mod:`graph.analysis.similarity.index`'s.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence

import numpy as np

from graph.search.tfidf import Tfidf

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
    """Lowercase NFC text with one tone-mark placement and syllables joined by a hyphen split.

    >>> canonical("Hoá chất NI-LÔNG")
    'hóa chất ni lông'
    >>> canonical("thuỷ lợi") == canonical("thủy lợi")
    True
    """
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
    given (agency names: "báo cáo Sở Công Thương" says to whom, not what). O(length of the text).

    >>> SyllableAnalyzer()("Siêu thị, trung tâm")
    ['siêu', 'thị', 'siêu thị', 'trung', 'tâm', 'trung tâm']
    >>> administrative = SyllableAnalyzer(strip_administrative=True)
    >>> administrative.words("Chủ trì, phối hợp với các đơn vị liên quan tái chế chất thải")
    4
    """

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


THIN_WORDS = 5
"""With the wording of assignments and procedure removed, a text (or clause) keeping fewer
syllables than this says little about the work: its weight in every similarity is scaled by
kept / THIN_WORDS. "Định kỳ đánh giá, báo cáo kết quả thực hiện cho Sở Công Thương" keeps two
("đánh giá"), so one shared word no longer makes it the most similar of all tasks."""


def thin_factors(texts: Sequence[str], analyzer: SyllableAnalyzer) -> np.ndarray:
    """Per text: 1, or kept syllables / :data:`THIN_WORDS` for a text that keeps fewer."""
    return np.fromiter((min(1.0, analyzer.words(t) / THIN_WORDS) for t in texts), dtype=float, count=len(texts))
