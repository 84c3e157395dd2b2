"""PDF files: the text layer with its tables (pdfplumber), or OCR of the pages that have none.

The file is opened with pypdf first, which tells a damaged or password-protected file apart
(a file that opens with the empty password, only its permissions restricted, is read with a
warning). Each page is then read by pdfplumber (``layout``): its lines and its ruled or
unruled tables. A page with less than about 20 characters of text that shows an image is a
scanned page: it is rendered at 300 dpi and read by Tesseract (``loaders.formats.ocr``). Pages are assembled
into one document (``pages``): lines counted across pages, page furniture left out, a table
going on over a page break joined. A file with neither text nor anything OCR can read raises
``ReadError``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.page import Page as PlumberPage
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from loaders.formats.ocr.tesseract import OCR_DPI, OcrEngine, OcrPage, ocr_summary
from loaders.formats.pages import Page, assemble
from loaders.formats.pdf.layout import read_page
from loaders.source import ReadError, SourceDocument

MIN_CHARACTERS_PER_PAGE = 20


def read_pdf(path: Path) -> SourceDocument:
    reader, warnings = _open(path)
    _count_pages(reader, path)
    pages: list[Page] = []
    scanned: list[int] = []
    ocr_pages: list[OcrPage] = []
    engine: OcrEngine | None = None
    try:
        with pdfplumber.open(path, password="") as pdf:
            for plumber_page in pdf.pages:
                number = plumber_page.page_number
                try:
                    page = read_page(plumber_page)
                except Exception as exc:  # a damaged page should not stop the others
                    warnings.append(f"page {number}: no text could be extracted ({_message(exc)})")
                    page = Page(number=number)
                if _characters(page) < MIN_CHARACTERS_PER_PAGE and plumber_page.images:
                    scanned.append(number)
                pages.append(page)
            if scanned:
                engine = OcrEngine.for_file(path)
                ocr_pages = engine.read_pages([(number, _renderer(pdf.pages[number - 1])) for number in scanned])
    except PDFSyntaxError as exc:
        raise ReadError(path, f"is not a readable PDF file: {_message(exc)}") from exc
    characters = sum(_characters(page) for page in pages)
    if not scanned and characters < MIN_CHARACTERS_PER_PAGE * len(pages):
        raise ReadError(
            path,
            f"has no usable text layer ({len(pages)} page(s), {characters} "
            "characters of text) and no page image: it needs OCR of a scan of the paper original",
        )
    for read in ocr_pages:
        pages[read.number - 1] = read
    assembled = assemble(pages)
    document = SourceDocument(
        path=path,
        format="pdf",
        items=assembled.items,
        encoding="utf-8",
        lines=assembled.lines,
        warnings=warnings,
        page_starts=assembled.page_starts,
        table_pages=[page for page, _ in assembled.tables_by_page],
    )
    if engine is not None:
        document.ocr = ocr_summary(ocr_pages, assembled.line_confidence, len(pages), engine.name)
        document.warnings.append(document.ocr.warning())
    if not document.items:
        raise ReadError(path, f"OCR found no text on its {len(scanned)} scanned page(s)")
    return document


def _characters(page: Page) -> int:
    text = sum(len("".join(line.text.split())) for line in page.lines)
    return text + sum(len("".join(cell.text.split())) for table in page.tables for row in table.rows for cell in row)


def _renderer(page: PlumberPage) -> Callable[[], Image.Image]:
    return lambda: page.to_image(resolution=OCR_DPI).original


def _open(path: Path) -> tuple[PdfReader, list[str]]:
    warnings: list[str] = []
    try:
        reader = PdfReader(path)
    except Exception as exc:  # pypdf raises assorted errors on damaged files
        raise ReadError(path, f"is not a valid PDF file: {_message(exc)}") from exc
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except (DependencyError, NotImplementedError) as exc:
            raise ReadError(path, f"is encrypted and cannot be decrypted here: {_message(exc)}") from exc
        if not opened:
            raise ReadError(path, "is encrypted (password-protected); save an unprotected copy")
        warnings.append("the PDF is encrypted; it opened with an empty password")
    return reader, warnings


def _count_pages(reader: PdfReader, path: Path) -> int:
    try:
        count = len(reader.pages)
    except (PdfReadError, FileNotDecryptedError) as exc:
        raise ReadError(path, f"is not a readable PDF file: {_message(exc)}") from exc
    if count == 0:
        raise ReadError(path, "is a PDF file without pages")
    return count


def _message(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
