"""Vietnamese text helpers: normalisation, diacritic folding, and rejoining broken lines.

Text extracted from PDFs and legal-document sites breaks sentences across lines (and even
puts blank lines inside a sentence). ``paragraphs`` rebuilds the logical paragraphs of a
``SourceDocument`` while keeping the span of source lines each one stands on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from statistics import median

from loaders.source import SourceDocument, SourceLine, SourceTable

_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class _FoldMap(dict[int, str]):
    """Code point → its folded form (``_fold_char``), filled in as characters are met; a
    mapping ``str.translate`` can use."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_MAP = _FoldMap()
_SPACES = re.compile(r"\s+")
_SPACE_RUNS = re.compile(r" {2,}")


def fold(text: str) -> str:
    """Lowercase, without diacritics, ``đ`` → ``d``, whitespace collapsed.

    Both tone-mark placements (``hóa``/``hoá``) fold to the same string, so this is the key
    for every name comparison and for diacritic-insensitive search.

    >>> fold("Sở Tài nguyên  và\\nMôi trường")
    'so tai nguyen va moi truong'
    >>> fold("hóa") == fold("hoá")
    True
    """
    return _SPACES.sub(" ", text.translate(_FOLD_MAP)).strip()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold`` that also returns, for each folded character, its offset in ``text``.

    Whitespace is collapsed the same way as in ``fold``; the folded string is not stripped
    so offsets stay aligned.
    """
    folded = text.translate(_FOLD_MAP)
    if len(folded) != len(text) or any(len(_FOLD_MAP[ord(ch)]) != 1 for ch in set(text)):
        return fold_with_offsets_by_character(text)
    # one folded character per character: only the runs of spaces move the offsets
    pieces: list[str] = []
    offsets: list[int] = []
    start = 0
    for run in _SPACE_RUNS.finditer(folded):
        pieces.append(folded[start : run.start() + 1])
        offsets.extend(range(start, run.start() + 1))
        start = run.end()
    pieces.append(folded[start:])
    offsets.extend(range(start, len(folded)))
    return "".join(pieces), offsets


def fold_with_offsets_by_character(text: str) -> tuple[str, list[int]]:
    """``fold_with_offsets`` one character at a time: for text where a character folds to
    none or to several (a lone combining mark, a ligature)."""
    out: list[str] = []
    offsets: list[int] = []
    previous_space = False
    for index, ch in enumerate(text):
        folded = _fold_char(ch)
        if folded == " ":
            if previous_space:
                continue
            previous_space = True
        elif folded:
            previous_space = False
        for part in folded:
            out.append(part)
            offsets.append(index)
    return "".join(out), offsets


@cache
def _fold_char(ch: str) -> str:
    """One character folded: lowercase, without combining marks, ``đ`` → ``d``, any space
    as " "; possibly empty (a lone combining mark) or longer than one character."""
    parts = []
    for part in unicodedata.normalize("NFD", ch.translate(_FOLD_TABLE)):
        if unicodedata.category(part) == "Mn":
            continue
        parts.append(" " if part.isspace() else part.lower())
    return "".join(parts)


_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:)])")
_SPACE_AFTER_PARENTHESIS = re.compile(r"([(])\s+")


def clean_spaces(text: str) -> str:
    text = _SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    text = _SPACE_AFTER_PARENTHESIS.sub(r"\1", text)
    return text.strip()


# A line that opens a new structural unit: Roman or Arabic numbering, a letter item,
# a bullet, or a known part title.
_ROMAN = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"
STRUCTURE_RE = re.compile(
    rf"^(?:(?P<roman>{_ROMAN})\.(?:\s|$)|(?P<arabic>\d{{1,2}}(?:\.\d{{1,2}}){{0,3}})[.)](?:\s|$)|"
    r"(?P<letter>[a-zđ])\)\s|(?P<bullet>[-+•*–]|\u2212)\s*(?=\S))"
)
_NUMBERED = re.compile(rf"^(?:{_ROMAN}\.(?:\s|$)|\d{{1,2}}(?:\.\d{{1,2}}){{0,3}}[.)](?:\s|$)|[a-zđ]\)\s)")
_PART_TITLES = re.compile(
    r"^(?:KẾ HOẠCH|QUYẾT ĐỊNH|PHỤ LỤC|Nơi nhận|TM\.|KT\.|CHỦ TỊCH|PHÓ CHỦ TỊCH|Điều \d+)",
)
_OPENING_WORDS = re.compile(r"^\*?(?:Căn cứ|Thực hiện|Triển khai thực hiện|Theo đề nghị|Xét đề nghị|Trên cơ sở)\b")
_BROKEN_WORD = re.compile(r"\w-$")
_SEPARATOR = re.compile(r"^[-_=–—.*\s]{3,}$")
_TERMINAL = (".", ";", ":", "!", "?", "./.", "/.")


@dataclass(frozen=True)
class Paragraph:
    text: str
    start_line: int
    end_line: int
    bold: bool = False
    italic: bool = False
    # (offset in ``text``, source line) for each source line the paragraph joins
    offsets: tuple[tuple[int, int], ...] = ()

    def lines_of(self, start: int, end: int) -> tuple[int, int]:
        """The source lines holding ``text[start:end]``."""
        first = last = self.start_line
        for offset, line in self.offsets:
            if offset <= start:
                first = line
            if offset < max(end, start + 1):
                last = line
        return first, max(first, last)

    @property
    def marker(self) -> re.Match[str] | None:
        return STRUCTURE_RE.match(self.text)


Block = Paragraph | SourceTable


def opens_unit(text: str) -> bool:
    return STRUCTURE_RE.match(text) is not None or bool(_PART_TITLES.match(text))


def _is_upper_start(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.isupper()
        if ch.isdigit():
            return False  # "163/2024/QH15 ngày ..." continues "Nghị quyết số"
        if ch in '“"(«[':
            continue
        return False
    return False


def shouting(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def paragraphs(doc: SourceDocument) -> list[Block]:
    """Rejoin lines into logical paragraphs; tables pass through unchanged."""
    line_lengths = [len(item.text) for item in doc.items if isinstance(item, SourceLine)]
    full = median(sorted(line_lengths)[len(line_lengths) // 2 :]) if line_lengths else 80
    short_limit = max(25, int(full * 0.6))

    blocks: list[Block] = []
    current: list[SourceLine] = []

    def flush() -> None:
        if current:
            offsets: list[tuple[int, int]] = []
            text = ""
            for line in current:
                piece = clean_spaces(line.text)
                # "túi ni-" + "lông": a word broken at its hyphen joins without a space
                glue = "" if not text or (_BROKEN_WORD.search(text) and piece[:1].islower()) else " "
                text += glue
                offsets.append((len(text), line.line))
                text += piece
            blocks.append(
                Paragraph(
                    text=text,
                    start_line=current[0].line,
                    end_line=current[-1].last_line,
                    bold=all(line.bold for line in current),
                    italic=all(line.italic for line in current),
                    offsets=tuple(offsets),
                )
            )
            current.clear()

    for item in doc.items:
        if isinstance(item, SourceTable):
            flush()
            blocks.append(item)
            continue
        text = item.text.strip()
        if not text:
            continue
        if _SEPARATOR.match(text):
            flush()
            continue
        if current and _continues(current, item, text, short_limit):
            current.append(SourceLine(text, item.line, item.bold, item.italic, item.end_line, item.wraps))
            continue
        flush()
        current.append(SourceLine(text, item.line, item.bold, item.italic, item.end_line, item.wraps))
    flush()
    return blocks


def _continues(current: list[SourceLine], line: SourceLine, text: str, short_limit: int) -> bool:
    previous = current[-1]
    prev_text = previous.text.rstrip()
    joined = clean_spaces(" ".join(part.text for part in current))
    bare = STRUCTURE_RE.match(joined)
    if bare is not None and not joined[bare.end() :].strip():
        return True  # a marker alone on its line: its title follows
    if line.wraps and not _NUMBERED.match(text) and not (opens_unit(text) and prev_text.endswith(_TERMINAL)):
        return True  # the page layout shows the line before ran out of room ("chính trị" / "- xã hội")
    if opens_unit(text):
        return False
    if _OPENING_WORDS.match(text) and not prev_text.endswith((",", "và")):
        return False
    if shouting(prev_text) != shouting(text) and (
        len(prev_text) < short_limit or (shouting(prev_text) and _is_upper_start(text))
    ):
        return False
    # a bold heading followed by body text, or body followed by a bold heading
    if (
        previous.bold != line.bold
        and (len(prev_text) < short_limit or not line.bold)
        and not (previous.bold and not prev_text.endswith(_TERMINAL) and not _is_upper_start(text))
    ):
        return False
    if previous.italic != line.italic and prev_text.endswith(_TERMINAL):
        return False
    if not _is_upper_start(text):
        return True
    if prev_text.endswith(_TERMINAL):
        return False
    if prev_text.endswith((",", "-", "–", "và", "của", "với")):
        return True
    # an upper-case start after a short line without punctuation: a heading ended
    return len(prev_text) >= short_limit
