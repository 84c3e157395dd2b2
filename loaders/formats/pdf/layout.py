"""A PDF page's text layer as lines and tables, read with pdfplumber.

Tables are found by pdfplumber's table finder from the ruling lines and cell borders drawn on
the page (``lines`` strategy); on a page without a ruled table, from the gutters between
columns of words (``columns``). In an unruled table a cell of several lines comes out as
several rows: a row with nothing in the first column, under a row that has something there,
is joined to it cell by cell.

A grid position pdfplumber returns empty (``None``) belongs to a merged cell: to the cell
above when that cell reaches down into this row (it is repeated, marked ``repeated``), else
to the cell on its left (whose ``colspan`` grows). Text outside the tables is read line by
line (``extract_text_lines``); a line is bold when all its characters are set in a bold font.
"""

from __future__ import annotations

from typing import Any

from pdfplumber.page import Page as PlumberPage
from pdfplumber.table import Table

from loaders.formats.cleanup import is_page_furniture, nfc, squeeze
from loaders.formats.pages import Page, PageCell, PageLine, PageTable
from loaders.formats.pdf.columns import find_column_tables


def read_page(page: PlumberPage) -> Page:
    tables = [t for t in page.find_tables() if _is_table(t)]
    result = Page(number=page.page_number)
    for table in tables:
        built = table_from_grid(table, table.extract())
        if built is not None:
            result.tables.append(built)
    boxes = [t.bbox for t in tables]
    if not tables:
        for found in find_column_tables(page.extract_words()):
            rows = _join_wrapped_rows([row for row in found.rows if not _furniture(row)])
            if not rows:
                continue
            columns = max(sum(c.colspan for c in row) for row in rows)
            result.tables.append(PageTable(rows=tuple(rows), top=found.bbox[1], columns=columns))
            boxes.append(found.bbox)

    def outside(obj: dict[str, Any]) -> bool:
        if "x0" not in obj or "top" not in obj:
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    rest = page.filter(outside) if boxes else page
    for line in rest.extract_text_lines(return_chars=True):
        text = nfc(line["text"]).rstrip()
        chars = [c for c in line.get("chars", []) if c.get("text", "").strip()]
        bold = bool(chars) and all("bold" in str(c.get("fontname", "")).lower() for c in chars)
        x0, x1 = float(line["x0"]), float(line["x1"])
        first = text.split(" ", 1)[0] if text.strip() else ""
        first_word = (x1 - x0) * (len(first) + 1) / max(len(text), 1)
        result.lines.append(PageLine(text=text, top=float(line["top"]), bold=bold, x0=x0, x1=x1, first_word=first_word))
    return result


def _is_table(table: Table) -> bool:
    return len(table.rows) >= 2 and max((len(r.cells) for r in table.rows), default=0) >= 2


def table_from_grid(table: Table, texts: list[list[str | None]]) -> PageTable | None:
    """The rows of ``table`` (pdfplumber's grid of cell boxes) with the cell texts ``texts``."""
    rows: list[tuple[PageCell, ...]] = []
    reach: list[float] = []  # per column: the bottom of the last real cell
    for row, values in zip(table.rows, texts, strict=False):
        top = row.bbox[1]
        cells: list[PageCell] = []
        for column, (box, value) in enumerate(zip(row.cells, values, strict=False)):
            while len(reach) <= column:
                reach.append(-1.0)
            if box is not None:
                reach[column] = box[3]
                cells.append(PageCell(text=_cell_text(value)))
                continue
            if reach[column] > top + 1 and rows and column < len(rows[-1]):
                above = _cell_at(rows[-1], column)
                if above is not None:
                    cells.append(PageCell(text=above.text, colspan=above.colspan, repeated=True))
                    continue
            if cells:
                cells[-1] = PageCell(text=cells[-1].text, colspan=cells[-1].colspan + 1, repeated=cells[-1].repeated)
        if cells:
            rows.append(tuple(cells))
    if not rows:
        return None
    columns = max(sum(c.colspan for c in row) for row in rows)
    return PageTable(rows=tuple(rows), top=float(table.bbox[1]), columns=columns)


def _furniture(row: tuple[PageCell, ...]) -> bool:
    """A row holding nothing but a page number (the footer under a table that fills the page)."""
    text = " ".join(cell.text for cell in row if cell.text)
    return not text or is_page_furniture(text)


def _cell_at(row: tuple[PageCell, ...], column: int) -> PageCell | None:
    position = 0
    for cell in row:
        if position <= column < position + cell.colspan:
            return cell
        position += cell.colspan
    return None


def _cell_text(value: str | None) -> str:
    return squeeze(nfc(value or "").replace("\n", " "))


def _join_wrapped_rows(rows: list[tuple[PageCell, ...]]) -> list[tuple[PageCell, ...]]:
    joined: list[tuple[PageCell, ...]] = []
    for row in rows:
        if joined and not row[0].text and len(row) == len(joined[-1]) and joined[-1][0].text:
            joined[-1] = tuple(
                PageCell(text=squeeze(f"{a.text} {b.text}"), colspan=a.colspan)
                for a, b in zip(joined[-1], row, strict=True)
            )
        else:
            joined.append(row)
    return joined
