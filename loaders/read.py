"""Reading a document file into a ``SourceDocument``, whatever its format: the one registry of
readers.

``read_source`` chooses the reader by the file's extension, in ``READERS`` below; each reader
lives in its own module of ``loaders.formats``. A new format is a module there and its line in
``READERS``: ``SUPPORTED_EXTENSIONS`` (and the ingest, which reads it) follow from the
registry. Text files are decoded from UTF-8 (with or without a byte-order mark), UTF-16/32
with a byte-order mark, or the legacy Vietnamese encodings Windows-1258 and TCVN3 (with a
warning). All text is NFC. Anything that cannot be read raises ``ReadError`` naming the file
and why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

from loaders.formats.docx import read_docx
from loaders.formats.html import read_html
from loaders.formats.images import read_image
from loaders.formats.markdown.reader import read_md
from loaders.formats.office import read_converted
from loaders.formats.pdf.reader import read_pdf
from loaders.formats.plaintext import read_txt
from loaders.source import ReadError, SourceDocument

__all__ = ["READERS", "SUPPORTED", "SUPPORTED_EXTENSIONS", "ReadError", "Reader", "read_source", "supported"]

Reader = Callable[[Path], SourceDocument]

READERS: Mapping[str, Reader] = MappingProxyType(
    {
        ".txt": read_txt,  # plain text (a PDF's text layer), or Markdown exported as .txt
        ".md": read_md,
        ".markdown": read_md,
        ".html": read_html,
        ".htm": read_html,
        ".docx": read_docx,
        # Word 97-2003, RTF and OpenDocument: converted to Word by LibreOffice, read as Word
        ".doc": lambda path: read_converted(path, "doc"),
        ".rtf": lambda path: read_converted(path, "rtf"),
        ".odt": lambda path: read_converted(path, "odt"),
        ".pdf": read_pdf,  # the text layer with its tables; a page without text is read by OCR
        ".png": read_image,  # page images, read by OCR (Tesseract)
        ".jpg": read_image,
        ".jpeg": read_image,
        ".tif": read_image,
        ".tiff": read_image,
    }
)

SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(READERS)
SUPPORTED: frozenset[str] = frozenset(READERS)


def supported(path: Path | str) -> bool:
    """Whether a reader takes the file, by its extension (in any case).

    >>> supported("ke-hoach.PDF"), supported("notes.xlsx"), supported("README")
    (True, False, False)
    """
    return Path(path).suffix.lower() in SUPPORTED


def read_source(path: Path | str) -> SourceDocument:
    """Read one document file. Raises ``ReadError`` (file name and reason) when it cannot."""
    path = Path(path)
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
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
