"""Pages laid out as lines and tables, assembled into one document's items.

Both a PDF's text layer (``pdf.layout``) and OCR of page images (``ocr.tesseract``) give, per page, its
lines and tables from top to bottom (``PageLine``, ``PageTable``). ``assemble`` numbers them
across the pages: every line and every table row is one line of the document (a row's text
is its cells joined with " | "), so line n is ``lines[n - 1]`` and ``page_starts`` tells the
page it stands on. Page furniture is left out of the items (kept in ``lines``): bare page
numbers and the repeats of lines found at the top or bottom of most pages (running headers
and footers: the first one is kept), compared with their digits masked.

A line goes on with the one before (``SourceLine.wraps``) when that one ran out of room: the
first word of the line would not have fitted at its end, within the page's right edge (the
rightmost end of its lines), the line does not start further right than it (an indented
new paragraph) and does not stand further below it than the page's usual line pitch allows
(the space before a new paragraph). This holds for justified and for ragged text alike, and across a page break.

A table that opens a page (nothing but furniture above it) and has as many columns as the
table that closed the page before is the same table going on: it is joined to it, its first
row dropped from the items when it repeats the header (the same text, or nearly: 85 % alike,
for two OCR readings of it), and its first row joined cell by cell
to the row before when it has no number in the first column while that row had one (a row
the page break split in two).
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from loaders.formats.cleanup import clean_line, is_page_furniture, squeeze
from loaders.source import SourceCell, SourceItem, SourceLine, SourceRow, SourceTable

_LONGEST_FURNITURE = 120
_SAME_ROW = 0.85  # similarity of two readings of one header row
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class PageCell:
    text: str
    colspan: int = 1
    repeated: bool = False  # a cell merged down from the row above


@dataclass(frozen=True)
class PageLine:
    text: str
    top: float
    bold: bool = False
    confidence: float | None = None  # OCR: mean word confidence, 0-100
    x0: float | None = None  # left and right ends of the line on the page
    x1: float | None = None
    first_word: float = 0.0  # width of the line's first word (with the space before it)


@dataclass(frozen=True)
class PageTable:
    rows: tuple[tuple[PageCell, ...], ...]
    top: float
    columns: int
    confidence: tuple[float | None, ...] = ()  # OCR: per row


@dataclass
class Page:
    number: int  # 1-based
    lines: list[PageLine] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)

    def ordered(self) -> list[PageLine | PageTable]:
        return sorted([*self.lines, *self.tables], key=lambda item: item.top)


@dataclass
class Assembled:
    items: list[SourceItem]
    lines: list[str]
    page_starts: list[int]  # line number of each page's first line; page p starts at [p - 1]
    line_confidence: dict[int, float]  # OCR: confidence of each line read by OCR
    tables_by_page: list[tuple[int, SourceTable]]  # the page where each table begins


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.casefold())


def _clean(text: str) -> str:
    return squeeze(clean_line(text))


def running_keys(pages: list[Page]) -> set[str]:
    """Lines (as keys) that are the first or the last line of text (page numbers aside) of at
    least half the pages, and of two pages at least."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        texts = [_clean(line.text) for line in sorted(page.lines, key=lambda line: line.top)]
        filled = [text for text in texts if text and not is_page_furniture(text)]
        if filled:
            edges = {filled[0], filled[-1]}
            counts.update({_key(text) for text in edges if len(text) <= _LONGEST_FURNITURE})
    needed = max(2, math.ceil(len(pages) / 2))
    return {key for key, count in counts.items() if count >= needed}


