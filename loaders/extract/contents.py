"""What a plan's body holds beyond its tasks: the documents it refers to (by region: the
title and the legal basis set a relation, the body only cites), its numeric targets (with the
year a lead-in sentence gives them), and the references and targets inside each task."""

from __future__ import annotations

import re

from loaders.citations.find import find_references, merge_references
from loaders.header import Header
from loaders.models import DocumentRef, Extracted, TargetRecord, TaskRecord
from loaders.sections import Layout, Section
from loaders.targets import targets_in
from loaders.text import Paragraph, fold


def references_of(file: str, layout: Layout, province: str | None, header: Header) -> list[DocumentRef]:
    """Every document the plan refers to, once each, leaving out its own number."""
    own = [header.number.value] if header.number else []
    refs: list[DocumentRef] = []
    # (paragraphs, whether a clause's opening words set the relation: only in the title and
    # the legal basis; the body's "Thực hiện theo Luật ..." is a citation)
    regions: list[tuple[list[Paragraph], bool]] = []
    if layout.decision is not None:
        regions.append((layout.decision.title, False))
        regions.append(([b for b in layout.decision.preamble if isinstance(b, Paragraph)], True))
        regions.append(([b for b in layout.decision.body.all_blocks() if isinstance(b, Paragraph)], False))
    regions.append((layout.title, True))
    regions.append(([b for b in layout.preamble if isinstance(b, Paragraph)], True))
    regions.append(([b for b in layout.body.all_blocks() if isinstance(b, Paragraph)], False))
    for region, clause_relations in regions:
        for paragraph in region:
            refs.extend(
                find_references(
                    file,
                    paragraph,
                    province=province,
                    own_numbers=own,
                    clause_relations=clause_relations,
                )
            )
    return merge_references(refs)


def parts_about(root: Section, keyword: str) -> list[Section]:
    """The top-level parts whose folded title holds ``keyword`` (``"kinh phi"``, ``"muc tieu"``)."""
    return [part for part in root.children if keyword in fold(part.title)]


_LEAD_IN_YEAR = re.compile(r"(?:đến|hết|trong|cuối)\s+(?:hết\s+)?năm\s+(?P<y>20\d\d)", re.IGNORECASE)


def plan_targets(file: str, layout: Layout, period: Extracted[str] | None) -> list[TargetRecord]:
    """The numeric targets of the plan's objectives parts, each due by the end of its period
    unless a lead-in sentence (``Đến năm 2025:``) gives another year."""
    targets: list[TargetRecord] = []
    period_end = int(period.value.split("-")[-1]) if period else None
    for part in parts_about(layout.body, "muc tieu") + parts_about(layout.body, "chi tieu"):
        default_year = period_end
        origin = "the plan's period"
        for block in part.all_blocks():
            if not isinstance(block, Paragraph):
                continue
            lead_in = _LEAD_IN_YEAR.search(block.text)
            if lead_in and block.text.rstrip().endswith(":"):
                default_year = int(lead_in.group("y"))
                origin = "the lead-in sentence"
                continue
            targets.extend(targets_in(file, block, default_year=default_year, default_year_origin=origin))
    return targets


def task_details(file: str, task: TaskRecord, province: str | None) -> None:
    """References and numeric targets inside a task's own text and cells."""
    pseudo = Paragraph(task.text, task.span.start_line, task.span.end_line)
    task.references = [
        ref.model_copy(
            update={
                "relation": "cites",
                "span": task.span.model_copy(update={"quote": ref.span.quote}),
            }
        )
        for ref in merge_references(find_references(file, pseudo, province=province))
    ]
    for cell in (task.target_text, task.product):
        if cell is None:
            continue
        paragraph = Paragraph(cell.value, cell.span.start_line, cell.span.end_line)
        task.targets.extend(targets_in(file, paragraph))
