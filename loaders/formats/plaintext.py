"""Plain text (in this corpus: the text layer of a PDF saved as .txt).

Each non-empty line is a ``SourceLine`` numbered as in the file. Runs of lines holding three
or more tab-separated fields are a table, one row per line; blank lines and page numbers
between them do not end the run (a table that goes on over a page break stays one table, the
header row repeated on each page included). Page furniture (a bare page number, "Trang 2/5")
and rules ("______") are left out; lines are neither joined nor split.
"""

from __future__ import annotations

from loaders.formats.cleanup import clean_line, is_page_furniture, is_rule, squeeze
from loaders.source import SourceCell, SourceItem, SourceLine, SourceRow, SourceTable

_MIN_FIELDS = 3
_MIN_ROWS = 2


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
