"""What a reader hands to extraction: the document as normalised lines and tables.

Every reader (plain text, Markdown, HTML, Word, PDF) turns a file into a ``SourceDocument``:
an ordered list of ``SourceLine`` and ``SourceTable`` items. Text is NFC, markup is removed
but remembered (bold / italic), and each item keeps the 1-based line numbers of the source it
came from, so that any fact read later can point back at the lines it stands on.

Line numbers mean: the physical line of a text, Markdown or HTML file; the paragraph (or
table row) index of a Word document (and of a Word 97-2003, RTF or OpenDocument file, read
through its conversion to Word), counted in document order; for a PDF or a scanned image, the
line of text read from the page (its text layer, or OCR), a table row counting as one line,
counted across pages, with ``page_starts`` giving the page each line stands on.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

# the name a reader gives the format it read: "txt", "md", "html", "docx", "pdf", "image",
# "doc", "rtf", "odt" today; a new reader names its own (kept on the record and in the graph)
SourceFormat = str


@dataclass(frozen=True)
class SourceLine:
    """One line of running text (a PDF line, a paragraph of a Word file, ...)."""

    text: str
    line: int
    bold: bool = False
    italic: bool = False
    end_line: int | None = None  # set when one logical line spans several source lines
    # known from a page's layout: the line before ran out of room, so this one goes on with it
    # (True), or it did not (False); None where the source has no layout (text, Word, HTML)
    wraps: bool | None = None

    @property
    def last_line(self) -> int:
        return self.end_line if self.end_line is not None else self.line


@dataclass(frozen=True)
class SourceCell:
    text: str
    start_line: int
    end_line: int
    bold: bool = False
    colspan: int = 1
    # a copy of a cell of an earlier row that spans this one too (rowspan, vertical merge);
    # its lines are those of the original
    repeated: bool = False


@dataclass(frozen=True)
class SourceRow:
    cells: tuple[SourceCell, ...]
    start_line: int
    end_line: int


@dataclass(frozen=True)
class SourceTable:
    """A table as rows of cells. A cell merged across columns appears once, with its
    ``colspan``; a cell merged across rows appears in each of them, marked ``repeated`` after
    the first."""

    rows: tuple[SourceRow, ...]
    start_line: int
    end_line: int


SourceItem = SourceLine | SourceTable


@dataclass
class OcrSummary:
    """How a document was read by OCR."""

    engine: str  # "tesseract 5.3.0 (vie)"
    pages: list[int]  # the pages read by OCR
    page_count: int
    confidence: float | None  # mean word confidence over those pages, 0-100
    page_confidence: dict[int, float | None] = field(default_factory=dict)
    line_confidence: dict[int, float] = field(default_factory=dict)  # line number -> confidence

    def warning(self) -> str:
        pages = "all pages" if len(self.pages) == self.page_count else f"page(s) {', '.join(map(str, self.pages))}"
        mean = f"{self.confidence:.0f}" if self.confidence is not None else "unknown"
        return (
            f"read by OCR ({self.engine}) on {pages}: mean word confidence {mean}/100; "
            "every fact read from it is flagged for checking against the page image"
        )


@dataclass
class SourceDocument:
    path: Path
    format: SourceFormat
    items: list[SourceItem]
    encoding: str = "utf-8"
    # the source's lines as read (after decoding and NFC), for quoting; index 0 is line 1
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # a paged source (PDF, scan): the line number each page begins with; page p is [p - 1]
    page_starts: list[int] = field(default_factory=list)
    table_pages: list[int] = field(default_factory=list)  # the page each table (in order) begins on
    ocr: OcrSummary | None = None  # how the text was read, when it was read by OCR

    def page_of(self, line: int) -> int | None:
        """The 1-based page that line ``line`` stands on (``None`` for a source without pages)."""
        if not self.page_starts:
            return None
        return max(bisect_right(self.page_starts, line), 1)

    def page_text(self, page: int) -> str:
        """The text of one page as read (the OCR text of a scanned page)."""
        if not 1 <= page <= len(self.page_starts):
            raise IndexError(page)
        start = self.page_starts[page - 1]
        end = self.page_starts[page] - 1 if page < len(self.page_starts) else len(self.lines)
        return self.quote(start, end) if end >= start else ""

    def quote(self, start_line: int, end_line: int) -> str:
        """The source text of lines ``start_line``..``end_line`` (1-based, inclusive)."""
        chunk = self.lines[max(start_line - 1, 0) : max(end_line, start_line)]
        return "\n".join(chunk)


class ReadError(Exception):
    """A file that cannot be read as a plan. The message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
