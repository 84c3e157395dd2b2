"""Task tables (Phụ lục): one row a task; the header row says which column holds what; a
header repeated on every page is skipped; group rows (``I. Nhóm nhiệm vụ ...``) give the task
codes their prefix, so numbering that restarts in each part keeps its rows apart; a row broken
across a page continues its task; a cell like ``Sở A; Sở B chủ trì. Các đơn vị liên quan phối
hợp`` holds two leads and the coordinators; an indicator table (``TT | Chỉ tiêu | Chủ trì``)
gives each indicator as the task of the body responsible for it.
"""

from __future__ import annotations

import re

from loaders.agencies.resolve import resolve_list
from loaders.models import AgencyMention, Extracted, TaskRecord
from loaders.source import SourceCell, SourceRow, SourceTable
from loaders.spans import cell_as_paragraph, cell_span, row_span
from loaders.tasks.context import TaskContext, dedupe_mentions, names_same_type
from loaders.tasks.roles import roles_in, split_lead_cell
from loaders.text import clean_spaces, fold

_COLUMNS = {
    "code": ("stt", "tt", "so tt"),
    "task": (
        "ten nhiem vu",
        "nhiem vu",
        "noi dung",
        "ten de an",
        "nhiem vu, giai phap",
        "hoat dong",
    ),
    "target": ("muc tieu", "chi tieu"),
    "product": ("san pham", "ket qua", "hinh thuc van ban"),
    "lead_and_coordinating": (
        "chu tri/ don vi phoi hop",
        "chu tri/don vi phoi hop",
        "chu tri/phoi hop",
    ),
    "lead": ("chu tri", "co quan thuc hien", "don vi thuc hien", "co quan, don vi thuc hien"),
    "coordinating": ("phoi hop",),
    "funding": ("kinh phi", "nguon kinh phi", "nguon von"),
    "timeframe": ("thoi gian", "tien do", "thoi han"),
}


def _classify_header(cells: tuple[SourceCell, ...]) -> dict[int, str] | None:
    mapping: dict[int, str] = {}
    for index, cell in enumerate(cells):
        key = fold(cell.text).strip(" .:*")
        if not key:
            continue
        kind = None
        if "chu tri" in key and "phoi hop" in key:
            kind = "lead_and_coordinating"
        else:
            for name, words in _COLUMNS.items():
                if name == "lead_and_coordinating":
                    continue
                if any(key == w or key.startswith(w + " ") or f" {w}" in f" {key}" for w in words):
                    kind = name
                    break
        if kind and kind not in mapping.values():
            mapping[index] = kind
    kinds = set(mapping.values())
    if "task" not in kinds and "target" in kinds:
        # an indicator table ("TT | Chỉ tiêu | Chủ trì"): each indicator is the task of its lead
        mapping = {index: ("task" if kind == "target" else kind) for index, kind in mapping.items()}
        mapping[-1] = "indicator"
        kinds = set(mapping.values())
    if "task" in kinds and ({"lead", "lead_and_coordinating"} & kinds):
        return mapping
    return None


_ROMAN_CODE = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})\.?$")


def from_table(table: SourceTable, ctx: TaskContext, key_prefix: str) -> int:
    """Tasks of a task table; returns how many were read (0 if it is not a task table)."""
    header_index = None
    mapping: dict[int, str] | None = None
    for index, row in enumerate(table.rows[:4]):
        mapping = _classify_header(row.cells)
        if mapping:
            header_index = index
            break
    if mapping is None or header_index is None:
        return 0
    header_key = [fold(c.text) for c in table.rows[header_index].cells]
    group_code: str | None = None
    group_title: str | None = None
    count = 0
    last: TaskRecord | None = None  # the task the previous row read, for rows that continue it
    for row in table.rows[header_index + 1 :]:
        cells = row.cells
        if [fold(c.text) for c in cells] == header_key or _is_numbering_row(cells):
            continue
        filled = [c for c in cells if c.text.strip()]
        if not filled:
            continue
        code_cell = _cell(cells, mapping, "code")
        code = code_cell.text.strip(" .*") if code_cell is not None else ""
        task_cell = _cell(cells, mapping, "task")
        if last is not None and not code and _continues_row(last, row, cells, mapping, ctx):
            continue
        lead_present = any(
            _cell(cells, mapping, k) is not None and _cell(cells, mapping, k).text.strip()  # type: ignore[union-attr]
            for k in ("lead", "lead_and_coordinating")
        )
        if len(filled) == 1 or (_ROMAN_CODE.match(code) and not lead_present):
            title = filled[-1].text if len(filled) > 1 else filled[0].text
            match = re.match(r"^\s*((?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))[.\s]+(.*)$", title)
            if _ROMAN_CODE.match(code):
                group_code, group_title = code.rstrip("."), title
            elif match:
                group_code, group_title = match.group(1), match.group(2)
            else:
                group_title = title
            continue
        if task_cell is None or not task_cell.text.strip():
            continue
        if _task_from_row(row, cells, mapping, code, group_code, group_title, ctx, key_prefix):
            count += 1
            last = ctx.tasks[-1]
        else:
            last = None
    return count