class _Assembler:
    def __init__(self, running: set[str]) -> None:
        self.running = running
        self.seen: set[str] = set()
        self.items: list[SourceItem] = []
        self.lines: list[str] = []
        self.page_starts: list[int] = []
        self.confidence: dict[int, float] = {}
        self.table_pages: dict[int, int] = {}  # index in items of a table -> the page it begins on
        self.open_table: tuple[int, int] | None = None  # (index in items, columns) of a table closing a page
        # the last text line, its page's left and right edges, its page
        self.last_line: tuple[PageLine, float, float, int] | None = None
        self.edges: tuple[float, float] = (0.0, 0.0)
        self.page_number = 0
        self.pitch: float | None = None  # the usual distance from one line to the next on the page

    def page(self, page: Page) -> None:
        self.page_starts.append(len(self.lines) + 1)
        carried = self.open_table
        self.open_table = None
        self.page_number = page.number
        ends = [(line.x0, line.x1) for line in page.lines if line.x0 is not None and line.x1 is not None]
        self.edges = (min(left for left, _ in ends), max(right for _, right in ends)) if ends else (0.0, 0.0)
        tops = sorted(line.top for line in page.lines)
        steps = [b - a for a, b in itertools.pairwise(tops) if b - a > 0]
        self.pitch = statistics.median(steps) if steps else None
        opened = False  # has the page shown anything but furniture yet
        for item in page.ordered():
            if isinstance(item, PageLine):
                if self._line(item):
                    opened = True
                    carried = None
                    self.open_table = None
                continue
            joined = carried is not None and not opened and carried[1] == item.columns
            index = self._table(item, page.number, carried[0] if joined and carried else None)
            if index is None:
                continue
            self.last_line = None
            opened = True
            carried = None
            self.open_table = (index, item.columns)

    def _line(self, line: PageLine) -> bool:
        self.lines.append(line.text)
        number = len(self.lines)
        if line.confidence is not None:
            self.confidence[number] = line.confidence
        text = _clean(line.text)
        if not text or is_page_furniture(text):
            return False
        key = _key(text)
        if key in self.running:
            if key in self.seen:
                return False
            self.seen.add(key)
        self.items.append(SourceLine(text=text, line=number, bold=line.bold, wraps=self._wraps(line)))
        self.last_line = (line, *self.edges, self.page_number)
        return True

    def _wraps(self, line: PageLine) -> bool | None:
        if self.last_line is None or line.x0 is None or line.x1 is None:
            return None
        previous, left, right, page = self.last_line
        if previous.x1 is None or previous.x0 is None or right <= left:
            return None
        tolerance = 0.015 * (right - left)
        fits = previous.x1 + line.first_word < right - tolerance
        indented = line.x0 > previous.x0 + tolerance
        same_page = page == self.page_number
        spaced = same_page and self.pitch is not None and line.top - previous.top > 1.2 * self.pitch
        return not fits and not indented and not spaced

    def _table(self, table: PageTable, page: int, join_to: int | None) -> int | None:
        rows: list[SourceRow] = []
        for index, cells in enumerate(table.rows):
            self.lines.append(" | ".join(cell.text for cell in cells))
            number = len(self.lines)
            if index < len(table.confidence) and table.confidence[index] is not None:
                self.confidence[number] = table.confidence[index]  # type: ignore[assignment]
            source_cells = tuple(
                SourceCell(
                    text=_clean(cell.text),
                    start_line=number,
                    end_line=number,
                    colspan=cell.colspan,
                    repeated=cell.repeated,
                )
                for cell in cells
            )
            if any(cell.text for cell in source_cells):
                rows.append(SourceRow(cells=source_cells, start_line=number, end_line=number))
        if join_to is None:
            if not rows:
                return None
            source = SourceTable(rows=tuple(rows), start_line=rows[0].start_line, end_line=rows[-1].end_line)
            self.items.append(source)
            self.table_pages[len(self.items) - 1] = page
            return len(self.items) - 1
        previous = self.items[join_to]
        assert isinstance(previous, SourceTable)
        self.items[join_to] = _joined(previous, rows)
        return join_to


def _texts(row: SourceRow) -> list[str]:
    return [_key(cell.text) for cell in row.cells]


def _joined(table: SourceTable, rows: list[SourceRow]) -> SourceTable:
    """``table`` going on with ``rows`` from the next page."""
    kept = list(table.rows)
    if rows and kept and _same_row(rows[0], kept[0]):
        rows = rows[1:]  # the header printed again on the new page
    if rows and kept and _continues(kept[-1], rows[0]):
        kept[-1] = _merge_rows(kept[-1], rows[0])
        rows = rows[1:]
    kept.extend(rows)
    end = max(table.end_line, kept[-1].end_line)
    return SourceTable(rows=tuple(kept), start_line=table.start_line, end_line=end)


def _same_row(a: SourceRow, b: SourceRow) -> bool:
    """The same row printed twice; read by OCR, the two readings may differ by a few letters."""
    first, second = " | ".join(_texts(a)), " | ".join(_texts(b))
    return first == second or difflib.SequenceMatcher(None, first, second, autojunk=False).ratio() >= _SAME_ROW


def _continues(last: SourceRow, first: SourceRow) -> bool:
    """The first row of a page is the rest of the last row of the page before: same cells,
    nothing in the first column, while the row before had its number there."""
    if len(last.cells) != len(first.cells) or len(first.cells) < 2:
        return False
    return not first.cells[0].text and bool(last.cells[0].text) and any(c.text for c in first.cells[1:])


def _merge_rows(last: SourceRow, rest: SourceRow) -> SourceRow:
    cells = tuple(
        SourceCell(
            text=squeeze(f"{a.text} {b.text}"),
            start_line=a.start_line,
            end_line=rest.end_line if b.text else a.end_line,
            bold=a.bold,
            colspan=a.colspan,
            repeated=a.repeated,
        )
        for a, b in zip(last.cells, rest.cells, strict=True)
    )
    return SourceRow(cells=cells, start_line=last.start_line, end_line=rest.end_line)


def assemble(pages: list[Page]) -> Assembled:
    assembler = _Assembler(running_keys(pages))
    for page in pages:
        assembler.page(page)
    return Assembled(
        items=assembler.items,
        lines=assembler.lines,
        page_starts=assembler.page_starts,
        line_confidence=assembler.confidence,
        tables_by_page=[(page, assembler.items[index]) for index, page in assembler.table_pages.items()],  # type: ignore[misc]
    )
