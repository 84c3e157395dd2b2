"""Word documents (.docx), read with python-docx.

The body is read in document order, paragraphs and tables as they come (content controls are
looked into). Line numbers count paragraphs and table rows in that one sequence: paragraph or
row number n is line n, empty paragraphs included, so ``lines[n - 1]`` is its text (a row's
cells joined with " | "). A paragraph is bold when every run with text is bold (directly or
by its character or paragraph style), italic likewise. In tables, a cell merged across columns
(which python-docx hands out once per column) appears once with its ``colspan``; a cell merged
down (vertical merge) appears in every row it covers, marked ``repeated`` after the first.
Headers, footers and footnotes are not read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from loaders.formats.cleanup import clean_line, nfc, squeeze
from loaders.source import (
    ReadError,
    SourceCell,
    SourceDocument,
    SourceItem,
    SourceLine,
    SourceRow,
    SourceTable,
)

_BODY_XML = "word/document.xml"


def read_docx(path: Path) -> SourceDocument:
    document = _open(path)
    reader = _DocxReader()
    for block in _blocks(document):
        if isinstance(block, Paragraph):
            reader.paragraph(block)
        else:
            reader.table(block)
    return SourceDocument(path=path, format="docx", items=reader.items, encoding="utf-8", lines=reader.lines)


def _open(path: Path) -> DocumentObject:
    if not zipfile.is_zipfile(path):
        raise ReadError(path, "is not a valid Word (.docx) file: it is not a zip archive")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(path, f"is not a valid Word (.docx) file: {exc}") from exc
    if _BODY_XML not in names:
        raise ReadError(path, f"is not a valid Word (.docx) file: it has no {_BODY_XML}")
    try:
        return Document(str(path))
    except Exception as exc:  # python-docx raises many kinds (KeyError, XMLSyntaxError, ...)
        raise ReadError(path, f"is not a valid Word (.docx) file: {exc}") from exc


def _blocks(document: DocumentObject) -> Iterator[Paragraph | Table]:
    yield from _children(document.element.body, document)


def _children(element: BaseOxmlElement, parent: DocumentObject) -> Iterator[Paragraph | Table]:
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield Table(child, parent)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _children(content, parent)


class _DocxReader:
    def __init__(self) -> None:
        self.items: list[SourceItem] = []
        self.lines: list[str] = []

    def paragraph(self, paragraph: Paragraph) -> None:
        text = _paragraph_text(paragraph)
        self.lines.append(text)
        if text:
            bold, italic = _emphasis(paragraph)
            self.items.append(SourceLine(text=text, line=len(self.lines), bold=bold, italic=italic))

    def table(self, table: Table) -> None:
        rows: list[SourceRow] = []
        start = len(self.lines) + 1
        for row in table.rows:
            self.lines.append("")
            number = len(self.lines)
            cells: list[SourceCell] = []
            elements: list[object] = []
            for cell in row.cells:
                if elements and cell._tc is elements[-1]:  # the next column of a merged cell
                    cells[-1] = replace(cells[-1], colspan=cells[-1].colspan + 1)
                    continue
                elements.append(cell._tc)
                text = squeeze(" ".join(_paragraph_text(p) for p in cell.paragraphs))
                bold = all(_emphasis(p)[0] for p in cell.paragraphs if _paragraph_text(p))
                cells.append(
                    SourceCell(
                        text=text,
                        start_line=number,
                        end_line=number,
                        bold=bold and bool(text),
                        repeated=cell._tc.getparent() is not row._tr,
                    )
                )
            self.lines[-1] = " | ".join(cell.text for cell in cells)
            if any(cell.text for cell in cells):
                rows.append(SourceRow(cells=tuple(cells), start_line=number, end_line=number))
        if rows:
            self.items.append(SourceTable(rows=tuple(rows), start_line=start, end_line=len(self.lines)))


def _paragraph_text(paragraph: Paragraph) -> str:
    return squeeze(clean_line(nfc(paragraph.text).replace("\n", " ")))


def _runs(paragraph: Paragraph) -> Iterator[Run]:
    for item in paragraph.iter_inner_content():
        if isinstance(item, Run):
            yield item
        else:  # a hyperlink
            yield from item.runs


def _emphasis(paragraph: Paragraph) -> tuple[bool, bool]:
    runs = [run for run in _runs(paragraph) if run.text.strip()]
    if not runs:
        return False, False
    bold = all(_run_flag(run, paragraph, "bold") for run in runs)
    italic = all(_run_flag(run, paragraph, "italic") for run in runs)
    return bold, italic


def _run_flag(run: Run, paragraph: Paragraph, name: str) -> bool:
    """A run's bold/italic as Word shows it: the run's own setting, else its character
    style's, else its paragraph style's (each style looked up through its base styles)."""
    value = getattr(run.font, name)
    if value is not None:
        return bool(value)
    for style in (run.style, paragraph.style):
        while style is not None:
            value = getattr(style.font, name)
            if value is not None:
                return bool(value)
            style = style.base_style
    return False
