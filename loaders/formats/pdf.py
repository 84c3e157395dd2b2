"""PDF files with a text layer, read with pypdf (plain extraction, not layout mode).

Pages are extracted one after another; every extracted line counts, so line n is
``lines[n - 1]`` across the whole file. Page furniture is left out of the items: bare page
numbers, and the repeats of lines found at the top or bottom of most pages (running headers
and footers, or a table header repeated on each page: the first one is kept), compared with
their digits masked, so "Công báo số 12" and "Công báo số 13" are the same line. A file with
less than about 20 characters of text per page is a scan: ``ReadError`` saying it needs OCR.
A password-protected file raises ``ReadError``; one that opens with the empty password (only
its permissions are restricted) is read, with a warning.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from loaders.formats.cleanup import clean_line, is_page_furniture, nfc, split_lines, squeeze
from loaders.source import ReadError, SourceDocument, SourceItem, SourceLine

MIN_CHARACTERS_PER_PAGE = 20
_LONGEST_FURNITURE = 120
_DIGITS = re.compile(r"\d+")


def read_pdf(path: Path) -> SourceDocument:
    reader, warnings = _open(path)
    pages = _page_lines(reader, path, warnings)
    characters = sum(len("".join(line.split())) for page in pages for line in page)
    if characters < MIN_CHARACTERS_PER_PAGE * len(pages):
        raise ReadError(
            path,
            f"has no usable text layer ({len(pages)} page(s), {characters} "
            "characters of text): it is probably a scan and needs OCR",
        )
    running = _running_lines(pages)
    seen: set[str] = set()
    lines: list[str] = []
    items: list[SourceItem] = []
    for page in pages:
        for line in page:
            lines.append(line)
            text = squeeze(clean_line(line))
            if not text or is_page_furniture(text):
                continue
            key = _key(text)
            if key in running:
                if key in seen:
                    continue
                seen.add(key)
            items.append(SourceLine(text=text, line=len(lines)))
    return SourceDocument(path=path, format="pdf", items=items, encoding="utf-8", lines=lines, warnings=warnings)


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


def _page_lines(reader: PdfReader, path: Path, warnings: list[str]) -> list[list[str]]:
    pages: list[list[str]] = []
    try:
        count = len(reader.pages)
    except (PdfReadError, FileNotDecryptedError) as exc:
        raise ReadError(path, f"is not a readable PDF file: {_message(exc)}") from exc
    if count == 0:
        raise ReadError(path, "is a PDF file without pages")
    for number in range(count):
        try:
            text = reader.pages[number].extract_text() or ""
        except Exception as exc:  # a damaged page should not stop the others
            warnings.append(f"page {number + 1}: no text could be extracted ({_message(exc)})")
            text = ""
        pages.append([nfc(line).rstrip() for line in split_lines(text)])
    return pages


def _message(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.casefold())


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines (as keys) that are the first or the last line of text (page numbers aside) of at
    least half the pages, and of two pages at least."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        texts = (squeeze(clean_line(line)) for line in page)
        filled = [text for text in texts if text and not is_page_furniture(text)]
        if filled:
            edges = {filled[0], filled[-1]}
            counts.update({_key(text) for text in edges if len(text) <= _LONGEST_FURNITURE})
    needed = max(2, math.ceil(len(pages) / 2))
    return {key for key, count in counts.items() if count >= needed}
