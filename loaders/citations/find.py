"""References to other documents: by number (``Quyết định số 889/QĐ-TTg ngày 24/6/2020 ...``)
and by title (a known programme, ``Luật Ngân sách nhà nước``).

A paragraph is read clause by clause (clauses end at ``;``). The clause's opening words give
the relation of its first reference: ``Thực hiện`` / ``Triển khai`` → implements, ``Căn cứ``
→ based on; anything else is a citation. References that stand inside the title of an earlier
one (``Kế hoạch số 17/KH-UBND ... về thực hiện Nghị quyết số 71/NQ-CP``) are citations of the
plan too, not its legal basis; references joined by ``và`` share the level of the previous one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from loaders.citations.numbered import TYPE_WORDS_PATTERN, numbered_in_clause
from loaders.citations.titled import titled_in_clause
from loaders.models import DocumentRef, Relation
from loaders.text import Paragraph, fold

_SELF_REFERENCE = re.compile(r"^\(?\s*kèm theo\b", re.IGNORECASE)
# a clause that is just the next document of a list: "...; Quyết định số 1132/QĐ-TTg ..."
_LISTED_DOCUMENT = re.compile(rf"^\s*(?:và\s+)?(?:{TYPE_WORDS_PATTERN})\b", re.IGNORECASE)
_RELATION_RANK = {"implements": 3, "based_on": 2, "cites": 1}


def clause_relation(clause: str) -> Relation | None:
    """The relation a clause's opening words give its first reference, if they give one.

    >>> clause_relation("Căn cứ Luật Bảo vệ môi trường năm 2020")
    'based_on'
    >>> clause_relation("Thực hiện Quyết định số 1316/QĐ-TTg")
    'implements'
    >>> clause_relation("theo Nghị định số 08/2022/NĐ-CP") is None
    True
    """
    head = fold(clause.lstrip(' *-+(“"'))
    if head.startswith("can cu"):
        return "based_on"
    if head.startswith(("thuc hien", "trien khai", "de thuc hien", "nham thuc hien")):
        return "implements"
    return None


def _clauses(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for match in re.finditer(r";", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def find_references(
    file: str,
    paragraph: Paragraph,
    *,
    default_relation: Relation = "cites",
    province: str | None = None,
    own_numbers: Iterable[str] = (),
    clause_relations: bool = True,
) -> list[DocumentRef]:
    """Every document the paragraph refers to, in order, with its relation to the plan."""
    text = paragraph.text
    if _SELF_REFERENCE.match(text.strip("*_ ")):
        return []
    own = {fold(n) for n in own_numbers}
    results: list[DocumentRef] = []
    inherited: Relation | None = None
    for clause_start, clause_end in _clauses(text):
        clause = text[clause_start:clause_end]
        opening = clause_relation(clause) if clause_relations else None
        if opening is not None:
            inherited = opening
        elif inherited is not None and not _LISTED_DOCUMENT.match(clause):
            inherited = None  # "...; trên cơ sở đề xuất của Sở ..." ends the list
        relation = opening or inherited or default_relation
        found = numbered_in_clause(file, paragraph, clause_start, clause_end, relation, province)
        for item in found:
            if item.ref.number and fold(item.ref.number) in own:
                continue
            results.append(item.ref)
        covered = [(f.start, f.end) for f in found]
        results.extend(titled_in_clause(file, paragraph, clause_start, clause_end, relation, covered, found))
    return results


def merge_references(refs: Iterable[DocumentRef]) -> list[DocumentRef]:
    """One entry per document, keeping the strongest relation and the first span."""
    refs = list(refs)
    years: dict[str, set[int]] = {}
    for ref in refs:
        if ref.number and ref.year:
            years.setdefault(fold(ref.number), set()).add(ref.year)
    merged: dict[str, DocumentRef] = {}
    for ref in refs:
        year = ref.year
        if ref.number and year is None and len(years.get(fold(ref.number), ())) == 1:
            year = next(iter(years[fold(ref.number)]))  # the same number cited with its date
        key = ref.known_id or (f"{fold(ref.number)}|{year or ''}" if ref.number else f"title|{fold(ref.title or '')}")
        existing = merged.get(key)
        if existing is None:
            merged[key] = ref.model_copy()
            continue
        if _RELATION_RANK[ref.relation] > _RELATION_RANK[existing.relation]:
            existing.relation = ref.relation
        for attribute in ("date", "title", "issuer_name", "province", "doc_type"):
            if getattr(existing, attribute) is None and getattr(ref, attribute) is not None:
                setattr(existing, attribute, getattr(ref, attribute))
    return list(merged.values())
