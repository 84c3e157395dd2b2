"""What a reader hands to extraction: the document as normalised lines and tables.

Every reader (plain text, Markdown, HTML, Word, PDF) turns a file into a ``SourceDocument``:
an ordered list of ``SourceLine`` and ``SourceTable`` items. Text is NFC, markup is removed
but remembered (bold / italic), and each item keeps the 1-based line numbers of the source it
came from, so that any fact read later can point back at the lines it stands on.

Line numbers mean: the physical line of a text, Markdown or HTML file; the paragraph (or
table row) index of a Word document, counted in document order; the line of the extracted
text layer of a PDF, counted across pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

SourceFormat = Literal["txt", "md", "html", "docx", "pdf"]


@dataclass(frozen=True)
class SourceLine:
    """One line of running text (a PDF line, a paragraph of a Word file, ...)."""

    text: str
    line: int
    bold: bool = False
    italic: bool = False
    end_line: int | None = None  # set when one logical line spans several source lines

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
class SourceDocument:
    path: Path
    format: SourceFormat
    items: list[SourceItem]
    encoding: str = "utf-8"
    # the source's lines as read (after decoding and NFC), for quoting; index 0 is line 1
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

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
