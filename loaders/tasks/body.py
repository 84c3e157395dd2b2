"""Tasks and their assignees, from the two ways plans state them.

1. Agency-headed sections (``V. Tổ chức thực hiện`` → ``1. Sở Công Thương`` → bullets): the
   heading names the lead; each bullet (or paragraph) is a task; ``phối hợp với`` names the
   coordinating agencies, ``báo cáo về`` the agency reported to. A bullet that opens with
   ``Phối hợp với Sở X`` makes Sở X the lead and the heading's agency a coordinator.
2. Task tables (Phụ lục): read in ``loaders.tasks.tables``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from loaders.agencies.resolve import Resolution, resolve_list
from loaders.models import AgencyMention, Extracted, TaskRecord
from loaders.sections import Section
from loaders.spans import paragraph_span, paragraphs_span
from loaders.tasks.context import TaskContext, dedupe_mentions, names_same_type
from loaders.tasks.roles import Roles, roles_in, starts_as_coordinator
from loaders.text import Paragraph, clean_spaces, fold

_NOT_TASK_PARTS = ("muc dich", "yeu cau", "muc tieu", "quan diem", "kinh phi", "che do bao cao")
_ROLE_PREFIX = re.compile(r"^\s*(?:Đề nghị|Giao|Yêu cầu)\s+", re.IGNORECASE)
_ROLE_ONLY = re.compile(r"^\s*(?:Đề nghị|Giao|Yêu cầu)\s*$", re.IGNORECASE)
_HEADING_TAIL = re.compile(
    r"^(?:[\s,;:.()]|và|các|có liên quan|liên quan|cấp tỉnh|tỉnh|thành phố|trên địa bàn|khác|"
    r"đoàn thể|trực thuộc|[Tt]ỉnh|chủ trì|phối hợp|thực hiện|theo chức năng|nhiệm vụ|được giao)*$",
    re.IGNORECASE,
)


def heading_assignees(title: str) -> tuple[list[Resolution], str] | None:
    """If a heading names agencies (and nothing else), their resolutions and any inline text
    after a colon: ``7. Các tổ chức xã hội ...: chủ động đề xuất, ...``."""
    head, _, inline = title.partition(":")
    if len(head) > 220 or _FIELD.match(title):
        return None
    shift = 0
    if _ROLE_ONLY.match(head) and inline.strip():
        # "6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh": the list follows the colon
        shift = len(head) + 1
        head, inline = inline, ""
    prefix = _ROLE_PREFIX.match(head)
    offset = prefix.end() if prefix else 0
    found = resolve_list(head[offset:])
    if not found:
        return None
    found = [replace(r, start=r.start + offset, end=r.end + offset) for r in found]
    if found[0].start - offset > 12:
        return None
    rest = head
    for item in reversed(found):
        rest = rest[: item.start] + rest[item.end :]
    if prefix:
        rest = rest[prefix.end() :] if rest.startswith(prefix.group(0)) else rest
    if not _HEADING_TAIL.match(rest):
        return None
    if shift:
        found = [replace(r, start=r.start + shift, end=r.end + shift) for r in found]
    return found, inline.strip()


# Parts whose items are the plan's tasks even where no agency is named for them:
# "III. Các nhiệm vụ chủ yếu", "II. NHIỆM VỤ, GIẢI PHÁP", "Nhiệm vụ trọng tâm", "III. NỘI DUNG".
_MEASURE_PARTS = ("nhiem vu", "giai phap")
_MEASURE_PART_START = ("noi dung",)


def from_body(root: Section, ctx: TaskContext) -> None:
    for part in root.children:
        title = fold(part.title)
        if any(word in title for word in _NOT_TASK_PARTS):
            continue
        measures = (
            any(word in title for word in _MEASURE_PARTS) or title.startswith(_MEASURE_PART_START)
        ) and "to chuc thuc hien" not in title
        _visit(part, ctx, key=part.marker, measures=measures)


_FIELD = re.compile(
    r"^(?P<name>(?:Cơ quan|Đơn vị|Cơ quan, đơn vị)\s+(?:chủ trì|thực hiện|phối hợp|"
    r"chủ trì thực hiện)|Thời gian(?: thực hiện| hoàn thành)?|Thời hạn(?: hoàn thành)?|Tiến độ|"
    r"Sản phẩm(?: dự kiến)?|Kết quả(?: dự kiến)?|Nội dung(?: thực hiện)?|Kinh phí(?: thực hiện)?)"
    r"\s*:\s*(?P<value>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def _fields(section: Section) -> dict[str, tuple[str, Paragraph, int]]:
    """Labelled items under a task heading: "- Cơ quan chủ trì: Bộ Công an." → field → (value,
    paragraph, offset of the value in the paragraph)."""
    found: dict[str, tuple[str, Paragraph, int]] = {}
    for child in section.children:
        if child.head is None:
            continue
        match = _FIELD.match(child.title)
        if not match:
            continue
        name = fold(match.group("name"))
        paragraphs = [b for b in child.all_blocks() if isinstance(b, Paragraph)]
        value = clean_spaces(" ".join([match.group("value")] + [p.text for p in paragraphs[1:]]))
        offset = child.head.text.find(match.group("value")[:20]) if match.group("value") else 0
        found.setdefault(name, (value, child.head, max(offset, 0)))
    return found


def _field_leads(value: str) -> list[Resolution]:
    """Every body of a lead field ("Cơ quan thực hiện: Sở KH&CN; Sở Tư pháp; Sở VHTTDL; Báo
    và Phát thanh, Truyền hình tỉnh"), but not those of a part that says they coordinate."""
    found: list[Resolution] = []
    for match in re.finditer(r"[^;.]+", value):
        part = fold(match.group(0))
        if "phoi hop" in part and "chu tri" not in part:
            continue
        found += [
            replace(r, start=r.start + match.start(), end=r.end + match.start()) for r in resolve_list(match.group(0))
        ]
    return found


def _field_task(section: Section, ctx: TaskContext, key: str) -> bool:
    """A task stated as a heading with labelled fields: "1. Tổ chức tuyên truyền ..." then
    "- Cơ quan chủ trì: ...", "- Cơ quan phối hợp: ...", "- Thời gian thực hiện: ..."."""
    fields = _fields(section)
    lead_field = next(
        (v for k, v in fields.items() if k.endswith(("chu tri", "thuc hien")) and k.startswith(("co quan", "don vi"))),
        None,
    )
    if lead_field is None or section.head is None:
        return False
    value, paragraph, _offset = lead_field
    roles = roles_in(value)
    lead_r = roles.leads or _field_leads(value)
    pseudo = Paragraph(value, paragraph.start_line, paragraph.end_line)
    leads = [ctx.mention(pseudo, r) for r in lead_r]
    coordinators: list[AgencyMention] = []
    coordinating = next((v for k, v in fields.items() if k.endswith("phoi hop")), None)
    if coordinating is not None:
        c_value, c_paragraph, _ = coordinating
        c_pseudo = Paragraph(c_value, c_paragraph.start_line, c_paragraph.end_line)
        coordinators = [ctx.mention(c_pseudo, r) for r in resolve_list(c_value)]
    if roles.leads:
        taken = {(r.start, r.end) for r in roles.leads}
        coordinators += [
            ctx.mention(pseudo, r) for r in resolve_list(value) if (r.start, r.end) not in taken and r.type_id
        ]
    if not leads:
        return False

    def field(*names: str) -> Extracted[str] | None:
        for name, (text, para, _) in fields.items():
            if name.startswith(names):
                return Extracted[str](value=text, span=paragraph_span(ctx.file, para))
        return None

    content = field("noi dung")
    text = section.title if content is None else f"{section.title}: {content.value}"
    blocks = [b for b in section.all_blocks() if isinstance(b, Paragraph)]
    ctx.tasks.append(
        TaskRecord(
            key=key,
            code=section.marker if section.kind in ("arabic", "letter") else None,
            origin="content",
            text=clean_spaces(text),
            leads=dedupe_mentions(leads),
            coordinators=dedupe_mentions([c for c in coordinators if not names_same_type(c, leads)]),
            advises=roles.advises,
            monitoring=roles.monitoring,
            timeframe=field("thoi gian", "thoi han", "tien do"),
            product=field("san pham", "ket qua"),
            funding=field("kinh phi"),
            span=paragraphs_span(ctx.file, blocks),
        )
    )
    return True


def _visit(section: Section, ctx: TaskContext, key: str, *, measures: bool = False, parent: str | None = None) -> None:
    if section.head is not None and _field_task(section, ctx, key):
        return
    assignees = heading_assignees(section.title) if section.head is not None else None
    if assignees is not None and measures and all(r.how == "structure" for r in assignees[0]):
        # in the tasks-and-measures part a heading such as "2. Trung tâm Điều hành thông minh"
        # names a subject; only a listed body heads a group of tasks there
        assignees = None
    if assignees is not None and (section.children or section.body or assignees[1]):
        _agency_section(section, assignees[0], assignees[1], ctx, key)
        return
    if not section.children and section.head is not None and assignees is None:
        if _sentence_task(section, ctx, key):
            return
        if measures:
            _measure_task(section, ctx, key, parent)
            return
    for index, child in enumerate(section.children, start=1):
        _visit(child, ctx, f"{key}.{_marker_key(child, index)}", measures=measures, parent=section.title or parent)


def _measure_task(section: Section, ctx: TaskContext, key: str, parent: str | None) -> None:
    """An item of the tasks-and-measures part that names no agency: a task of the plan
    whose lead the document does not state (none is guessed)."""
    assert section.head is not None
    paragraphs = [section.head, *(b for b in section.body if isinstance(b, Paragraph))]
    head = _strip_marker(section.head.text).strip()
    rest = " ".join(p.text for p in paragraphs[1:])
    joiner = " " if not rest or head.endswith((".", ":", ";", ",")) else ": "
    text = clean_spaces(f"{head}{joiner}{rest}" if rest else head)
    if len(text) < 20 or text.rstrip().endswith(":"):
        return
    ctx.tasks.append(
        TaskRecord(
            key=key,
            code=section.marker if section.kind in ("arabic", "letter") else None,
            origin="content",
            heading=parent.split(":")[0].strip() if parent else None,
            text=text,
            span=paragraphs_span(ctx.file, paragraphs),
        )
    )


_SUBJECT_PREFIX = re.compile(r"^\s*(?:Căn cứ [^,]{0,60},\s*|Giao\s+|Đề nghị\s+)", re.IGNORECASE)


def _sentence_task(section: Section, ctx: TaskContext, key: str) -> bool:
    """A numbered paragraph that names its lead in the sentence: ``Giao Sở X chủ trì ...``,
    or opens with its subject: ``Các sở, ban, ngành ... có trách nhiệm ...``."""
    head = section.head
    assert head is not None
    text = head.text
    body_start = len(text) - len(_strip_marker(text))
    sentence = text[body_start:]
    roles = roles_in(sentence)
    leads = roles.leads
    if not leads:
        prefix = _SUBJECT_PREFIX.match(sentence)
        start = prefix.end() if prefix else 0
        found = resolve_list(sentence[start : start + 220])
        if not found or found[0].start > 3:
            return False
        leads = []
        cursor = found[0].start
        for item in found:
            if item.start - cursor > 12:
                break
            leads.append(item)
            cursor = item.end
        leads = [replace(r, start=r.start + start, end=r.end + start) for r in leads]
    if not leads:
        return False
    base = body_start
    lead_mentions = [ctx.mention(head, r, base=base) for r in leads]
    taken = {(r.start, r.end) for r in leads}
    coordinators = [ctx.mention(head, r, base=base) for r in roles.coordinators if (r.start, r.end) not in taken]
    ctx.tasks.append(
        TaskRecord(
            key=key,
            code=section.marker if section.kind in ("arabic", "letter") else None,
            origin="organisation",
            text=clean_spaces(sentence),
            leads=dedupe_mentions(lead_mentions),
            coordinators=dedupe_mentions([c for c in coordinators if not names_same_type(c, lead_mentions)]),
            reports_to=dedupe_mentions([ctx.mention(head, r, base=base) for r in roles.reports_to]),
            advises=roles.advises,
            monitoring=roles.monitoring,
            span=paragraph_span(ctx.file, head),
        )
    )
    return True


def _marker_key(section: Section, index: int) -> str:
    return section.marker if section.kind != "bullet" else str(index)


def _agency_section(section: Section, heads: list[Resolution], inline: str, ctx: TaskContext, key: str) -> None:
    assert section.head is not None
    head = section.head
    base = head.text.find(section.title)
    lead_mentions = [ctx.mention(head, r, base=base) for r in heads]
    items: list[_Item] = []
    if inline:
        items.append((f"{key}.0", [head], None, []))
    intro: list[Paragraph] = []
    for block in section.body:
        if isinstance(block, Paragraph):
            if block.text.rstrip().endswith(":") and section.children:
                intro = [block]
                continue
            items.append((f"{key}.p{len(items) + 1}", [block], None, []))
    for index, child in enumerate(section.children, start=1):
        child_key = f"{key}.{_marker_key(child, index)}"
        nested = heading_assignees(child.title) if child.kind != "bullet" else None
        if nested is not None and (child.children or child.body or nested[1]):
            _agency_section(child, nested[0], nested[1], ctx, child_key)
            continue
        _collect(child, child_key, intro, items)
    for item_key, paragraphs, code, context in items:
        _task(section, lead_mentions, item_key, paragraphs, code, context, ctx, inline_head=head)


# key, paragraphs, code, and the paragraphs that introduce the item ("... như sau:")
_Item = tuple[str, list[Paragraph], str | None, list[Paragraph]]


def _collect(section: Section, key: str, context: list[Paragraph], items: list[_Item]) -> None:
    code = section.marker if section.kind in ("letter", "arabic") else None
    own = [section.head] if section.head is not None else []
    own += [b for b in section.body if isinstance(b, Paragraph)]
    if section.children and section.head is not None and section.title.rstrip().endswith(":"):
        # "- Phối hợp với các Bộ, ngành, Hiệp hội doanh nghiệp:" introduces its sub-items
        context = [*context, section.head]
        for index, child in enumerate(section.children, start=1):
            _collect(child, f"{key}.{_marker_key(child, index)}", context, items)
        return
    paragraphs = own + [b for child in section.children for b in child.all_blocks() if isinstance(b, Paragraph)]
    if paragraphs:
        items.append((key, paragraphs, code, context))


def _strip_marker(text: str) -> str:
    return re.sub(r"^\s*(?:[-+•*–]|[a-zđ]\)|\d+(?:\.\d+)*[.)])\s*", "", text)


def _task(
    section: Section,
    heading_leads: list[AgencyMention],
    key: str,
    paragraphs: list[Paragraph],
    code: str | None,
    context_paragraphs: list[Paragraph],
    ctx: TaskContext,
    inline_head: Paragraph,
) -> None:
    context = clean_spaces(" ".join(_strip_marker(p.text) for p in context_paragraphs))
    if paragraphs == [inline_head]:
        text = inline_head.text.split(":", 1)[1].strip()
        offset = inline_head.text.find(text)
    else:
        text = " ".join(_strip_marker(p.text) for p in paragraphs)
        offset = None
    text = clean_spaces(text)
    if len(text) < 8:
        return
    first = paragraphs[0]
    # roles are read in the first paragraph (offsets stay exact there) and in the context
    first_text = first.text if offset is None else first.text[offset:]
    base = 0 if offset is None else offset
    roles = roles_in(first_text)
    leads = list(heading_leads)
    coordinators = [ctx.mention(first, r, base=base) for r in roles.coordinators]
    takeover = starts_as_coordinator(first_text)
    if takeover:
        leads = [ctx.mention(first, r, base=base) for r in takeover]
        taken = {(m.span.start_line, m.text) for m in leads}
        coordinators = [m for m in coordinators if (m.span.start_line, m.text) not in taken]
        coordinators = list(heading_leads) + coordinators
    else:
        for paragraph in context_paragraphs:
            coordinators += [ctx.mention(paragraph, r) for r in roles_in(paragraph.text).coordinators]
    reports = [ctx.mention(first, r, base=base) for r in roles.reports_to]
    full_text = clean_spaces(f"{context} {text}") if context else text
    span = paragraphs_span(ctx.file, paragraphs)
    ctx.tasks.append(
        TaskRecord(
            key=key,
            code=code,
            origin="organisation",
            heading=section.title.split(":")[0].strip() if section.title else None,
            text=full_text,
            leads=dedupe_mentions(leads),
            coordinators=dedupe_mentions([c for c in coordinators if not names_same_type(c, leads)]),
            reports_to=dedupe_mentions(reports),
            advises=roles.advises or _roles(context).advises,
            monitoring=roles.monitoring,
            span=span,
        )
    )


def _roles(text: str) -> Roles:
    return roles_in(text) if text else Roles([], [], [], False, False)
