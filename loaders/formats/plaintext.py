"""Plain text (in this corpus: the text layer of a PDF saved as .txt).

Each non-empty line is a ``SourceLine`` numbered as in the file. Runs of lines holding three
or more tab-separated fields are a table, one row per line; blank lines and page numbers
between them do not end the run (a table that goes on over a page break stays one table, the
header row repeated on each page included). Page furniture (a bare page number, "Trang 2/5")
and rules ("______") are left out; lines are neither joined nor split.
"""

from __future__ import annotations

from pathlib import Path

from loaders.formats.cleanup import clean_line, is_page_furniture, is_rule, split_lines, squeeze
from loaders.formats.encoding import read_text
from loaders.formats.markdown.reader import looks_like_markdown, markdown_items
from loaders.source import SourceCell, SourceDocument, SourceItem, SourceLine, SourceRow, SourceTable

_MIN_FIELDS = 3
_MIN_ROWS = 2


def read_txt(path: Path) -> SourceDocument:
    """A ``.txt`` file: plain text, or Markdown when the text is Markdown exported by a
    legal-document web site (``|`` table lines, ``**`` bold markers)."""
    decoded = read_text(path)
    lines = split_lines(decoded.text)
    markdown = looks_like_markdown(lines)
    return SourceDocument(
        path=path,
        format="md" if markdown else "txt",
        items=markdown_items(lines) if markdown else plaintext_items(lines),
        encoding=decoded.encoding,
        lines=lines,
        warnings=decoded.warnings,
    )


def plaintext_items(raw_lines: list[str]) -> list[SourceItem]:
    """Items of a plain-text file, from its lines as decoded (NFC)."""
    lines = [clean_line(line, keep_tabs=True) for line in raw_lines]
    items: list[SourceItem] = []
    index = 0
    while index < len(lines):
        if _is_table_row(lines[index]):
            rows = _table_run(lines, index)
            if len(rows) >= _MIN_ROWS:
                items.append(_table(lines, rows))
                index = rows[-1] + 1
                continue
        text = squeeze(lines[index])
        if text and not is_page_furniture(text) and not is_rule(text):
            items.append(SourceLine(text=text, line=index + 1))
        index += 1
    return items


def _is_table_row(line: str) -> bool:
    if "\t" not in line:
        return False
    fields = line.split("\t")
    return len(fields) >= _MIN_FIELDS and sum(1 for f in fields if f.strip()) >= 2


def _table_run(lines: list[str], start: int) -> list[int]:
    rows = [start]
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if _is_table_row(line):
            rows.append(index)
        elif line.strip() and not is_page_furniture(line):
            break
    return rows


def _table(lines: list[str], rows: list[int]) -> SourceTable:
    source_rows = []
    for index in rows:
        number = index + 1
        cells = tuple(
            SourceCell(text=squeeze(field), start_line=number, end_line=number) for field in lines[index].split("\t")
        )
        source_rows.append(SourceRow(cells=cells, start_line=number, end_line=number))
    return SourceTable(rows=tuple(source_rows), start_line=rows[0] + 1, end_line=rows[-1] + 1)
