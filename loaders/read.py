"""Reading a document file into a ``SourceDocument``, whatever its format.

``read_source`` chooses the reader by the file's extension:

- ``.txt`` plain text (a PDF's text layer), or Markdown when the text is Markdown exported by a
  legal-document web site (``|`` table lines, ``**`` bold markers);
- ``.md`` / ``.markdown`` Markdown;
- ``.html`` / ``.htm`` HTML;
- ``.docx`` Word;
- ``.doc`` Word 97-2003, ``.rtf``, ``.odt``: converted to Word by LibreOffice, then read as Word;
- ``.pdf`` PDF: its text layer with its tables; a page without text is read by OCR;
- ``.png``, ``.jpg``/``.jpeg``, ``.tif``/``.tiff``: page images, read by OCR (Tesseract).

Text files are decoded from UTF-8 (with or without a byte-order mark), UTF-16/32 with a
byte-order mark, or the legacy Vietnamese encodings Windows-1258 and TCVN3 (with a warning).
All text is NFC. Anything that cannot be read raises ``ReadError`` naming the file and why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from loaders.formats.cleanup import nfc, split_lines
from loaders.formats.docx import read_docx
from loaders.formats.encoding import decode_text
from loaders.formats.html import declared_charset, html_items
from loaders.formats.images import read_image
from loaders.formats.markdown.reader import looks_like_markdown, markdown_items
from loaders.formats.office import read_converted
from loaders.formats.pdf.reader import read_pdf
from loaders.formats.plaintext import plaintext_items
from loaders.source import ReadError, SourceDocument, SourceFormat, SourceItem

__all__ = ["SUPPORTED_EXTENSIONS", "ReadError", "read_source"]


def _read_txt(path: Path) -> SourceDocument:
    text, encoding, warnings = _decode(path)
    lines = split_lines(text)
    if looks_like_markdown(lines):
        return _document(path, "md", markdown_items(lines), encoding, lines, warnings)
    return _document(path, "txt", plaintext_items(lines), encoding, lines, warnings)


def _read_md(path: Path) -> SourceDocument:
    text, encoding, warnings = _decode(path)
    lines = split_lines(text)
    return _document(path, "md", markdown_items(lines), encoding, lines, warnings)


def _read_html(path: Path) -> SourceDocument:
    data = path.read_bytes()
    decoded = decode_text(data, path, declared=declared_charset(data))
    text = nfc(decoded.text)
    _require_text(path, text)
    lines = split_lines(text)
    return _document(path, "html", html_items(text), decoded.encoding, lines, decoded.warnings)


_READERS: dict[str, Callable[[Path], SourceDocument]] = {
    ".txt": _read_txt,
    ".md": _read_md,
    ".markdown": _read_md,
    ".html": _read_html,
    ".htm": _read_html,
    ".docx": read_docx,
    ".doc": lambda path: read_converted(path, "doc"),
    ".rtf": lambda path: read_converted(path, "rtf"),
    ".odt": lambda path: read_converted(path, "odt"),
    ".pdf": read_pdf,
    ".png": read_image,
    ".jpg": read_image,
    ".jpeg": read_image,
    ".tif": read_image,
    ".tiff": read_image,
}

SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(_READERS)


def read_source(path: Path | str) -> SourceDocument:
    """Read one document file. Raises ``ReadError`` (file name and reason) when it cannot."""
    path = Path(path)
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        kind = f"'{suffix}' files" if suffix else "files without an extension"
        raise ReadError(path, f"{kind} are not supported; supported extensions: {', '.join(SUPPORTED_EXTENSIONS)}")
    if not path.exists():
        raise ReadError(path, "does not exist")
    if not path.is_file():
        raise ReadError(path, "is not a file")
    if path.stat().st_size == 0:
        raise ReadError(path, "is empty (0 bytes)")
    document = reader(path)
    if not document.items:
        raise ReadError(path, "holds no text once page numbers and markup are left out")
    return document


def _decode(path: Path) -> tuple[str, str, list[str]]:
    decoded = decode_text(path.read_bytes(), path)
    text = nfc(decoded.text)
    _require_text(path, text)
    return text, decoded.encoding, decoded.warnings


def _require_text(path: Path, text: str) -> None:
    if not text.strip():
        raise ReadError(path, "is empty (it holds only white space)")


def _document(
    path: Path, fmt: SourceFormat, items: list[SourceItem], encoding: str, lines: list[str], warnings: list[str]
) -> SourceDocument:
    return SourceDocument(path=path, format=fmt, items=items, encoding=encoding, lines=lines, warnings=list(warnings))
