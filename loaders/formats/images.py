"""Page images (``.png``, ``.jpg``/``.jpeg``, ``.tif``/``.tiff``): a scan read by OCR.

Each image is one page; a TIFF of several frames is a document of several pages. The pages
are read by Tesseract (``ocr.tesseract``) and assembled as a PDF's pages are (``pages``). An image
Pillow cannot open raises ``ReadError``, and so does one on which OCR finds no text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from loaders.formats.ocr.tesseract import OcrEngine, ocr_summary
from loaders.formats.pages import assemble
from loaders.source import ReadError, SourceDocument

Image.MAX_IMAGE_PIXELS = 200_000_000  # an A0 poster at 300 dpi; beyond that Pillow refuses


def read_image(path: Path) -> SourceDocument:
    """A page image (each frame of a TIFF a page), read by OCR."""
    try:
        with Image.open(path) as opened:
            opened.verify()
        image = Image.open(path)
        frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ReadError(path, f"is not a readable image: {' '.join(str(exc).split())}") from exc
    engine = OcrEngine.for_file(path)
    pages = engine.read_pages([(number, _given(frame)) for number, frame in enumerate(frames, start=1)])
    assembled = assemble(list(pages))
    if not assembled.items:
        raise ReadError(path, f"OCR found no text in the image ({len(frames)} page(s))")
    document = SourceDocument(
        path=path,
        format="image",
        items=assembled.items,
        lines=assembled.lines,
        page_starts=assembled.page_starts,
        table_pages=[page for page, _ in assembled.tables_by_page],
    )
    document.ocr = ocr_summary(pages, assembled.line_confidence, len(frames), engine.name)
    document.warnings.append(document.ocr.warning())
    return document


def _given(frame: Image.Image) -> Callable[[], Image.Image]:
    """The page loader of a frame already in memory."""
    return lambda: frame
