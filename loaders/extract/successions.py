"""Renamings a plan states in passing: ``Sở Tài nguyên và Môi trường (nay là Sở Nông nghiệp
và Môi trường)``, ``tỉnh Quảng Bình (nay là tỉnh Quảng Trị)``: the province or the agency
before the brackets, and the one it is now."""

from __future__ import annotations

import datetime as dt
import re

from loaders.agencies.resolve import scan
from loaders.models import SuccessionStatement
from loaders.places import PROVINCE_REFORM, names_in, unit_for
from loaders.source import SourceTable
from loaders.spans import cell_as_paragraph, paragraph_span
from loaders.text import Block, Paragraph, fold

_NOW_IS = re.compile(r"\(\s*nay là\s+(?P<after>[^)]{3,120})\)", re.IGNORECASE)


def successions_in(file: str, blocks: list[Block], on: dt.date | None) -> list[SuccessionStatement]:
    """Every ``(nay là ...)`` statement of the document's paragraphs and table cells that names
    a province or an agency on both sides."""
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
    file: str, paragraph: Paragraph, before: str, after: str, match: re.Match[str]
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
        span=paragraph_span(file, paragraph, max(0, match.start() - 40), match.end()),
    )


def _agency_succession(
    file: str, paragraph: Paragraph, before: str, after: str, match: re.Match[str]
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
        span=paragraph_span(file, paragraph, old.start, match.end()),
    )
