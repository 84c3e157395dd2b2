"""One file in, one ``PlanRecord`` out: read → rejoin → lay out → extract.

The record is put together here, from the header (``loaders.header``), what the plan says of
itself (``identity``), its references and targets (``contents``), its tasks
(``loaders.tasks``), the renamings it states (``successions``), and, for a paged or scanned
source, the pages and OCR confidences on its spans (``pages``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from loaders.agencies.resolve import UNRESOLVED
from loaders.agencies.structure import STRUCTURE_FLAG
from loaders.extract.contents import parts_about, plan_targets, references_of, task_details
from loaders.extract.identity import (
    fingerprint,
    issuer_of,
    national_issuer,
    opening_span,
    period_of,
    provincial_unit,
    title_text,
)
from loaders.extract.pages import stamp_pages, unread_table_warnings
from loaders.extract.successions import successions_in
from loaders.header import province_of, read_header
from loaders.limits import Limits
from loaders.models import Extracted, PlanRecord, TaskRecord, Warning_
from loaders.read import read_source
from loaders.sections import split_layout
from loaders.source import SourceDocument, SourceTable
from loaders.spans import paragraph_span, paragraphs_span
from loaders.targets import budget_in
from loaders.tasks.body import from_body
from loaders.tasks.context import TaskContext
from loaders.tasks.tables import from_table
from loaders.text import Paragraph, paragraphs


def load_plan(path: Path | str, limits: Limits | None = None) -> PlanRecord:
    """Read and extract one document. Raises ``ReadError`` for unreadable input, and for a
    file beyond the ``limits`` (``loaders.limits``; the defaults when None)."""
    source = Path(path)
    bounds = limits if limits is not None else Limits()
    if source.is_file():
        bounds.check_size(source)
    document = read_source(source)
    bounds.check_text(document)
    return extract(document, source)


def extract(document: SourceDocument, source: Path) -> PlanRecord:
    file = source.name
    blocks = paragraphs(document)
    layout = split_layout(blocks)
    header = read_header(file, layout)
    warnings: list[Warning_] = [Warning_(code="reader", message=w) for w in document.warnings]

    title_paragraphs = layout.title
    decision_title = layout.decision.title if layout.decision is not None else []
    doc_title = decision_title or title_paragraphs
    period = period_of(title_paragraphs or doc_title, file)

    date = header.date.value if header.date else None
    year = header.year.value if header.year else None
    national = national_issuer(header)
    province_name, province_span, province_flags = province_of(file, layout, header)
    if national:
        province_name, province_span, province_flags = None, None, []
    province_id, unit_flags = provincial_unit(province_name, date, year, blocks)
    if province_name is None and not national:
        warnings.append(Warning_(code="province", message="no province found in the document"))

    on = date or (dt.date(year, 12, 31) if year else None)
    issuer = issuer_of(file, header, layout, province_id, on)

    references = references_of(file, layout, province_id, header)
    ctx = TaskContext(file=file, province=province_id, on=on)
    from_body(layout.body, ctx)
    annex_index = 0
    read_tables: list[SourceTable] = []
    for region in [layout.body.all_blocks(), *layout.annexes]:
        for block in region:
            if isinstance(block, SourceTable):
                annex_index += 1
                if from_table(block, ctx, key_prefix=f"table{annex_index}") > 0:
                    read_tables.append(block)
    tasks = ctx.tasks
    _unique_keys(tasks)
    for task in tasks:
        task_details(file, task, province_id)
    targets = plan_targets(file, layout, period)
    budgets = [
        b
        for part in parts_about(layout.body, "kinh phi")
        for p in part.all_blocks()
        if isinstance(p, Paragraph) and (b := budget_in(file, p)) is not None
    ]
    successions = successions_in(file, blocks, on)

    record = PlanRecord(
        source_file=str(source),
        source_name=file,
        source_sha256=hashlib.sha256(source.read_bytes()).hexdigest(),
        source_format=document.format,
        text_fingerprint=fingerprint(doc_title, layout),
        source_text="\n".join(document.lines),
        doc_type=Extracted[str](
            value=layout.doc_type,
            span=paragraph_span(file, layout.doc_heading) if layout.doc_heading else opening_span(file, blocks),
            flags=[] if layout.doc_heading else ["document type assumed: no heading found"],
        ),
        number=header.number,
        date=header.date,
        year=header.year or (Extracted[int](value=date.year, span=header.date.span) if header.date and date else None),
        place=header.place,
        issuer=issuer,
        province=Extracted[str](
            value=province_id,
            span=province_span
            or (paragraphs_span(file, title_paragraphs or doc_title) if title_paragraphs or doc_title else None)
            or opening_span(file, blocks),
            flags=province_flags + unit_flags,
        )
        if province_id
        else None,
        title=Extracted[str](value=title_text(doc_title), span=paragraphs_span(file, doc_title)) if doc_title else None,
        plan_title=Extracted[str](value=title_text(title_paragraphs), span=paragraphs_span(file, title_paragraphs))
        if layout.decision is not None and title_paragraphs
        else None,
        signer=header.signer,
        signing_capacity=header.capacity,
        is_draft=header.number_blank or header.date_blank,
        period=period,
        references=references,
        targets=targets,
        budgets=budgets,
        tasks=tasks,
        successions=successions,
        warnings=warnings,
    )
    for mention in record.agency_mentions():
        if STRUCTURE_FLAG in mention.flags:
            record.warnings.append(
                Warning_(
                    code="agency-by-head-noun",
                    message=(
                        f"agency not in the catalogue, typed by its head noun: '{mention.text}' ({mention.type_id})"
                    ),
                    span=mention.span,
                )
            )
        if UNRESOLVED in mention.flags:
            record.warnings.append(
                Warning_(
                    code="unresolved-agency",
                    message=f"agency not recognised, kept as written: '{mention.text}'",
                    span=mention.span,
                )
            )
    if not tasks:
        record.warnings.append(Warning_(code="no-tasks", message="no task with a lead agency found"))
    unread = [t for t in document.items if isinstance(t, SourceTable) and not any(t is r for r in read_tables)]
    record.warnings.extend(unread_table_warnings(document, unread))
    stamp_pages(record, document)
    return record


def _unique_keys(tasks: list[TaskRecord]) -> None:
    """Keys stay stable and unique: a repeated key gets the suffix -2, -3, ... in order."""
    seen: dict[str, int] = {}
    for task in tasks:
        count = seen.get(task.key, 0) + 1
        seen[task.key] = count
        if count > 1:
            task.key = f"{task.key}-{count}"
