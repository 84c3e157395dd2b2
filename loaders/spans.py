"""Building ``Span`` values: the source lines and quote behind an extracted fact."""

from __future__ import annotations

from loaders.models import Span
from loaders.source import SourceCell, SourceRow
from loaders.text import Paragraph, clean_spaces

MAX_QUOTE = 600


def _trim(quote: str) -> str:
    quote = clean_spaces(quote)
    return quote if len(quote) <= MAX_QUOTE else quote[: MAX_QUOTE - 1].rstrip() + "…"


def paragraph_span(file: str, paragraph: Paragraph, start: int = 0, end: int | None = None) -> Span:
    """The span of ``paragraph.text[start:end]`` (the whole paragraph by default)."""
    stop = len(paragraph.text) if end is None else end
    first, last = paragraph.lines_of(start, stop)
    return Span(file=file, start_line=first, end_line=last, quote=_trim(paragraph.text[start:stop]))


def paragraphs_span(file: str, paragraphs: list[Paragraph]) -> Span:
    text = " ".join(p.text for p in paragraphs)
    return Span(
        file=file,
        start_line=paragraphs[0].start_line,
        end_line=paragraphs[-1].end_line,
        quote=_trim(text),
    )


def row_span(file: str, row: SourceRow) -> Span:
    quote = " | ".join(cell.text for cell in row.cells if cell.text)
    return Span(file=file, start_line=row.start_line, end_line=row.end_line, quote=_trim(quote))


def cell_span(file: str, cell: SourceCell) -> Span:
    return Span(file=file, start_line=cell.start_line, end_line=cell.end_line, quote=_trim(cell.text))


def cell_as_paragraph(cell: SourceCell) -> Paragraph:
    """A table cell seen as a paragraph, so that paragraph readers apply to it."""
    return Paragraph(
        text=clean_spaces(cell.text),
        start_line=cell.start_line,
        end_line=cell.end_line,
        bold=cell.bold,
        offsets=((0, cell.start_line),),
    )
