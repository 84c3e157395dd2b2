"""Cleaning a page image for OCR: straightening it, and finding the ruled tables on it.

Hand-written beside Tesseract and pdfplumber for measured reasons. Tesseract finds text lines
on a page tilted by a degree or two, but the word boxes it returns are then tilted too, and
a table's cells can no longer be told apart by position; Tesseract reports no table grid at
all. So:

- ``deskew`` estimates the tilt from the page's projection profile (the angle, within ±5°,
  at which rows of ink are sharpest, on a copy reduced to about 600 pixels wide) and rotates
  the page back when it is more than 0.2° off;
- ``find_tables`` takes long horizontal runs of dark pixels (a tenth of the page wide or
  more) and vertical ones that reach from one horizontal rule to another as the page's
  ruling lines, and hands them to pdfplumber's own table finder (``merge_edges``,
  ``edges_to_intersections``, ``intersections_to_cells``, ``cells_to_tables``), which builds
  the grid of cells as it does for the ruling lines of a PDF;
- ``erase`` paints those ruling lines white, so that Tesseract does not read them as ``|``
  or ``I`` nor join the text of neighbouring cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
from PIL import Image

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

_DARK = 150
_MAX_SKEW = 5.0
_MIN_SKEW = 0.2


# a ruling line as pdfplumber's table finder takes it (its own type: a dict of any values)
Edge = dict[str, Any]


@dataclass(frozen=True)
class Grid:
    tables: list[list[Box]]  # the cells of each table, in pixels of the cleaned page
    rules: list[dict[str, float]]  # the ruling lines found


def clean(image: Image.Image) -> Image.Image:
    """Grey, with the contrast stretched (a greyish scan gets black ink on white paper)."""
    from PIL import ImageOps

    return ImageOps.autocontrast(image.convert("L"), cutoff=1)


def deskew(image: Image.Image) -> tuple[Image.Image, float]:
    """The page turned straight, and the angle (degrees) it was turned by."""
    small = image.copy()
    small.thumbnail((600, 600 * image.height // max(image.width, 1)))
    ink = np.asarray(small) < _DARK
    if ink.mean() < 0.001:
        return image, 0.0
    best_angle, best_score = 0.0, -1.0
    for angle in np.arange(-_MAX_SKEW, _MAX_SKEW + 0.01, 0.25):
        mask = Image.fromarray(ink.astype(np.uint8) * 255)
        turned = np.asarray(mask.rotate(float(angle), resample=Image.Resampling.NEAREST))
        profile = (turned > 0).sum(axis=1).astype(np.float64)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score:
            best_angle, best_score = float(angle), score
    if abs(best_angle) < _MIN_SKEW:
        return image, 0.0
    straight = image.rotate(best_angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    return straight, best_angle


def _runs(ink: np.ndarray, minimum: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of each run of ``True`` along the rows at least ``minimum`` long."""
    padded = np.zeros((ink.shape[0], ink.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = ink
    change = np.diff(padded, axis=1)
    rows_s, starts = np.nonzero(change == 1)
    _, ends = np.nonzero(change == -1)
    keep = (ends - starts) >= minimum
    return list(zip(rows_s[keep].tolist(), starts[keep].tolist(), ends[keep].tolist(), strict=True))


def _bridged(ink: np.ndarray) -> np.ndarray:
    """Gaps of one or two pixels along the rows closed (a scanned rule is rarely unbroken)."""
    out = ink.copy()
    out[:, 1:] |= ink[:, :-1]
    out[:, :-1] |= ink[:, 1:]
    return out


def find_tables(image: Image.Image) -> Grid:
    ink = np.asarray(image) < _DARK
    height, width = ink.shape
    horizontal: list[Edge] = [
        {"x0": float(s), "x1": float(e), "top": float(r), "bottom": float(r + 1), "orientation": "h"}
        for r, s, e in _runs(_bridged(ink), max(40, width // 10))
    ]
    if len(horizontal) < 2:
        return Grid(tables=[], rules=[])
    horizontal = merge_edges(_edges(horizontal), 4, 4, 6, 6)
    vertical_runs = _runs(_bridged(ink.T), max(20, height // 120))
    tolerance = 6.0
    vertical: list[Edge] = []
    for column, start, end in vertical_runs:
        touches = [h for h in horizontal if h["x0"] - tolerance <= column <= h["x1"] + tolerance]
        top_ok = any(abs(h["top"] - start) <= tolerance for h in touches)
        bottom_ok = any(abs(h["top"] - end) <= tolerance for h in touches)
        if top_ok and bottom_ok:
            vertical.append(
                {
                    "x0": float(column),
                    "x1": float(column + 1),
                    "top": float(start),
                    "bottom": float(end),
                    "orientation": "v",
                }
            )
    if not vertical:
        return Grid(tables=[], rules=[])
    edges = merge_edges(_edges(horizontal) + _edges(vertical), 4, 4, 6, 6)
    intersections = edges_to_intersections(edges, 4, 4)
    cells = intersections_to_cells(intersections)
    tables = [table for table in cells_to_tables(cells) if len(table) >= 2]
    return Grid(tables=tables, rules=edges)


def _edges(edges: list[Edge]) -> list[Edge]:
    for edge in edges:
        edge["width"] = float(edge["x1"]) - float(edge["x0"])
        edge["height"] = float(edge["bottom"]) - float(edge["top"])
        edge["object_type"] = "line"
    return edges


def erase(image: Image.Image, grid: Grid, thickness: int = 4) -> Image.Image:
    """A copy of the page with the ruling lines of its tables painted white."""
    if not grid.tables:
        return image
    pixels = np.asarray(image).copy()
    for edge in grid.rules:
        x0, x1 = int(edge["x0"]) - thickness, int(edge["x1"]) + thickness
        top, bottom = int(edge["top"]) - thickness, int(edge["bottom"]) + thickness
        pixels[max(top, 0) : max(bottom, 0), max(x0, 0) : max(x1, 0)] = 255
    return Image.fromarray(pixels)
