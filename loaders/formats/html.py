"""HTML, read with the standard library's ``html.parser``.

Block elements (``p``, ``div``, ``h1``-``h6``, ``li``, ...) and ``<br>`` end a line; each line
is a ``SourceLine`` numbered by the source line where its text starts (``end_line`` where it
ends, if later). A line is bold when all its text is inside ``<b>``/``<strong>``, a heading,
a ``<th>`` or an element styled ``font-weight: bold``; italic likewise with ``<i>``/``<em>``
and ``font-style: italic``. ``<table>`` becomes a ``SourceTable``: a cell spanning columns
appears once with its ``colspan``; a cell spanning rows is repeated in each row below it,
marked ``repeated``. A table inside a cell is read as text of that cell. Scripts, styles and
the document head are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

from loaders.formats.cleanup import clean_text, split_lines, squeeze
from loaders.formats.encoding import read_text
from loaders.source import SourceCell, SourceDocument, SourceItem, SourceLine, SourceRow, SourceTable

_BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
    "caption",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BOLD = {"b", "strong"} | _HEADINGS | {"th"}
_ITALIC = {"i", "em", "cite", "dfn"}
_SKIP = {"head", "script", "style", "noscript", "template", "svg", "math", "title"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_STYLE_BOLD = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)
_STYLE_NOT_BOLD = re.compile(r"font-weight\s*:\s*(?:normal|lighter|[1-5]00)", re.IGNORECASE)
_STYLE_ITALIC = re.compile(r"font-style\s*:\s*(?:italic|oblique)", re.IGNORECASE)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def read_html(path: Path) -> SourceDocument:
    """An ``.html`` / ``.htm`` file, decoded by the charset it declares when UTF-8 fails."""
    decoded = read_text(path, declared=declared_charset)
    return SourceDocument(
        path=path,
        format="html",
        items=html_items(decoded.text),
        encoding=decoded.encoding,
        lines=split_lines(decoded.text),
        warnings=decoded.warnings,
    )


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML file names in a ``<meta>`` near its start, if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def html_items(text: str) -> list[SourceItem]:
    """Items of an HTML document (decoded, NFC)."""
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.finish()


@dataclass
class _Run:
    text: str
    line: int  # source line where the visible text starts
    end_line: int
    bold: bool
    italic: bool


@dataclass
class _Element:
    tag: str
    bold: bool | None  # what this element sets; None: inherits
    italic: bool | None
    skip: bool


@dataclass
class _Cell:
    start_line: int
    colspan: int
    rowspan: int
    runs: list[_Run] = field(default_factory=list)


@dataclass
class _Table:
    start_line: int
    # (line of <tr>, line of </tr> or 0 when the tag is left out, cells)
    rows: list[tuple[int, int, list[_Cell]]] = field(default_factory=list)
    row: list[_Cell] | None = None
    row_start: int = 0
    cell: _Cell | None = None


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[SourceItem] = []
        self.stack: list[_Element] = []
        self.runs: list[_Run] = []  # text of the line being read, outside tables
        self.tables: list[_Table] = []
        self.pre = 0

    # -- formatting state ---------------------------------------------------------------------

    def _flag(self, name: str) -> bool:
        for element in reversed(self.stack):
            value: bool | None = getattr(element, name)
            if value is not None:
                return value
        return False

    def _skipping(self) -> bool:
        return any(element.skip for element in self.stack)

    # -- parser callbacks ---------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        if tag in ("td", "th", "tr", "table"):
            self._table_start(tag, attributes, line)
        elif tag == "br" or tag in _BLOCKS:
            self._break()
        if tag == "pre":
            self.pre += 1
        if tag in _VOID:
            return
        style = attributes.get("style", "")
        bold: bool | None = True if tag in _BOLD else None
        if _STYLE_BOLD.search(style):
            bold = True
        elif _STYLE_NOT_BOLD.search(style):
            bold = False
        italic: bool | None = True if tag in _ITALIC or _STYLE_ITALIC.search(style) else None
        self.stack.append(_Element(tag, bold, italic, tag in _SKIP))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        line = self.getpos()[0]
        if tag in _VOID:
            return
        if any(element.tag == tag for element in self.stack):
            while self.stack:
                element = self.stack.pop()
                if element.tag == tag:
                    break
        if tag == "pre":
            self.pre = max(self.pre - 1, 0)
        if tag in ("td", "th", "tr", "table"):
            self._table_end(tag, line)
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self._skipping() or not data:
            return
        line = self.getpos()[0]
        if self.pre:
            parts = data.split("\n")
            for number, part in enumerate(parts):
                if number:
                    self._break()
                self._add(part, line + number, line + number)
            return
        stripped = data.lstrip()
        if not stripped:
            self._add(" ", line, line)
            return
        start = line + data[: len(data) - len(stripped)].count("\n")
        end = line + data.rstrip().count("\n")
        self._add(data, start, end)

    # -- text ---------------------------------------------------------------------------------

    def _add(self, text: str, start: int, end: int) -> None:
        run = _Run(
            clean_text(text.replace("\n", " ").replace("\t", " ")), start, end, self._flag("bold"), self._flag("italic")
        )
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.cell.runs.append(run)
        else:
            self.runs.append(run)

    def _break(self) -> None:
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.cell.runs.append(_Run(" ", 0, 0, False, False))
            return
        self._flush()

    def _flush(self) -> None:
        text, bold, italic, start, end = _join(self.runs)
        self.runs = []
        if text:
            self.items.append(
                SourceLine(text=text, line=start, bold=bold, italic=italic, end_line=end if end > start else None)
            )

    # -- tables -------------------------------------------------------------------------------

    def _table_start(self, tag: str, attributes: dict[str, str], line: int) -> None:
        if tag == "table":
            if not self.tables or self.tables[-1].cell is None:
                self._flush()
            self.tables.append(_Table(start_line=line))
            return
        if not self.tables:
            return
        table = self.tables[-1]
        if tag == "tr":
            self._end_row(table, 0)
            table.row, table.row_start = [], line
            return
        self._end_cell(table)
        if table.row is None:
            table.row, table.row_start = [], line
        table.cell = _Cell(line, _span(attributes.get("colspan")), _span(attributes.get("rowspan")))
        table.row.append(table.cell)

    def _table_end(self, tag: str, line: int) -> None:
        if not self.tables:
            return
        table = self.tables[-1]
        if tag in ("td", "th"):
            self._end_cell(table)
        elif tag == "tr":
            self._end_row(table, line)
        else:
            self._end_row(table, 0)
            self.tables.pop()
            built = _build_table(table, line)
            outer = self.tables[-1] if self.tables else None
            if outer is not None and outer.cell is not None:
                outer.cell.runs.extend(_table_as_runs(built))
            elif built is not None:
                self._flush()
                self.items.append(built)

    @staticmethod
    def _end_cell(table: _Table) -> None:
        table.cell = None

    def _end_row(self, table: _Table, line: int) -> None:
        self._end_cell(table)
        if table.row:
            table.rows.append((table.row_start, line, table.row))
        table.row = None

    def finish(self) -> list[SourceItem]:
        while self.tables:
            self._table_end("table", self.getpos()[0])
        self._flush()
        return self.items


def _span(value: str | None) -> int:
    try:
        return max(int(value or "1"), 0)
    except ValueError:
        return 1


def _join(runs: list[_Run]) -> tuple[str, bool, bool, int, int]:
    text = squeeze("".join(run.text for run in runs))
    visible = [run for run in runs if run.text.strip()]
    if not text or not visible:
        return "", False, False, 0, 0
    return (
        text,
        all(run.bold for run in visible),
        all(run.italic for run in visible),
        visible[0].line,
        max(run.end_line for run in visible),
    )


def _build_table(table: _Table, end_line: int) -> SourceTable | None:
    """Rows of cells, a cell spanning rows copied into the rows below it."""
    rows: list[SourceRow] = []
    spanning: dict[int, tuple[SourceCell, int]] = {}  # column -> (cell, rows still to cover)
    remaining_rows = len(table.rows)
    for row_start, row_end, raw_cells in table.rows:
        remaining_rows -= 1
        cells: list[SourceCell] = []
        column = 0
        pending = list(raw_cells)
        while pending or any(col >= column for col in spanning):
            if column in spanning:
                cell, left = spanning.pop(column)
                cells.append(replace(cell, repeated=True))
                if left > 1:
                    spanning[column] = (cell, left - 1)
                column += cell.colspan
                continue
            if not pending:
                column = min(col for col in spanning if col >= column)
                continue
            raw = pending.pop(0)
            text, bold, _italic, start, end = _join(raw.runs)
            colspan = max(raw.colspan, 1)
            cell = SourceCell(
                text=text,
                start_line=start or raw.start_line,
                end_line=max(end, start or raw.start_line),
                bold=bold,
                colspan=colspan,
            )
            cells.append(cell)
            rowspan = raw.rowspan if raw.rowspan != 0 else remaining_rows + 1
            if rowspan > 1:
                spanning[column] = (cell, rowspan - 1)
            column += colspan
        if any(cell.text for cell in cells):
            own_end = max((c.end_line for c in cells if not c.repeated), default=row_start)
            rows.append(SourceRow(cells=tuple(cells), start_line=row_start, end_line=max(row_end, own_end)))
    if not rows:
        return None
    return SourceTable(rows=tuple(rows), start_line=table.start_line, end_line=end_line)


def _table_as_runs(table: SourceTable | None) -> list[_Run]:
    if table is None:
        return []
    runs = []
    for row in table.rows:
        for cell in row.cells:
            if not cell.repeated:
                runs.append(_Run(f" {cell.text} ", cell.start_line, cell.end_line, cell.bold, False))
    return runs
