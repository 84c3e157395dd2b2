"""References by title alone: a known programme or strategy of the catalogue named in full,
or a law named without its number (``Luật Ngân sách nhà nước``)."""

from __future__ import annotations

import re

from loaders.citations.known import known_titles, title_key, title_patterns
from loaders.citations.numbered import Found
from loaders.docnumbers import DATE_RE, parse_date
from loaders.models import DocumentRef, Relation
from loaders.spans import paragraph_span
from loaders.text import Paragraph, fold_with_offsets

_LAW_TITLE_RE = re.compile(
    r"\b(?P<title>(?:Bộ luật|Luật) (?:[A-ZĐ][\w]*)(?:\s+(?!số\b|ngày\b|năm\b|của\b|và\b|được\b|"
    r"đã\b|có\b|theo\b|tại\b)[\wđĐ-]+){0,10})",
)


def titled_in_clause(
    file: str,
    paragraph: Paragraph,
    clause_start: int,
    clause_end: int,
    relation: Relation,
    covered: list[tuple[int, int]],
    numbered: list[Found],
) -> list[DocumentRef]:
    """The references by title in one clause, outside the stretches ``covered`` by references
    read by number; beside a numbered one, a title is a citation."""
    text = paragraph.text
    clause = text[clause_start:clause_end]
    refs: list[DocumentRef] = []
    folded, offsets = fold_with_offsets(clause)
    taken: list[tuple[int, int]] = []
    numbered_known = {f.ref.known_id for f in numbered if f.ref.known_id}
    for pattern, entry in title_patterns():
        if entry.id in numbered_known:
            continue
        match = pattern.search(folded)
        if match is None:
            continue
        start = clause_start + offsets[match.start()]
        end = clause_start + offsets[match.end() - 1] + 1
        if any(s <= start < e or s < end <= e for s, e in covered + taken):
            continue
        taken.append((start, end))
        refs.append(
            DocumentRef(
                relation="cites" if numbered else relation,
                number=entry.number,
                date=entry.issued,
                year=entry.issued.year if entry.issued else None,
                title=text[start:end],
                known_id=entry.id,
                span=paragraph_span(file, paragraph, start, end),
                flags=["matched by title"],
            )
        )
    for match in _LAW_TITLE_RE.finditer(clause):
        start = clause_start + match.start()
        end = clause_start + match.end()
        if any(s <= start < e for s, e in covered + taken):
            continue
        after = text[end : end + 12]
        if re.match(r"\s*(?:số\s*)?\d", after):
            continue  # numbered: read by the number
        title = match.group("title").strip()
        date_match = DATE_RE.match(text, end + len(after) - len(after.lstrip(" ,")))
        date = parse_date(date_match) if date_match else None
        known = next((e for k, e in known_titles() if k == title_key(title)), None)
        taken.append((start, end))
        refs.append(
            DocumentRef(
                relation="cites" if numbered else relation,
                number=known.number if known else None,
                doc_type="LUAT",
                date=date or (known.issued if known else None),
                year=(date or (known.issued if known else None)).year  # type: ignore[union-attr]
                if (date or (known and known.issued))
                else None,
                title=title,
                known_id=known.id if known else None,
                span=paragraph_span(file, paragraph, start, end),
                flags=["cited by title"],
            )
        )
    return refs
