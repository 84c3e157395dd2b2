"""The clauses of a task's text: the pieces of work one long sentence joins.

A long task often joins several pieces of work in one sentence ("...; tạo điều kiện phát triển
các mô hình khu công nghiệp sinh thái, ..."): compared as a whole it resembles nothing well.
:func:`clauses` cuts it where a piece could stand alone, so that
:class:`graph.analysis.similarity.index.ClauseSimilarityIndex` can compare piece with piece.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Clause boundaries: a semicolon, a line break, or the end of a sentence (a full stop before a
# capital letter). Commas and colons separate clauses only between pieces long enough to stand
# alone; shorter pieces are items of a list ("giảm thiểu, thu hồi, tái chế chất thải").
_STRONG_BREAK = re.compile(r"[;\n]")
_SENTENCE_END = re.compile(r"[.!?]\s+")
_WEAK_BREAK = re.compile(r"\s*([,:])\s+")

CLAUSE_MIN_WORDS = 10
"""A piece between commas stands alone as a clause when it, and the text before it back to the
last clause boundary, have at least this many words (syllables; those that carry meaning, when
the words are counted by a :class:`~graph.analysis.similarity.syllables.SyllableAnalyzer`):
about five two-syllable words. Shorter pieces stay with their neighbours. A piece between
semicolons or sentences with fewer than half as many joins the one before it."""

WordCount = Callable[[str], int]


_LETTERS = re.compile(r"[^\W\d_]+")


def _words(text: str) -> int:
    """How many words (syllables: runs of letters) the text has; numbers and symbols do not count.
    No :class:`~graph.analysis.similarity.syllables.SyllableAnalyzer` keeps more syllables than this.

    >>> _words("Giảm 30% chất thải đến 2025")
    4
    """
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
    :class:`~graph.analysis.similarity.syllables.SyllableAnalyzer` counts only the syllables it
    keeps, so that a piece of mere assignment wording ("phối hợp với các đơn vị liên quan") does
    not stand alone. O(length of the text) calls of ``count``.

    >>> for clause in clauses("Tuyên truyền nâng cao nhận thức của người dân về phân loại rác thải tại "
    ...                       "nguồn; xây dựng mô hình thu gom, tái chế chất thải nhựa tại các khu dân cư"):
    ...     print(clause)
    Tuyên truyền nâng cao nhận thức của người dân về phân loại rác thải tại nguồn
    xây dựng mô hình thu gom, tái chế chất thải nhựa tại các khu dân cư
    >>> clauses("Giảm thiểu, thu hồi, tái chế chất thải")
    ['Giảm thiểu, thu hồi, tái chế chất thải']
    """
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
