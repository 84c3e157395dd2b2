"""One file in, one ``PlanRecord`` out: read → rejoin → lay out → extract."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from loaders.agencies.resolve import UNRESOLVED, resolve_list, scan, to_mention
from loaders.agencies.structure import STRUCTURE_FLAG
from loaders.citations.find import find_references, merge_references
from loaders.extract.pages import stamp_pages, unread_table_warnings
from loaders.header import Header, province_of, read_header
from loaders.limits import Limits
from loaders.models import (
    AgencyMention,
    DocumentRef,
    Extracted,
    PlanRecord,
    Span,
    SuccessionStatement,
    TargetRecord,
    TaskRecord,
    Warning_,
)
from loaders.places import PROVINCE_REFORM, names_in, unit_for
from loaders.read import read_source
from loaders.sections import Layout, Section, split_layout
from loaders.source import SourceDocument, SourceTable
from loaders.spans import cell_as_paragraph, paragraph_span, paragraphs_span, row_span
from loaders.targets import budget_in, targets_in
from loaders.tasks.body import TaskContext, from_body
from loaders.tasks.tables import from_table
from loaders.text import Paragraph, clean_spaces, fold, paragraphs

_PERIOD = re.compile(r"(?:giai đoạn|năm|đến năm|thời kỳ)?\s*(?P<a>20\d\d)(?:\s*[-–]\s*(?P<b>20\d\d))?", re.I)
_NOW_IS = re.compile(r"\(\s*nay là\s+(?P<after>[^)]{3,120})\)", re.IGNORECASE)


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
    period = _period(title_paragraphs or doc_title, file)

    date = header.date.value if header.date else None
    year = header.year.value if header.year else None
    national = _national_issuer(header)
    province_name, province_span, province_flags = province_of(file, layout, header)
    if national:
        province_name, province_span, province_flags = None, None, []
    province_id, unit_flags = _unit(province_name, date, year, blocks)
    if province_name is None and not national:
        warnings.append(Warning_(code="province", message="no province found in the document"))

    on = date or (dt.date(year, 12, 31) if year else None)
    issuer = _issuer(file, header, layout, province_id, on)

    references = _references(file, layout, province_id, header)
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
        _task_details(file, task, province_id)
    targets = _plan_targets(file, layout, period)
    budgets = [
        b
        for part in _parts(layout.body, "kinh phi")
        for p in part.all_blocks()
        if isinstance(p, Paragraph) and (b := budget_in(file, p)) is not None
    ]
    successions = _successions(file, blocks, on)

    record = PlanRecord(
        source_file=str(source),
        source_name=file,
        source_sha256=hashlib.sha256(source.read_bytes()).hexdigest(),
        source_format=document.format,
        text_fingerprint=_fingerprint(doc_title, layout),
        source_text="\n".join(document.lines),
        doc_type=Extracted[str](
            value=layout.doc_type,
            span=paragraph_span(file, layout.doc_heading) if layout.doc_heading else _opening_span(file, blocks),
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
            or _opening_span(file, blocks),
            flags=province_flags + unit_flags,
        )
        if province_id
        else None,
        title=Extracted[str](value=_title_text(doc_title), span=paragraphs_span(file, doc_title))
        if doc_title
        else None,
        plan_title=Extracted[str](value=_title_text(title_paragraphs), span=paragraphs_span(file, title_paragraphs))
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


_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
FINGERPRINT_CHARS = 600


def _fingerprint(title: list[Paragraph], layout: Layout) -> str | None:
    """The title and the opening of the legal basis, folded and stripped to letters and
    digits (``FINGERPRINT_CHARS`` of them at most): line breaks, markup, spacing and tone-mark
    placement, which change with the format a document is saved in, do not change it."""
    opening = [p.text for p in title] + [b.text for b in layout.preamble if isinstance(b, Paragraph)]
    folded = _NOT_ALPHANUMERIC.sub("", fold(" ".join(opening)))
    return folded[:FINGERPRINT_CHARS] or None


def _opening_span(file: str, blocks: list[object]) -> Span:
    """The document's first paragraph, or the first row of its first table when it holds no
    running text (an annex exported on its own): what a value read from the whole document
    points at."""
    for block in blocks:
        if isinstance(block, Paragraph):
            return paragraphs_span(file, [block])
        if isinstance(block, SourceTable) and block.rows:
            return row_span(file, block.rows[0])
    return Span(file=file, start_line=1, end_line=1, quote="")


def _national_issuer(header: Header) -> bool:
    """A document of the Prime Minister, the Government or a ministry belongs to no province."""
    if not header.issuer_text:
        return False
    found = resolve_list(header.issuer_text)
    if not found or found[0].type_id is None:
        return False
    from ontology import catalogue

    entry = catalogue.agency_types().get(found[0].type_id)
    return entry is not None and entry.level == "national"


def _unique_keys(tasks: list[TaskRecord]) -> None:
    """Keys stay stable and unique: a repeated key gets the suffix -2, -3, ... in order."""
    seen: dict[str, int] = {}
    for task in tasks:
        count = seen.get(task.key, 0) + 1
        seen[task.key] = count
        if count > 1:
            task.key = f"{task.key}-{count}"


def _title_text(paragraphs_: list[Paragraph]) -> str:
    return clean_spaces(" ".join(p.text.strip("*_ ") for p in paragraphs_))


def _period(title: list[Paragraph], file: str) -> Extracted[str] | None:
    for paragraph in title:
        matches = list(_PERIOD.finditer(paragraph.text))
        for match in matches:
            context = paragraph.text[max(0, match.start() - 25) : match.start() + 2].lower()
            if "ngày" in context or "tháng" in context or "/" in paragraph.text[match.end() : match.end() + 1]:
                continue
            value = f"{match.group('a')}-{match.group('b')}" if match.group("b") else match.group("a")
            return Extracted[str](value=value, span=paragraph_span(file, paragraph, match.start(), match.end()))
    return None


def _unit(
    name: str | None, date: dt.date | None, year: int | None, blocks: list[object]
) -> tuple[str | None, list[str]]:
    if name is None:
        return None, []
    if date is not None:
        return unit_for(name, date), []
    if year is not None and year != PROVINCE_REFORM.year:
        return unit_for(name, dt.date(year, 1, 1)), ["provincial unit chosen by the year of the plan"]
    text = fold(" ".join(b.text for b in blocks if isinstance(b, Paragraph)))
    if re.search(r"(?:ubnd|uy ban nhan dan) (?:cac )?(?:cap )?huyen|\bcap huyen\b", text):
        return unit_for(name, PROVINCE_REFORM - dt.timedelta(days=1)), [
            "undated: provincial unit before 1 July 2025 inferred from district-level assignees"
        ]
    return unit_for(name, None), ["undated: current provincial unit assumed"]


def _issuer(
    file: str, header: Header, layout: Layout, province: str | None, on: dt.date | None
) -> AgencyMention | None:
    if header.issuer_text and header.issuer_span:
        pseudo = Paragraph(header.issuer_text, header.issuer_span.start_line, header.issuer_span.end_line)
        found = resolve_list(header.issuer_text)
        if found:
            return to_mention(file, pseudo, found[0], province=province, on=on)
    # no header: the committee that "xây dựng/ban hành Kế hoạch", or the signature block
    for block in layout.preamble:
        if isinstance(block, Paragraph) and re.search(r"(?:xây dựng|ban hành) Kế hoạch", block.text):
            found = [r for r in scan(block.text) if r.type_id == "type-ubnd-tinh"]
            if found:
                mention = to_mention(file, block, found[0], province=province, on=on)
                mention.flags.append("issuer read from the preamble")
                return mention
    if (header.capacity is not None and "ỦY BAN NHÂN DÂN" in header.capacity.value.upper()) or (
        header.capacity is not None and "CHỦ TỊCH" in header.capacity.value.upper()
    ):
        assert header.capacity is not None
        return AgencyMention(
            text="Ủy ban nhân dân tỉnh",
            type_id="type-ubnd-tinh",
            province=province,
            matched_label="signature: " + header.capacity.value,
            span=header.capacity.span,
            flags=["issuer inferred from the signature block"],
        )
    return None


def _references(file: str, layout: Layout, province: str | None, header: Header) -> list[DocumentRef]:
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


def _parts(root: Section, keyword: str) -> list[Section]:
    return [part for part in root.children if keyword in fold(part.title)]


_LEAD_IN_YEAR = re.compile(r"(?:đến|hết|trong|cuối)\s+(?:hết\s+)?năm\s+(?P<y>20\d\d)", re.IGNORECASE)


def _plan_targets(file: str, layout: Layout, period: Extracted[str] | None) -> list[TargetRecord]:
    targets: list[TargetRecord] = []
    period_end = int(period.value.split("-")[-1]) if period else None
    for part in _parts(layout.body, "muc tieu") + _parts(layout.body, "chi tieu"):
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


def _task_details(file: str, task: TaskRecord, province: str | None) -> None:
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


def _successions(file: str, blocks: list[object], on: dt.date | None) -> list[SuccessionStatement]:
    found: list[SuccessionStatement] = []
    for block in blocks:
        paragraphs_ = [block] if isinstance(block, Paragraph) else []
        if isinstance(block, SourceTable):
            paragraphs_ = [cell_as_paragraph(c) for r in block.rows for c in r.cells]
        for paragraph in paragraphs_:
            for match in _NOW_IS.finditer(paragraph.text):
                before_text = paragraph.text[: match.start()].rstrip()
                after_text = match.group("after").strip()
                statement = _province_succession(file, paragraph, before_text, after_text, match)
                if statement is None:
                    statement = _agency_succession(file, paragraph, before_text, after_text, match)
                if statement is not None:
                    found.append(statement)
    return found


def _province_succession(
    file: str, paragraph: Paragraph, before: str, after: str, match: object
) -> SuccessionStatement | None:
    before_names = names_in(before[-40:])
    after_names = names_in(after)
    if not before_names or not after_names or before_names[-1][1] < len(fold(before[-40:])) - 1:
        return None
    old, new = before_names[-1][2], after_names[0][2]
    return SuccessionStatement(
        before=old,
        after=new,
        kind="province",
        before_province=unit_for(old, PROVINCE_REFORM - dt.timedelta(days=1)),
        after_province=unit_for(new, PROVINCE_REFORM),
        span=paragraph_span(file, paragraph, max(0, match.start() - 40), match.end()),  # type: ignore[attr-defined]
    )


def _agency_succession(
    file: str, paragraph: Paragraph, before: str, after: str, match: object
) -> SuccessionStatement | None:
    mentions = [m for m in scan(before) if len(before) - m.end <= 2]
    targets = scan(after)
    if not mentions or not targets:
        return None
    old, new = mentions[-1], targets[0]
    return SuccessionStatement(
        before=old.text,
        after=new.text,
        kind="agency",
        before_type_id=old.type_id,
        after_type_id=new.type_id,
        span=paragraph_span(file, paragraph, old.start, match.end()),  # type: ignore[attr-defined]
    )
