"""Tables of the pages: one model rendered as accessible HTML (``<caption>``, ``<th scope>``)
and downloaded, with the same rows, as CSV (UTF-8 with a byte-order mark, which Excel needs to
read Vietnamese) or XLSX (openpyxl, links kept as hyperlinks).

A page builds its tables, then answers ``?format=csv|xlsx&table=ID`` with the file of one of
them (:func:`download`), and otherwise hands them to the ``_table.html`` macro, which links
each table to its downloads ("Tải về CSV / XLSX").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.responses import Response
from openpyxl import Workbook
from openpyxl.styles import Font

from api.pages.rendering import url_with

DownloadFormat = Literal["csv", "xlsx"]
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Excel's limit on a cell's text; longer text is cut with a marker.
_XLSX_CELL_MAX = 32_000


@dataclass(frozen=True)
class Cell:
    """One cell: its text, an optional link, and an optional class for the page (not exported)."""

    text: str = ""
    href: str | None = None
    css: str | None = None
    note: str | None = None  # shown under the text on the page, and in the export after " — "

    def exported(self) -> str:
        return f"{self.text} — {self.note}" if self.note else self.text


@dataclass
class Row:
    cells: list[Cell]
    group: str | None = None  # rows of one group follow each other (a heading of the plan)
    css: str | None = None
    data: dict[str, str] = field(default_factory=dict)  # data-* attributes (filters)


@dataclass
class Table:
    id: str  # unique on its page: the ``table`` parameter of its downloads
    caption: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    group_label: str | None = None  # the heading of the group column in downloads
    empty: str = ""  # what the page says when there are no rows
    numeric: set[int] = field(default_factory=set)  # column indexes right-aligned on the page

    def add(self, *cells: Cell | str | None, group: str | None = None, css: str | None = None, **data: str) -> Row:
        row = Row([c if isinstance(c, Cell) else Cell(c or "") for c in cells], group=group, css=css, data=data)
        self.rows.append(row)
        return row

    @property
    def grouped(self) -> bool:
        return any(row.group for row in self.rows)

    def header(self) -> list[str]:
        return ([self.group_label or ""] if self.grouped else []) + self.columns

    def records(self) -> list[list[str]]:
        """The rows as exported: the group first (when the table has groups), then the cells."""
        grouped = self.grouped
        return [([row.group or ""] if grouped else []) + [cell.exported() for cell in row.cells] for row in self.rows]

    def groups(self) -> list[tuple[str | None, list[Row]]]:
        """Consecutive rows of the same group, in order (what the page shows under headings)."""
        found: list[tuple[str | None, list[Row]]] = []
        for row in self.rows:
            if not found or found[-1][0] != row.group:
                found.append((row.group, []))
            found[-1][1].append(row)
        return found


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.header())
    writer.writerows(table.records())
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _cell_text(text: str) -> str:
    # a text Excel would read as a formula stays text
    if text[:1] in ("=", "+", "-", "@") and len(text) > 1:
        text = "'" + text
    return text if len(text) <= _XLSX_CELL_MAX else text[: _XLSX_CELL_MAX - 1] + "…"


def to_xlsx(table: Table, base_url: str = "") -> bytes:
    """One sheet: the header in bold, then the rows; a linked cell links to its page."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.id[:31] or "table"
    header = table.header()
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    offset = 1 if table.grouped else 0
    for number, (row, record) in enumerate(zip(table.rows, table.records(), strict=True), start=2):
        sheet.append([_cell_text(value) for value in record])
        for index, cell in enumerate(row.cells):
            if cell.href:
                target = sheet.cell(row=number, column=index + offset + 1)
                target.hyperlink = base_url.rstrip("/") + cell.href if cell.href.startswith("/") else cell.href
    for index, name in enumerate(header, start=1):
        longest = max([len(name), *(len(record[index - 1]) for record in table.records()[:200])], default=10)
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(max(longest, 8), 60) + 2
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(request: Request, tables: Sequence[Table], name: str) -> Response | None:
    """The file asked for by ``?format=csv|xlsx`` (``&table=ID``, the first table by default);
    None when the page itself is asked for. 404 for a table the page does not have."""
    fmt = request.query_params.get("format", "html")
    if fmt not in MEDIA_TYPES:
        return None
    wanted = request.query_params.get("table")
    table = next((t for t in tables if wanted in (None, t.id)), None)
    if table is None:
        raise HTTPException(404, f"no table '{wanted}' on this page (tables: {', '.join(t.id for t in tables)})")
    body = to_csv(table) if fmt == "csv" else to_xlsx(table, str(request.base_url))
    filename = f"{name}-{table.id}.{fmt}"
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"},
    )


def download_links(request: Request, table: Table) -> dict[str, str]:
    """The CSV and XLSX URLs of one table of the current page (filters kept)."""
    return {fmt: url_with(request, format=fmt, table=table.id) for fmt in MEDIA_TYPES}
