"""OCR of page images with Tesseract and its Vietnamese model, through pytesseract.

pytesseract is chosen over ocrmypdf because the loaders need Tesseract's words with their
boxes and confidences (``image_to_data``) to rebuild lines and table cells, and a time-out per
page; ocrmypdf writes a searchable PDF, whose text layer would then have to be read back
without the confidences, and pulls in Ghostscript. Tesseract runs as its own process, one page
at a time on each core (``OMP_THREAD_LIMIT=1``, as many pages at once as there are cores, two
at most).

Each page is turned grey with its contrast stretched, straightened, and its ruling lines found
and erased (``grid``); the words Tesseract reads inside a table's cells make that cell's
text (a cell left empty that holds ink is read again on its own), the others make lines as
Tesseract groups them. The text read is kept as the
document's lines (page by page), each with its mean word confidence, so that a human can
check what was read against the page image, and every fact read from it carries the
confidence of the lines it stands on.

Settings (environment): ``POLICYKG_TESSERACT`` the Tesseract program (default ``tesseract``
on the ``PATH``), ``POLICYKG_OCR_TIMEOUT`` seconds allowed per page (default 180),
``POLICYKG_OCR_LANG`` the models (default ``vie``).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import tempfile
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pytesseract
from pdfplumber.table import Table
from PIL import Image

from loaders.formats.cleanup import nfc, squeeze
from loaders.formats.ocr.grid import Box, clean, deskew, erase, find_tables
from loaders.formats.pages import Page, PageLine, PageTable
from loaders.formats.pdf.layout import table_from_grid
from loaders.source import OcrSummary, ReadError

OCR_DPI = 300
DEFAULT_TIMEOUT = 180.0
_MIN_INK = 40  # dark pixels in a cell for it to hold something worth reading
_RULE_TRACE = re.compile(r"[_|]+")  # what is left of an erased ruling line, read as a word
_FRAME = 20  # white pixels around the ink of a cell read on its own
_LINE = 60  # about the height of a line of text at 300 dpi
INSTALL_HINT = "install it with: apt-get install tesseract-ocr tesseract-ocr-vie"


@dataclass
class OcrPage(Page):
    confidence: float | None = None
    skew: float = 0.0


@dataclass
class _Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int]

    @property
    def center(self) -> tuple[float, float]:
        return self.left + self.width / 2, self.top + self.height / 2


class OcrEngine:
    def __init__(self, path: Path, program: str, language: str, timeout: float, version: str) -> None:
        self.path = path
        self.program = program
        self.language = language
        self.timeout = timeout
        self.version = version

    @classmethod
    def for_file(cls, path: Path) -> OcrEngine:
        """The engine for reading ``path``; ``ReadError`` when Tesseract or its model is missing."""
        program = os.environ.get("POLICYKG_TESSERACT", "tesseract")
        language = os.environ.get("POLICYKG_OCR_LANG", "vie")
        timeout = float(os.environ.get("POLICYKG_OCR_TIMEOUT", DEFAULT_TIMEOUT))
        found = shutil.which(program)
        if found is None:
            raise ReadError(path, f"needs OCR, but the Tesseract program '{program}' was not found; {INSTALL_HINT}")
        pytesseract.pytesseract.tesseract_cmd = found
        try:
            version = str(pytesseract.get_tesseract_version())
            languages = set(pytesseract.get_languages(config=""))
        except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError) as exc:
            raise ReadError(path, f"needs OCR, but Tesseract ('{found}') does not run ({exc}); {INSTALL_HINT}") from exc
        missing = [name for name in language.split("+") if name not in languages]
        if missing:
            raise ReadError(
                path, f"needs OCR, but Tesseract has no '{'+'.join(missing)}' model installed; {INSTALL_HINT}"
            )
        return cls(path, found, language, timeout, version)

    @property
    def name(self) -> str:
        return f"tesseract {self.version} ({self.language})"

    def read_pages(self, pages: list[tuple[int, Callable[[], Image.Image]]]) -> list[OcrPage]:
        """OCR of each (page number, image loader); images are loaded one at a time, in order."""
        workers = max(1, min(2, os.cpu_count() or 1, len(pages)))
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one core per Tesseract, pages side by side
        with tempfile.TemporaryDirectory(prefix="policykg-ocr-") as work, ThreadPoolExecutor(workers) as pool:
            futures = []
            for number, load in pages:
                prepared = _prepare(load())
                image_path = Path(work) / f"page-{number}.png"
                prepared.image.save(image_path)
                futures.append((number, prepared, pool.submit(self._words, image_path, number)))
            return [
                _page(number, prepared, future.result(), self._cell_reader(prepared.image, number))
                for number, prepared, future in futures
            ]

    def _cell_reader(self, image: Image.Image, number: int) -> Callable[[Box], list[_Word]]:
        """Reads one cell on its own: Tesseract's page layout passes over a lone short mark
        in a cell (the "5" of a row number). Measured on such a cell: shown the whole cell,
        Tesseract read "=" (any page segmentation mode); shown the ink cropped with a white
        frame of 20 pixels, as one line (``--psm 7``), "5"."""

        def read(box: Box) -> list[_Word]:
            inset = 6
            x0, top, x1, bottom = (int(box[0]) + inset, int(box[1]) + inset, int(box[2]) - inset, int(box[3]) - inset)
            if x1 - x0 < 8 or bottom - top < 8:
                return []
            ink = np.asarray(image.crop((x0, top, x1, bottom))) < 128
            if int(ink.sum()) < _MIN_INK:
                return []
            ys, xs = np.nonzero(ink)
            left, upper = x0 + int(xs.min()), top + int(ys.min())
            crop = image.crop((left, upper, x0 + int(xs.max()) + 1, top + int(ys.max()) + 1))
            with tempfile.TemporaryDirectory(prefix="policykg-ocr-cell-") as work:
                path = Path(work) / "cell.png"
                framed = Image.new("L", (crop.width + 2 * _FRAME, crop.height + 2 * _FRAME), 255)
                framed.paste(crop, (_FRAME, _FRAME))
                framed.save(path)
                words = self._words(path, number, psm=7 if crop.height < 3 * _LINE else 6)
            return [replace(w, left=w.left + left - _FRAME, top=w.top + upper - _FRAME) for w in words]

        return read

    def _words(self, image_path: Path, number: int, psm: int = 3) -> list[_Word]:
        try:
            data = pytesseract.image_to_data(
                str(image_path),
                lang=self.language,
                config=f"--psm {psm}",
                output_type=pytesseract.Output.DICT,
                timeout=self.timeout,
            )
        except RuntimeError as exc:
            if "timeout" in str(exc).lower():
                raise ReadError(
                    self.path,
                    f"OCR of page {number} took longer than {self.timeout:g} s and was stopped "
                    "(POLICYKG_OCR_TIMEOUT sets the seconds allowed per page)",
                ) from exc
            raise ReadError(self.path, f"OCR of page {number} failed: {exc}") from exc
        except pytesseract.TesseractError as exc:
            raise ReadError(self.path, f"OCR of page {number} failed: {exc}") from exc
        words = []
        for index, text in enumerate(data["text"]):
            text = nfc(str(text)).strip()
            conf = float(data["conf"][index])
            if not text or conf < 0 or _RULE_TRACE.fullmatch(text) or _stray_mark(text):
                continue
            words.append(
                _Word(
                    text=text,
                    left=int(data["left"][index]),
                    top=int(data["top"][index]),
                    width=int(data["width"][index]),
                    height=int(data["height"][index]),
                    conf=conf,
                    line=(int(data["block_num"][index]), int(data["par_num"][index]), int(data["line_num"][index])),
                )
            )
        return words


@dataclass
class _Prepared:
    image: Image.Image
    tables: list[list[Box]]
    skew: float


def _prepare(image: Image.Image) -> _Prepared:
    page = clean(image)
    page, skew = deskew(page)
    grid = find_tables(page)
    return _Prepared(image=erase(page, grid), tables=grid.tables, skew=skew)


def _inside(box: Box, point: tuple[float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 1) if values else None


def _page(number: int, prepared: _Prepared, words: list[_Word], read_cell: Callable[[Box], list[_Word]]) -> OcrPage:
    page = OcrPage(number=number, skew=prepared.skew)
    free = list(words)
    for cells in prepared.tables:
        table = Table(None, cells)  # type: ignore[arg-type]  # only the grid of cells is used
        x0, top, x1, bottom = table.bbox
        inside = [w for w in free if _inside((x0, top, x1, bottom), w.center)]
        if not inside:
            continue
        free = [w for w in free if w not in inside]
        texts: list[list[str | None]] = []
        confidences: list[float | None] = []
        for row in table.rows:
            row_texts: list[str | None] = []
            row_words: list[_Word] = []
            for box in row.cells:
                if box is None:
                    row_texts.append(None)
                    continue
                in_cell = [w for w in inside if _inside(box, w.center)] or read_cell(box)
                row_words.extend(in_cell)
                row_texts.append(_text_in_reading_order(in_cell))
            texts.append(row_texts)
            confidences.append(_mean([w.conf for w in row_words]))
        built = table_from_grid(table, texts)
        if built is not None:
            kept = [c for c, values in zip(confidences, texts, strict=True) if any(v for v in values)]
            page.tables.append(PageTable(rows=built.rows, top=built.top, columns=built.columns, confidence=tuple(kept)))
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    for word in free:
        lines.setdefault(word.line, []).append(word)
    for line_words in lines.values():
        line_words.sort(key=lambda w: w.left)
        page.lines.append(
            PageLine(
                text=squeeze(" ".join(w.text for w in line_words)),
                top=float(min(w.top for w in line_words)),
                confidence=_mean([w.conf for w in line_words]),
                x0=float(line_words[0].left),
                x1=float(max(w.left + w.width for w in line_words)),
                first_word=float(line_words[0].width) * (len(line_words[0].text) + 1) / max(len(line_words[0].text), 1),
            )
        )
    page.confidence = _mean([w.conf for w in words])
    return page


def _stray_mark(text: str) -> bool:
    """A lone accent or modifier read as a word ("ˆ" beside a bold "I"): never a Vietnamese word."""
    return all(unicodedata.category(ch) in ("Sk", "Lm", "Mn") for ch in text)


def _text_in_reading_order(words: list[_Word]) -> str:
    """Words of one cell: grouped into lines by their height on the page, left to right."""
    if not words:
        return ""
    ordered = sorted(words, key=lambda w: w.center[1])
    height = statistics.median(w.height for w in ordered)
    lines: list[list[_Word]] = [[ordered[0]]]
    for word in ordered[1:]:
        if abs(word.center[1] - statistics.fmean(w.center[1] for w in lines[-1])) <= 0.5 * height:
            lines[-1].append(word)
        else:
            lines.append([word])
    return squeeze(" ".join(w.text for line in lines for w in sorted(line, key=lambda w: w.left)))


def ocr_summary(pages: list[OcrPage], line_confidence: dict[int, float], page_count: int, engine: str) -> OcrSummary:
    confidences = [p.confidence for p in pages if p.confidence is not None]
    return OcrSummary(
        engine=engine,
        pages=[p.number for p in pages],
        page_count=page_count,
        confidence=_mean(confidences),
        page_confidence={p.number: p.confidence for p in pages},
        line_confidence=line_confidence,
    )