def _continues_row(
    last: TaskRecord, row: SourceRow, cells: tuple[SourceCell, ...], mapping: dict[int, str], ctx: TaskContext
) -> bool:
    """A row without a number that goes on with the previous task, as a row broken across
    a page does: its task text continues a sentence (a lower-case start), or it only adds to
    the lead or coordination cells."""
    task_cell = _cell(cells, mapping, "task")
    task_text = task_cell.text.strip() if task_cell is not None else ""
    if task_text and not task_text[:1].islower():
        return False
    if task_text and re.match(r"^(?:[IVX]+|\d+)[.)\s]", task_text):
        return False
    leads: list[AgencyMention] = []
    coordinators: list[AgencyMention] = []
    for kind in ("lead", "lead_and_coordinating"):
        cell = _cell(cells, mapping, kind)
        if cell is not None and cell.text.strip() and not cell.repeated:
            paragraph = cell_as_paragraph(cell)
            lead_r, coord_r, _ = split_lead_cell(paragraph.text)
            leads += [ctx.mention(paragraph, r) for r in lead_r]
            coordinators += [ctx.mention(paragraph, r) for r in coord_r]
    coord_cell = _cell(cells, mapping, "coordinating")
    if coord_cell is not None and coord_cell.text.strip() and not coord_cell.repeated:
        paragraph = cell_as_paragraph(coord_cell)
        coordinators += [ctx.mention(paragraph, r) for r in resolve_list(paragraph.text)]
    if not task_text and not leads and not coordinators:
        return False
    if task_text:
        last.text = clean_spaces(f"{last.text} {task_text}")
    last.leads = dedupe_mentions([*last.leads, *leads])
    last.coordinators = dedupe_mentions(
        [c for c in [*last.coordinators, *coordinators] if not names_same_type(c, last.leads)]
    )
    last.span = last.span.model_copy(
        update={"end_line": max(last.span.end_line, row.end_line), "quote": last.span.quote}
    )
    return True


def _is_numbering_row(cells: tuple[SourceCell, ...]) -> bool:
    """A row "(1) (2) (3) ..." under the header."""
    texts = [c.text.strip() for c in cells if c.text.strip()]
    return len(texts) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?", t) for t in texts)


def _cell(cells: tuple[SourceCell, ...], mapping: dict[int, str], kind: str) -> SourceCell | None:
    for index, name in mapping.items():
        if name == kind and index < len(cells):
            return cells[index]
    return None


def _task_from_row(
    row: SourceRow,
    cells: tuple[SourceCell, ...],
    mapping: dict[int, str],
    code: str,
    group_code: str | None,
    group_title: str | None,
    ctx: TaskContext,
    key_prefix: str,
) -> bool:
    task_cell = _cell(cells, mapping, "task")
    assert task_cell is not None
    full_code = f"{group_code}.{code}" if group_code and code else (code or None)
    leads: list[AgencyMention] = []
    coordinators: list[AgencyMention] = []
    combined = _cell(cells, mapping, "lead_and_coordinating")
    if combined is not None and combined.text.strip():
        paragraph = cell_as_paragraph(combined)
        lead_r, coord_r, _ = split_lead_cell(paragraph.text)
        leads = [ctx.mention(paragraph, r) for r in lead_r]
        coordinators = [ctx.mention(paragraph, r) for r in coord_r]
    lead_cell = _cell(cells, mapping, "lead")
    if lead_cell is not None and lead_cell.text.strip():
        paragraph = cell_as_paragraph(lead_cell)
        lead_r, coord_r, _ = split_lead_cell(paragraph.text)
        leads += [ctx.mention(paragraph, r) for r in lead_r]
        coordinators += [ctx.mention(paragraph, r) for r in coord_r]
    coord_cell = _cell(cells, mapping, "coordinating")
    if coord_cell is not None and coord_cell.text.strip():
        paragraph = cell_as_paragraph(coord_cell)
        coordinators += [ctx.mention(paragraph, r) for r in resolve_list(paragraph.text)]
    if not leads:
        return False

    def extracted(kind: str) -> Extracted[str] | None:
        cell = _cell(cells, mapping, kind)
        if cell is None or not cell.text.strip():
            return None
        return Extracted[str](value=clean_spaces(cell.text), span=cell_span(ctx.file, cell))

    task_paragraph = cell_as_paragraph(task_cell)
    roles = roles_in(task_paragraph.text)
    ctx.tasks.append(
        TaskRecord(
            key=f"{key_prefix}.{full_code or row.start_line}",
            code=full_code,
            origin="annex",
            heading=clean_spaces(group_title) if group_title else None,
            text=task_paragraph.text,
            leads=dedupe_mentions(leads),
            coordinators=dedupe_mentions([c for c in coordinators if not names_same_type(c, leads)]),
            advises=roles.advises,
            monitoring=roles.monitoring,
            product=extracted("product"),
            funding=extracted("funding"),
            timeframe=extracted("timeframe"),
            target_text=extracted("task" if "indicator" in mapping.values() else "target"),
            span=row_span(ctx.file, row),
        )
    )
    return True
