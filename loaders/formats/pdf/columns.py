"""Tables drawn without ruling lines: found from the gutters between their columns.

Hand-written beside pdfplumber's ``text`` table strategy for a measured reason: on the Hà
Tĩnh annex printed without borders, that strategy took every aligned word edge of the page for
a column edge and returned 96 "rows" of word fragments ("D | anh | mục c | ác nhiệm"), and on
pages of running text it finds columns in justified paragraphs.

Here the words of a page (pdfplumber's ``extract_words``) are grouped into lines, and each line
into segments where two words stand further apart than a gutter (1.2 times the height of the
words). A line of three segments or more opens a table; the lines after it belong to it while
their segments stay inside its columns, a row title that runs over several columns
(``I  Nhóm nhiệm vụ ...``) included. A line with one segment reaching across two gutters or
more (a paragraph) closes it. Columns are the spans between the gutters that the table's
lines of three segments or more all leave empty. A table needs three lines and three columns.
Each line is a row, each segment goes to the column it starts in (with a ``colspan`` when it
reaches over more); ``layout`` joins the lines of a cell of several lines into one row.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Any

from loaders.formats.cleanup import nfc, squeeze
from loaders.formats.pages import PageCell

_GUTTER = 1.2  # times the height of the words
_MIN_LINES = 3
_MIN_COLUMNS = 3


@dataclass(frozen=True)
class Segment:
    text: str
    x0: float
    x1: float


@dataclass(frozen=True)
class Line:
    top: float
    bottom: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class ColumnTable:
    rows: tuple[tuple[PageCell, ...], ...]
    bbox: tuple[float, float, float, float]


def _lines(words: list[dict[str, Any]]) -> list[Line]:
    if not words:
        return []
    height = median(float(w["bottom"]) - float(w["top"]) for w in words)
    gutter = _GUTTER * height
    ordered = sorted(words, key=lambda w: (round(float(w["top"]) / max(height / 2, 1)), float(w["x0"])))
    groups: list[list[dict[str, Any]]] = []
    for word in ordered:
        if groups and abs(float(word["top"]) - float(groups[-1][0]["top"])) <= height / 2:
            groups[-1].append(word)
        else:
            groups.append([word])
    lines = []
    for group in groups:
        group.sort(key=lambda w: float(w["x0"]))
        segments: list[list[dict[str, Any]]] = [[group[0]]]
        for word in group[1:]:
            if float(word["x0"]) - float(segments[-1][-1]["x1"]) >= gutter:
                segments.append([word])
            else:
                segments[-1].append(word)
        lines.append(
            Line(
                top=min(float(w["top"]) for w in group),
                bottom=max(float(w["bottom"]) for w in group),
                segments=tuple(
                    Segment(
                        text=squeeze(nfc(" ".join(str(w["text"]) for w in seg))),
                        x0=float(seg[0]["x0"]),
                        x1=float(seg[-1]["x1"]),
                    )
                    for seg in segments
                ),
            )
        )
    return lines


def _gutters(lines: list[Line]) -> list[tuple[float, float]]:
    """The x-ranges all columnar lines leave empty, between their leftmost and rightmost ink."""
    columnar = [line for line in lines if len(line.segments) >= _MIN_COLUMNS]
    if not columnar:
        return []
    covered = sorted((s.x0, s.x1) for line in columnar for s in line.segments)
    gaps = []
    reach = covered[0][1]
    for x0, x1 in covered[1:]:
        if x0 > reach:
            gaps.append((reach, x0))
        reach = max(reach, x1)
    return gaps


def _crossed(segment: Segment, gutters: list[tuple[float, float]]) -> int:
    return sum(1 for a, b in gutters if segment.x0 < a and segment.x1 > b)


def _fits(line: Line, gutters: list[tuple[float, float]]) -> bool:
    """False for a paragraph: one segment across the columns."""
    return not (len(line.segments) == 1 and _crossed(line.segments[0], gutters) >= 2)


def find_column_tables(words: list[dict[str, Any]]) -> list[ColumnTable]:
    lines = _lines(words)
    tables: list[ColumnTable] = []
    index = 0
    while index < len(lines):
        if len(lines[index].segments) < _MIN_COLUMNS:
            index += 1
            continue
        run = [lines[index]]
        gutters = _gutters(run)
        end = index + 1
        while end < len(lines) and _fits(lines[end], gutters):
            trial = _gutters([*run, lines[end]])
            if len(trial) + 1 < _MIN_COLUMNS:
                break
            run.append(lines[end])
            gutters = trial
            end += 1
        if len(run) >= _MIN_LINES and len(gutters) + 1 >= _MIN_COLUMNS:
            tables.append(_table(run, gutters))
            index = end
        else:
            index += 1
    return tables


def _table(lines: list[Line], gutters: list[tuple[float, float]]) -> ColumnTable:
    edges = [(a + b) / 2 for a, b in gutters]
    columns = len(edges) + 1

    def column_of(x: float) -> int:
        return sum(1 for edge in edges if x > edge)

    rows = []
    for line in lines:
        cells: list[PageCell] = []
        position = 0
        for segment in line.segments:
            first, last = column_of(segment.x0), column_of(segment.x1)
            while position < first:
                cells.append(PageCell(text=""))
                position += 1
            if position > first:  # two segments in one column: one cell
                previous = cells[-1]
                cells[-1] = PageCell(text=squeeze(f"{previous.text} {segment.text}"), colspan=previous.colspan)
                continue
            span = max(last - first + 1, 1)
            cells.append(PageCell(text=segment.text, colspan=span))
            position += span
        while position < columns:
            cells.append(PageCell(text=""))
            position += 1
        rows.append(tuple(cells))
    x0 = min(s.x0 for line in lines for s in line.segments)
    x1 = max(s.x1 for line in lines for s in line.segments)
    return ColumnTable(rows=tuple(rows), bbox=(x0, lines[0].top, x1, lines[-1].bottom))
