"""The document's own facts: number, place and date, issuer, province, title, signature.

Drafts leave the number and date blank (``Số: /KH-UBND``, ``ngày tháng năm 2026``): the
number is then absent and the plan flagged as a draft; a year alone is kept as the year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from loaders.docnumbers import NUMBER_RE, parse_number
from loaders.models import Extracted, Span
from loaders.places import names_in, province_name
from loaders.sections import Layout
from loaders.source import SourceTable
from loaders.spans import cell_as_paragraph, paragraph_span, paragraphs_span
from loaders.text import Block, Paragraph, clean_spaces

_NUMBER_LINE = re.compile(r"\bSố\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_BLANK_NUMBER = re.compile(r"^\s*(?:\.{0,}\s*)?/\s*(?:\d{4}/)?(?P<code>[A-ZĐ]{2,5}-[A-ZĐa-z]{2,8})")
_PLACE_DATE = re.compile(
    r"(?P<place>[A-ZĐ][\w.]*(?:\s+[A-ZĐ][\w.]*){0,4})\s*,\s*ngày\s*(?P<d>\d{1,2})?\s*"
    r"(?:tháng|/)\s*(?P<m>\d{1,2})?\s*(?:năm|/)\s*(?P<y>(?:19|20)\d\d)?",
)
_CAPACITY = re.compile(
    r"^(?:TM\.|KT\.|T/M|Q\.|TL\.|TUQ\.)|^(?:PHÓ\s+)?(?:CHỦ TỊCH|THỦ TƯỚNG|BỘ TRƯỞNG|GIÁM ĐỐC|"
    r"ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|CHÁNH VĂN PHÒNG)\b",
)
_ISSUER_LINES = re.compile(
    r"^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|THỦ TƯỚNG|CHÍNH PHỦ|BỘ\s|HỘI ĐỒNG NHÂN DÂN|SỞ\s|"
    r"TỈNH\s|THÀNH PHỐ\s)",
)
# "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in any order and length
_CAPACITY_RUN = re.compile(
    r"^(?:(?:TM\.|KT\.|T/M|Q\.|TL\.|TUQ\.|PHÓ|CHỦ TỊCH|THỦ TƯỚNG|BỘ TRƯỞNG|GIÁM ĐỐC|"
    r"ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s*)+"
)
_NAME = re.compile(r"^[A-ZĐ][a-zà-ỹđ]+(?:\s+[A-ZĐ][a-zà-ỹđ]+){1,4}$")


@dataclass
class Header:
    number: Extracted[str] | None = None
    number_blank: bool = False
    number_code: str | None = None  # "KH-UBND" of a blank number
    date: Extracted[dt.date] | None = None
    year: Extracted[int] | None = None
    date_blank: bool = False
    place: Extracted[str] | None = None
    issuer_text: str | None = None
    issuer_span: Span | None = None
    signer: Extracted[str] | None = None
    capacity: Extracted[str] | None = None
    flags: list[str] = field(default_factory=list)


def _paragraphs(blocks: list[Block]) -> list[Paragraph]:
    """Paragraphs of a region, with the cells of layout tables read as paragraphs."""
    out: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, SourceTable):
            for row in block.rows:
                for cell in row.cells:
                    if cell.text.strip():
                        out.append(cell_as_paragraph(cell))
        else:
            out.append(block)
    return out


def read_header(file: str, layout: Layout) -> Header:
    header = Header()
    region = _paragraphs(layout.header)
    if layout.decision is not None:
        region = _paragraphs(layout.decision.header) or region
    for paragraph in region:
        _number(file, paragraph, header)
        _place_date(file, paragraph, header)
    issuer_lines = [p for p in region if _ISSUER_LINES.match(p.text.strip("* ")) and "CỘNG HÒA" not in p.text]
    if issuer_lines:
        # "ỦY BAN NHÂN DÂN / TỈNH BẮC NINH" may be one cell or two lines
        text = clean_spaces(" ".join(p.text.strip("* ") for p in issuer_lines[:2]))
        text = re.split(r"\s*(?:Số\s*:|CỘNG HÒA|-{3,})", text)[0]
        header.issuer_text = text
        header.issuer_span = paragraphs_span(file, issuer_lines[:2])
    closing = layout.decision.closing if layout.decision is not None else layout.closing
    _signature(file, _paragraphs(closing), header)
    return header


def _number(file: str, paragraph: Paragraph, header: Header) -> None:
    if header.number is not None or header.number_blank:
        return
    match = _NUMBER_LINE.search(paragraph.text)
    if not match or match.start() > 40:
        return
    rest = match.group("rest")
    number = NUMBER_RE.match(rest.strip())
    offset = match.start("rest") + (len(rest) - len(rest.lstrip()))
    if number:
        parsed = parse_number(number)
        header.number = Extracted[str](
            value=parsed.normalised,
            span=paragraph_span(file, paragraph, match.start(), offset + number.end()),
            flags=parsed.flags,
        )
        return
    blank = _BLANK_NUMBER.match(rest)
    if blank:
        header.number_blank = True
        header.number_code = blank.group("code")


def _place_date(file: str, paragraph: Paragraph, header: Header) -> None:
    if header.date is not None or header.year is not None or header.date_blank:
        return
    match = _PLACE_DATE.search(paragraph.text)
    if not match:
        return
    span = paragraph_span(file, paragraph, match.start(), match.end())
    place = match.group("place").strip()
    header.place = Extracted[str](value=place, span=span)
    day, month, year = match.group("d"), match.group("m"), match.group("y")
    if day and month and year:
        try:
            header.date = Extracted[dt.date](value=dt.date(int(year), int(month), int(day)), span=span)
        except ValueError:
            header.flags.append(f"date '{match.group(0)}' is not a calendar date")
        return
    header.date_blank = True
    if year:
        header.year = Extracted[int](value=int(year), span=span, flags=["day and month blank"])


def _signature(file: str, paragraphs: list[Paragraph], header: Header) -> None:
    capacity: list[Paragraph] = []
    lines: list[tuple[str, Paragraph]] = []
    for paragraph in paragraphs:
        # a layout cell joins "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Lộc Hà" into one line
        lines.append((paragraph.text.strip("* "), paragraph))
    for index, (text, paragraph) in enumerate(lines):
        if not _CAPACITY.match(text):
            continue
        capacity.append(paragraph)
        # the name: the rest of a joined cell, or a following line
        tail = _CAPACITY_RUN.sub("", text).strip(" *")
        if tail and _NAME.match(tail) and header.signer is None:
            header.signer = Extracted[str](value=tail, span=paragraph_span(file, paragraph))
        elif header.signer is None:
            for later_text, later in lines[index + 1 : index + 5]:
                if _CAPACITY.match(later_text):
                    continue
                if _NAME.match(later_text):
                    header.signer = Extracted[str](value=later_text, span=paragraph_span(file, later))
                break
    if capacity:
        text = " / ".join(_capacity_words(p.text.strip("* ")) for p in capacity if _capacity_words(p.text))
        header.capacity = Extracted[str](value=text, span=paragraphs_span(file, capacity))


def _capacity_words(text: str) -> str:
    words = _CAPACITY_RUN.match(text.strip("* "))
    return clean_spaces(words.group(0)) if words else ""


def province_of(file: str, layout: Layout, header: Header) -> tuple[str | None, Span | None, list[str]]:
    """The province whose plan this is: from the issuer, else the committee the text names
    most, else the area the title names, else the place of signing."""
    file_span: Span | None = header.issuer_span
    if header.issuer_text:
        named = names_in(header.issuer_text)
        if named:
            return named[0][2], file_span, []
        name = province_name(
            re.sub(r"^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s*", "", header.issuer_text, flags=re.I)
        )
        if name:
            return name, file_span, []
    counts: Counter[str] = Counter()
    first_span: dict[str, Span] = {}
    blocks = [*layout.title, *layout.preamble, *layout.body.all_blocks()]
    for block in blocks:
        if not isinstance(block, Paragraph):
            continue
        for _start, _end, name in _committee_names(block.text):
            counts[name] += 1
            first_span.setdefault(name, paragraph_span(file, block))
    if counts:
        name = counts.most_common(1)[0][0]
        return name, first_span[name], ["province read from the committee the text names"]
    for block in layout.title:
        named = names_in(block.text)
        if named:
            return named[-1][2], None, ["province read from the title"]
    if header.place is not None:
        name = province_name(header.place.value)
        if name:
            return name, header.place.span, ["province read from the place of signing"]
    return None, None, []


def _committee_names(text: str) -> list[tuple[int, int, str]]:
    found = []
    for match in re.finditer(r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+", text, re.I):
        for start, end, name in names_in(text[match.end() : match.end() + 40]):
            if start == 0:
                found.append((match.start(), match.end() + end, name))
    return found
