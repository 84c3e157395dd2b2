"""References by title alone: a known programme or strategy of the catalogue named in full,
or a law named without its number (``Luật Ngân sách nhà nước``)."""

from __future__ import annotations

import datetime as dt
import re

from loaders.citations.known import documents_by_title_key, title_key, title_keys_by_id, title_patterns
from loaders.citations.numbered import Found
from loaders.docnumbers import DATE_RE, parse_date
from loaders.models import DocumentRef, Relation
from loaders.spans import paragraph_span
from loaders.text import Paragraph, fold_with_offsets
from ontology import catalogue

VERSION_NOT_STATED = "version not stated"  # a title several curated documents bear, no date
VERSION_UNKNOWN = "version not in the reference data"  # a date none of them bears

_LAW_TITLE_RE = re.compile(
    r"\b(?P<title>(?:Bộ luật|Luật) (?:[A-ZĐ][\w]*)(?:\s+(?!số\b|ngày\b|năm\b|của\b|và\b|được\b|"
    r"đã\b|có\b|theo\b|tại\b)[\wđĐ-]+){0,10})",
)


def _stated_date(text: str, end: int) -> dt.date | None:
    """The date written right after a title ("Luật ... ngày 19 tháng 6 năm 2015"), if any."""
    after = text[end : end + 12]
    match = DATE_RE.match(text, end + len(after) - len(after.lstrip(" ,")))
    return parse_date(match) if match else None


def _version(key: str, stated: dt.date | None) -> tuple[catalogue.NationalDocumentEntry | None, list[str]]:
    """Which curated document a title names. Several laws share a title (the 2015 and 2025
    laws on local government): the date written after it chooses among them; with no date,
    or a date none of them has, the version is left unknown and flagged, never guessed."""
    same = documents_by_title_key().get(key, ())
    if not same:
        return None, []
    if stated is not None:
        dated = [e for e in same if e.issued == stated] or [e for e in same if e.year == stated.year]
        if len(dated) == 1:
            return dated[0], []
        if any(e.year is not None for e in same):
            return None, [VERSION_UNKNOWN]
    if len(same) == 1:
        return same[0], []
    return None, [VERSION_NOT_STATED]


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
    # a title the numbered references already name (in any of its versions) is not read again
    keys = title_keys_by_id()
    named_titles = frozenset().union(*(keys.get(doc_id, frozenset()) for doc_id in numbered_known))
    for pattern, entry in title_patterns():
        if entry.id in numbered_known or named_titles & keys.get(entry.id, frozenset()):
            continue
        match = pattern.search(folded)
        if match is None:
            continue
        start = clause_start + offsets[match.start()]
        end = clause_start + offsets[match.end() - 1] + 1
        if any(s <= start < e or s < end <= e for s, e in covered + taken):
            continue
        taken.append((start, end))
        stated = _stated_date(text, end)
        version, flags = _version(title_key(text[start:end]), stated)
        day = stated or (version.issued if version else None)
        refs.append(
            DocumentRef(
                relation="cites" if numbered else relation,
                number=version.number if version else None,
                date=day,
                year=day.year if day else None,
                title=text[start:end],
                known_id=version.id if version else None,
                span=paragraph_span(file, paragraph, start, end),
                flags=["matched by title", *flags],
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
        known, version_flags = _version(title_key(title), date)
        day = date or (known.issued if known else None)
        taken.append((start, end))
        refs.append(
            DocumentRef(
                relation="cites" if numbered else relation,
                number=known.number if known else None,
                doc_type="LUAT",
                date=day,
                year=day.year if day else None,
                title=title,
                known_id=known.id if known else None,
                span=paragraph_span(file, paragraph, start, end),
                flags=["cited by title", *version_flags],
            )
        )
    return refs
