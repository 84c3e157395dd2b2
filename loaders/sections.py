"""The parts of an administrative document and the outline of its body.

A plan follows one template (header, title, legal basis, numbered parts I, II, ..., signature,
distribution list, annexes). ``split_layout`` finds those regions in the rejoined paragraphs,
and ``outline`` turns the numbered body into a tree (Roman parts, 1., 1.1., a), bullets).
A plan issued as the attachment of a Quyết định is found after the decision's signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.source import SourceTable
from loaders.text import STRUCTURE_RE, Block, Paragraph, fold
from loaders.text import shouting as _shouting

_DOC_HEADINGS = {
    "ke hoach": "KH",
    "quyet dinh": "QĐ",
    "chuong trinh": "CTr",
    "chi thi": "CT",
    "cong dien": "CĐ",
}
_CLOSING = re.compile(r"^(?:nơi nhận|tm\.|kt\.|t/m)", re.IGNORECASE)
_ANNEX = re.compile(r"^phụ lục\b", re.IGNORECASE)


@dataclass
class Section:
    kind: str  # root | roman | arabic | letter | bullet
    marker: str  # "V", "1", "1.2", "a", "-", "+"
    title: str  # the text after the marker
    head: Paragraph | None
    depth: int
    body: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    @property
    def start_line(self) -> int:
        if self.head is not None:
            return self.head.start_line
        first = self.body[0] if self.body else (self.children[0] if self.children else None)
        if first is None:
            return 0
        return first.start_line

    @property
    def end_line(self) -> int:
        last: Block | Section | None = None
        if self.children:
            last = self.children[-1]
        elif self.body:
            last = self.body[-1]
        if last is None:
            return self.head.end_line if self.head is not None else 0
        return last.end_line

    def walk(self) -> list[Section]:
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found

    def all_blocks(self) -> list[Block]:
        blocks: list[Block] = [self.head] if self.head is not None else []
        blocks.extend(self.body)
        for child in self.children:
            blocks.extend(child.all_blocks())
        return blocks

    def text(self) -> str:
        return " ".join(b.text for b in self.all_blocks() if isinstance(b, Paragraph))


@dataclass
class Layout:
    header: list[Block]  # before the document-type heading: issuer, number, place and date
    doc_heading: Paragraph | None  # "KẾ HOẠCH" / "QUYẾT ĐỊNH"
    doc_type: str  # KH, QĐ, ...
    title: list[Paragraph]
    preamble: list[Block]  # legal basis paragraphs before part I
    body: Section  # the numbered parts
    closing: list[Block]  # distribution list and signature
    annexes: list[list[Block]]
    decision: Layout | None = None  # the issuing decision when the plan is its attachment
    plan_heading: Paragraph | None = None


def _heading_key(block: Block) -> str | None:
    if not isinstance(block, Paragraph):
        return None
    key = fold(block.text).strip(" .:*")
    return _DOC_HEADINGS.get(key)


def _is_closing(block: Block) -> bool:
    return isinstance(block, Paragraph) and bool(_CLOSING.match(block.text.strip("* ")))


def _is_annex(block: Block) -> bool:
    return isinstance(block, Paragraph) and bool(_ANNEX.match(block.text.strip("* ")))


def _table_is_closing(block: Block) -> bool:
    """A layout table holding the distribution list and signature."""
    if not isinstance(block, SourceTable):
        return False
    first = block.rows[0].cells[0].text if block.rows and block.rows[0].cells else ""
    return bool(_CLOSING.match(first.strip("* ")))


def split_layout(blocks: list[Block]) -> Layout:
    """Find header, title, legal basis, body, closing and annexes of a document."""
    headings = [i for i, b in enumerate(blocks) if _heading_key(b)]
    if not headings:
        return _split_plan(blocks, 0, None, "KH")
    first = headings[0]
    first_type = _heading_key(blocks[first]) or "KH"
    if first_type != "KH":
        # a decision that issues a plan: the plan starts at a later "KẾ HOẠCH" heading
        later = [i for i in headings[1:] if _heading_key(blocks[i]) == "KH"]
        if later:
            decision = _split_plan(blocks[: later[0]], first, blocks[first], first_type)
            plan = _split_plan(blocks, later[0], blocks[later[0]], "KH", header=blocks[:first])
            plan.decision = decision
            plan.doc_type = first_type
            plan.doc_heading = blocks[first]  # type: ignore[assignment]
            plan.plan_heading = blocks[later[0]]  # type: ignore[assignment]
            return plan
    return _split_plan(blocks, first, blocks[first], first_type)


def _split_plan(
    blocks: list[Block],
    heading_index: int,
    heading: Block | None,
    doc_type: str,
    header: list[Block] | None = None,
) -> Layout:
    header_blocks = header if header is not None else blocks[:heading_index]
    start = heading_index + 1 if heading is not None else 0
    rest = blocks[start:]

    # the body starts at the first Roman-numbered part
    body_start = next(
        (
            i
            for i, b in enumerate(rest)
            if isinstance(b, Paragraph) and (m := STRUCTURE_RE.match(b.text)) and m.group("roman")
        ),
        len(rest),
    )
    if body_start == len(rest):
        # no numbered parts (a decision: "Điều 1. ..."): the closing still ends the text
        body_start = next((i for i, b in enumerate(rest) if _is_closing(b) or _table_is_closing(b)), len(rest))
    intro = rest[:body_start]
    title: list[Paragraph] = []
    preamble: list[Block] = []
    for block in intro:
        if (
            not preamble
            and isinstance(block, Paragraph)
            and not block.italic
            and (not title or not _starts_basis(block.text))
            and (not title or _shouting(title[-1].text) == _shouting(block.text))
            and not block.text.startswith(("Căn cứ", "(Kèm theo"))
        ):
            title.append(block)
        else:
            preamble.append(block)
    body_blocks = rest[body_start:]
    closing_at = next(
        (i for i, b in enumerate(body_blocks) if _is_closing(b) or _table_is_closing(b)),
        None,
    )
    annex_at = next((i for i, b in enumerate(body_blocks) if _is_annex(b)), None)
    end = min(x for x in (closing_at, annex_at, len(body_blocks)) if x is not None)
    main = body_blocks[:end]
    tail = body_blocks[end:]
    closing: list[Block] = []
    annexes: list[list[Block]] = []
    for block in tail:
        if _is_annex(block):
            annexes.append([block])
        elif annexes:
            annexes[-1].append(block)
        else:
            closing.append(block)
    return Layout(
        header=list(header_blocks),
        doc_heading=heading if isinstance(heading, Paragraph) else None,
        doc_type=doc_type,
        title=title,
        preamble=preamble,
        body=outline(main),
        closing=closing,
        annexes=annexes,
    )


_BASIS = re.compile(r"^[*(]*\s*(?:Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Trên cơ sở|Kèm theo)\b", re.IGNORECASE)


def _starts_basis(text: str) -> bool:
    return bool(_BASIS.match(text))


# remarks that close a part ("Trong quá trình thực hiện, nếu có vướng mắc ..."), not an item
_CLOSING_REMARK = re.compile(
    r"^\(?\s*(?:Trong quá trình|Thủ trưởng|Giám đốc các|Chủ tịch Ủy ban nhân dân các|"
    r"Yêu cầu (?:các|Thủ trưởng|Giám đốc)|Nhiệm vụ cụ thể|Quá trình (?:tổ chức )?thực hiện)",
)
_KIND_RANK = {"roman": 1, "arabic": 2, "letter": 4}


def _marker_of(block: Block) -> tuple[str, str, str] | None:
    if not isinstance(block, Paragraph):
        return None
    match = STRUCTURE_RE.match(block.text)
    if match is None:
        return None
    rest = block.text[match.end() :].strip()
    if match.group("roman"):
        return "roman", match.group("roman"), rest
    if match.group("arabic"):
        return "arabic", match.group("arabic"), rest
    if match.group("letter"):
        return "letter", match.group("letter"), rest
    return "bullet", match.group("bullet"), rest


def outline(blocks: list[Block]) -> Section:
    """Nest numbered paragraphs: I. > 1. > 1.1. > a) > bullets (by order of first use)."""
    root = Section(kind="root", marker="", title="", head=None, depth=0)
    stack: list[tuple[tuple[int, str], Section]] = []

    for block in blocks:
        found = _marker_of(block)
        if found is None:
            parent = stack[-1][1] if stack else root
            if stack and isinstance(block, Paragraph) and _CLOSING_REMARK.match(block.text):
                parent = stack[0][1]  # a closing remark of the whole part, not of its last item
            parent.body.append(block)
            continue
        kind, marker, rest = found
        if kind == "bullet":
            symbol = "-" if marker in "-–\u2212" else marker
            same = next((i for i, (k, _) in enumerate(stack) if k[1] == symbol), None)
            if same is not None:
                del stack[same:]
            key = (10 + sum(1 for k, _ in stack if k[0] >= 10), symbol)
        else:
            key = (2 + marker.count("."), "") if kind == "arabic" else (_KIND_RANK[kind], "")
            while stack and stack[-1][0][0] >= key[0]:
                stack.pop()
        parent = stack[-1][1] if stack else root
        section = Section(
            kind=kind,
            marker=marker,
            title=rest,
            head=block,  # type: ignore[arg-type]
            depth=parent.depth + 1,
        )
        parent.children.append(section)
        stack.append((key, section))
    return root
