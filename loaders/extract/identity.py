"""What a plan says of itself, beside its header: its period, its provincial unit, its issuer,
its title's text, whether a national body issued it, and the fingerprint that recognises the
same document saved in another format."""

from __future__ import annotations

import datetime as dt
import re

from loaders.agencies.resolve import resolve_list, scan, to_mention
from loaders.header import Header
from loaders.models import AgencyMention, Extracted, Span
from loaders.places import PROVINCE_REFORM, unit_for
from loaders.sections import Layout
from loaders.source import SourceTable
from loaders.spans import paragraph_span, paragraphs_span, row_span
from loaders.text import Block, Paragraph, clean_spaces, fold
from ontology import catalogue

_PERIOD = re.compile(r"(?:giai đoạn|năm|đến năm|thời kỳ)?\s*(?P<a>20\d\d)(?:\s*[-–]\s*(?P<b>20\d\d))?", re.I)

_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
FINGERPRINT_CHARS = 600


def fingerprint(title: list[Paragraph], layout: Layout) -> str | None:
    """The title and the opening of the legal basis, folded and stripped to letters and
    digits (``FINGERPRINT_CHARS`` of them at most): line breaks, markup, spacing and tone-mark
    placement, which change with the format a document is saved in, do not change it."""
    opening = [p.text for p in title] + [b.text for b in layout.preamble if isinstance(b, Paragraph)]
    folded = _NOT_ALPHANUMERIC.sub("", fold(" ".join(opening)))
    return folded[:FINGERPRINT_CHARS] or None


def opening_span(file: str, blocks: list[Block]) -> Span:
    """The document's first paragraph, or the first row of its first table when it holds no
    running text (an annex exported on its own): what a value read from the whole document
    points at."""
    for block in blocks:
        if isinstance(block, Paragraph):
            return paragraphs_span(file, [block])
        if isinstance(block, SourceTable) and block.rows:
            return row_span(file, block.rows[0])
    return Span(file=file, start_line=1, end_line=1, quote="")


def national_issuer(header: Header) -> bool:
    """A document of the Prime Minister, the Government or a ministry belongs to no province."""
    if not header.issuer_text:
        return False
    found = resolve_list(header.issuer_text)
    if not found or found[0].type_id is None:
        return False
    entry = catalogue.agency_types().get(found[0].type_id)
    return entry is not None and entry.level == "national"


def title_text(paragraphs_: list[Paragraph]) -> str:
    """The title's paragraphs as one line, without the emphasis markers around them.

    >>> title_text([Paragraph("**KẾ HOẠCH**", 5, 5), Paragraph("Giảm thiểu  chất thải nhựa", 6, 6)])
    'KẾ HOẠCH Giảm thiểu chất thải nhựa'
    """
    return clean_spaces(" ".join(p.text.strip("*_ ") for p in paragraphs_))


def period_of(title: list[Paragraph], file: str) -> Extracted[str] | None:
    """The years the plan covers, from its title (``giai đoạn 2021-2025`` → ``2021-2025``,
    ``năm 2025`` → ``2025``); a year inside a date is not a period."""
    for paragraph in title:
        matches = list(_PERIOD.finditer(paragraph.text))
        for match in matches:
            context = paragraph.text[max(0, match.start() - 25) : match.start() + 2].lower()
            if "ngày" in context or "tháng" in context or "/" in paragraph.text[match.end() : match.end() + 1]:
                continue
            value = f"{match.group('a')}-{match.group('b')}" if match.group("b") else match.group("a")
            return Extracted[str](value=value, span=paragraph_span(file, paragraph, match.start(), match.end()))
    return None


def provincial_unit(
    name: str | None, date: dt.date | None, year: int | None, blocks: list[Block]
) -> tuple[str | None, list[str]]:
    """The provincial unit a province name stands for on the plan's date (before or after the
    2025 merger), with flags saying how it was chosen when the plan is undated."""
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


def issuer_of(
    file: str, header: Header, layout: Layout, province: str | None, on: dt.date | None
) -> AgencyMention | None:
    """The issuing body: the header's, else the committee the preamble says drew the plan up,
    else the one the signature block names."""
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
