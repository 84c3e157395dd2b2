"""Tables written one cell per line between ``|`` lines, as legal-document web sites export them.

Each row is written ``|`` cell ``|`` cell ... ``|``, a cell being one or more lines of text, and
the next row opens with its own ``|``; so a row end shows as two ``|`` lines in a row, and so
does an empty cell. A row that has fewer cells than the header (a group heading such as
"**I. NÂNG CAO NHẬN THỨC ...**", or a row whose other cells are merged with the row above) ends
early, and nothing in the text says so::

    |            <- opens the table and its first row
    **STT**
    |
    **Tên nhiệm vụ**
    |            <- closes the last cell of the header row
    |            <- opens the next row
    **I. NÂNG CAO NHẬN THỨC ...**
    |
    |
    1
    |

The text between two ``|`` lines is a *slot*. A slot is a cell, or, when empty, possibly the
gap between two rows. Which empty slots are row ends is decided for the whole table at once
(dynamic programming): every row must be followed by an empty slot (or the end of the table);
rows as wide as the header row cost nothing, a group heading (one cell, or a numeral and a
title) costs little, any other short row costs one per missing cell, a row starting with an
empty cell costs a little. The cheapest reading wins. The header row is the run of slots
before the first empty one.

Then: a group heading spans the table (``colspan``); a short row of a table numbered in its
first column gets the cells it lacks from the row above, marked ``repeated`` (a row without a
number continues the numbered row above; cells missing at its end are merged with the row
above). Rows with no text are dropped; rules ("-----") inside cells are dropped.

Where the table ends: at a blank line after a ``|``, or, in files without blank lines, where
a row is complete and text follows instead of the ``|`` of a next row. A slot of text in that
place followed by one more row is kept as a one-cell row (an elision line "….." between rows).
A table whose first cell is "Nơi nhận:" is the recipients/signature block of an official
document, which is always one row of two cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from loaders.formats.cleanup import is_rule
from loaders.formats.markdown.emphasis import strip_all
from loaders.source import SourceCell, SourceRow, SourceTable

PIPE = "|"

# the numbering of a row: 1, 1.2, 3., I, IV., a), b., đ
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,7}\.?|[a-zđ][.)]?)$", re.IGNORECASE)
_NUMBER_HEADERS = {"tt", "stt", "số tt", "số thứ tự"}
_RECIPIENTS = re.compile(r"^n[ơo]i nh[ậa]n\b", re.IGNORECASE)

_SHORT_HEADING_COST = 0.3
_SHORT_ROW_COST = 1.0
_MISSING_CELL_COST = 0.1
_EMPTY_FIRST_CELL_COST = 0.5
_EMPTY_ROW_COST = 1.0
_EXTRA_CELL_COST = 3.0


def is_pipe(line: str) -> bool:
    return line.strip() == PIPE


def is_row_number(text: str) -> bool:
    return bool(_ROW_NUMBER.match(text.strip()))


@dataclass
class _Slot:
    """The text between two ``|`` lines (0-based line indexes)."""

    lines: list[int]
    close: int  # index of the ``|`` line closing the slot
    text: str = ""
    bold: bool = False
    boundary: bool = False  # an inserted row end, not a slot of the source

    @property
    def empty(self) -> bool:
        return not self.text


@dataclass
class _Row:
    cells: list[SourceCell] = field(default_factory=list)
    heading: bool = False


def parse_pipe_table(lines: list[str], start: int) -> tuple[SourceTable | None, int]:
    """Read the table whose opening ``|`` is ``lines[start]`` (cleaned lines, 0-based).
    Returns the table (``None`` if it holds no text) and the index of the first line after it."""
    slots, last = _collect_slots(lines, start)
    if not slots:
        return None, last + 1
    for slot in slots:
        slot.text, slot.bold, _ = strip_all([lines[i] for i in slot.lines if not is_rule(lines[i])])
    if _RECIPIENTS.match(slots[0].text) and len(slots) > 2:
        slots = slots[:2]
        last = slots[-1].close
    columns = _header_width(slots)
    slots, last = _end_at_overflow(slots, columns, last)
    rows = _split_rows(slots, columns)
    rows = [row for row in rows if any(cell.text for cell in row.cells)]
    if not rows:
        return None, last + 1
    _complete_rows(rows, columns)
    source_rows = tuple(
        SourceRow(
            cells=tuple(row.cells),
            start_line=min(c.start_line for c in row.cells if not c.repeated),
            end_line=max(c.end_line for c in row.cells if not c.repeated),
        )
        for row in rows
    )
    return SourceTable(rows=source_rows, start_line=start + 1, end_line=last + 1), last + 1


def _collect_slots(lines: list[str], start: int) -> tuple[list[_Slot], int]:
    """Slots from the ``|`` at ``start`` to a blank line or the end of the file; the index of
    the last ``|`` read. Text after that last ``|`` is not part of the table."""
    slots: list[_Slot] = []
    pending: list[int] = []
    last = start
    for index in range(start + 1, len(lines)):
        stripped = lines[index].strip()
        if stripped == PIPE:
            slots.append(_Slot(lines=pending, close=index))
            pending = []
            last = index
        elif not stripped:
            break
        else:
            pending.append(index)
    return slots, last


def _header_width(slots: list[_Slot]) -> int:
    """Number of cells of the first row: the slots before the first empty one."""
    width = 0
    for slot in slots:
        if slot.empty:
            if width:
                break
            continue
        width += 1
    return max(width, 1)


def _end_at_overflow(slots: list[_Slot], columns: int, last: int) -> tuple[list[_Slot], int]:
    """Find a run of filled slots longer than a row: text written after a complete row where
    the next row's ``|`` should be. If one more row follows that text, the text is a one-cell
    row (marked off by inserted row ends); otherwise the table ends with the complete row."""
    out: list[_Slot] = []
    run = 0
    index = 0
    while index < len(slots):
        slot = slots[index]
        if slot.empty:
            run = 0
            out.append(slot)
            index += 1
            continue
        if run < columns:
            run += 1
            out.append(slot)
            index += 1
            continue
        # slot is filled and the row before it is complete: it is not a cell of that row
        following = _filled_run(slots, index + 1)
        if 1 <= following <= columns and is_row_number(slots[index + 1].text):
            out.extend([_boundary(slot), slot, _boundary(slot)])
            run = 0
            index += 1
            continue
        return out, out[-1].close
    return out, last


def _filled_run(slots: list[_Slot], index: int) -> int:
    count = 0
    while index + count < len(slots) and not slots[index + count].empty:
        count += 1
    return count


def _boundary(slot: _Slot) -> _Slot:
    return _Slot(lines=[], close=slot.close, boundary=True)


def _row_cost(cells: list[_Slot], columns: int) -> float:
    width = len(cells)
    filled = [cell for cell in cells if not cell.empty]
    if not filled:
        return _EMPTY_ROW_COST
    cost = 0.0
    if width < columns:
        if _is_heading(cells):
            cost += _SHORT_HEADING_COST
        else:
            cost += _SHORT_ROW_COST + _MISSING_CELL_COST * (columns - width)
    elif width > columns:
        cost += _EXTRA_CELL_COST * (width - columns)
    if cells[0].empty:
        cost += _EMPTY_FIRST_CELL_COST
    return cost


def _is_heading(cells: list[_Slot]) -> bool:
    if any(cell.empty for cell in cells):
        return False
    if len(cells) == 1:
        return True
    return len(cells) == 2 and is_row_number(cells[0].text)


def _split_rows(slots: list[_Slot], columns: int) -> list[_Row]:
    """Cheapest division of the slots into rows, each followed by an empty slot."""
    count = len(slots)
    infinity = float("inf")
    best = [infinity] * (count + 1)
    choice = [0] * (count + 1)  # end (exclusive) of the row starting at i
    best[count] = 0.0
    widest = 2 * columns + 2
    for i in range(count - 1, -1, -1):
        if slots[i].boundary:
            best[i], choice[i] = best[i + 1], i
            continue
        ends = list(range(i + 1, min(count, i + widest) + 1))
        if ends[-1] != count:
            ends.append(count)  # the rest as one row: always possible, however dear
        for j in ends:
            if any(slot.boundary for slot in slots[i:j]):
                break
            if j == count:
                cost = _row_cost(slots[i:j], columns)
            elif slots[j].empty or slots[j].boundary:
                cost = _row_cost(slots[i:j], columns) + best[j + 1]
            else:
                continue
            if cost < best[i]:
                best[i], choice[i] = cost, j
    rows: list[_Row] = []
    i = 0
    while i < count:
        j = choice[i]
        if j == i:  # an inserted row end
            i += 1
            continue
        cells = slots[i:j]
        rows.append(_Row(cells=[_cell(slot) for slot in cells], heading=_is_heading(cells)))
        i = j + 1
    return rows


def _cell(slot: _Slot) -> SourceCell:
    if slot.lines:
        start, end = slot.lines[0] + 1, slot.lines[-1] + 1
    else:
        start = end = slot.close + 1
    return SourceCell(text=slot.text, start_line=start, end_line=end, bold=slot.bold)


def _complete_rows(rows: list[_Row], columns: int) -> None:
    numbered = _numbered_first_column(rows)
    above: _Row | None = None
    for index, row in enumerate(rows):
        if index == 0:  # the header row
            continue
        if row.heading and len(row.cells) < columns:
            last = row.cells[-1]
            row.cells[-1] = replace(last, colspan=columns - len(row.cells) + 1)
            above = None
            continue
        if len(row.cells) < columns and above is not None:
            cells = list(row.cells)
            if numbered and not is_row_number(cells[0].text):
                cells.insert(0, replace(above.cells[0], repeated=True))
            cells.extend(replace(cell, repeated=True) for cell in above.cells[len(cells) : columns])
            row.cells = cells
        above = row if len(row.cells) >= columns else above


def _numbered_first_column(rows: list[_Row]) -> bool:
    first = rows[0].cells[0].text.strip().lower()
    if first in _NUMBER_HEADERS:
        return True
    numbered = sum(1 for row in rows[1:] if is_row_number(row.cells[0].text))
    return numbered > len(rows[1:]) / 2
