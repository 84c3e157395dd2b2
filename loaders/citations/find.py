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
from dataclasses import dataclass
from functools import cache

from loaders.docnumbers import (
    DATE_RE,
    NUMBER_RE,
    TYPE_WORDS,
    issuer_is_national,
    parse_date,
    parse_number,
)
from loaders.models import DocumentRef, Relation
from loaders.places import find_province
from loaders.spans import paragraph_span
from loaders.text import Paragraph, fold, fold_with_offsets
from ontology import catalogue

_TYPE_WORDS_PATTERN = "|".join(
    sorted(
        (
            "Nghị định",
            "Quyết định",
            "Công điện",
            "Kế hoạch hành động",
            "Kế hoạch",
            "Chỉ thị",
            "Nghị quyết",
            "Thông tư liên tịch",
            "Thông tư",
            "Thông báo",
            "Báo cáo",
            "Tờ trình",
            "Hướng dẫn",
            "Kết luận",
            "Chương trình",
            "Công văn",
            "Văn bản",
            "Bộ luật",
            "Luật",
            "Pháp lệnh",
            "Hiến pháp",
        ),
        key=len,
        reverse=True,
    )
)
# the type word right before a number: "Quyết định số 889/QĐ-TTg", "Công văn 893/UBND-KT"
_TYPE_WORD_RE = re.compile(rf"(?P<word>{_TYPE_WORDS_PATTERN})\s*(?:số|số hiệu)?\s*:?\s*$", re.I)
# a law named before its number: "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"
_LAW_BEFORE_RE = re.compile(r"(?P<word>Bộ luật|Luật|Pháp lệnh)(?P<law>\s+[^;:()]{1,160}?)\s+số\s*$")
_NESTING_WORDS = re.compile(
    r"\b(?:thực hiện|triển khai|về việc|về|ban hành|kèm theo|tại|theo|sửa đổi|hướng dẫn|"
    r"quy định|thi hành)\b[^;]{0,40}$",
    re.IGNORECASE,
)
_JOIN_RE = re.compile(r"^\s*(?:,|và|,\s*và)\s*$", re.IGNORECASE)
_ISSUER_RE = re.compile(
    r"^\s*,?\s*(?:của|do)\s+(?P<issuer>(?:Thủ tướng Chính phủ|Chính phủ|Quốc hội|Bộ Chính trị|"
    r"Ban Chấp hành Trung ương|Ban Bí thư|Ban [Tt]hường vụ [^,;]{0,30}?|Ủy ban nhân dân [^,;]{0,40}?|"
    r"UBND [^,;]{0,40}?|Hội đồng nhân dân [^,;]{0,40}?|HĐND [^,;]{0,40}?|"
    r"Bộ [A-ZĐ][^,;]{0,50}?|Sở [A-ZĐ][^,;]{0,50}?|Văn phòng Chính phủ|Thành ủy [^,;]{0,20}?|"
    r"Tỉnh ủy [^,;]{0,20}?|Ủy ban Thường vụ Quốc hội))"
    r"(?=\s+(?:về|phê duyệt|ban hành|quy định|hướng dẫn|sửa đổi|thực hiện|triển khai|tại|"
    r"và|với|trên|đối với|như|nhằm|để)\b|\s*[,;.()]|\s*$)",
)
_TITLE_VERBS = re.compile(
    r"^\s*,?\s*(?P<title>(?:về việc|về|phê duyệt|ban hành|quy định|hướng dẫn|sửa đổi|"
    r"triển khai|thực hiện)\b[^;]*)",
    re.IGNORECASE,
)
_LAW_TITLE_RE = re.compile(
    r"\b(?P<title>(?:Bộ luật|Luật) (?:[A-ZĐ][\w]*)(?:\s+(?!số\b|ngày\b|năm\b|của\b|và\b|được\b|"
    r"đã\b|có\b|theo\b|tại\b)[\wđĐ-]+){0,10})",
)
_PROVINCE_WORDS = re.compile(r"\b(?:tỉnh|thành phố|tp\.?)\s+(?P<name>[A-ZĐ][\w]*(?:\s+[A-ZĐ][\w]*){0,3})")
_SELF_REFERENCE = re.compile(r"^\(?\s*kèm theo\b", re.IGNORECASE)
# a clause that is just the next document of a list: "...; Quyết định số 1132/QĐ-TTg ..."
_LISTED_DOCUMENT = re.compile(rf"^\s*(?:và\s+)?(?:{_TYPE_WORDS_PATTERN})\b", re.IGNORECASE)
_RELATION_RANK = {"implements": 3, "based_on": 2, "cites": 1}


@dataclass
class _Found:
    start: int
    end: int
    ref: DocumentRef
    nested: bool


def clause_relation(clause: str) -> Relation | None:
    head = fold(clause.lstrip(' *-+(“"'))
    if head.startswith("can cu"):
        return "based_on"
    if head.startswith(("thuc hien", "trien khai", "de thuc hien", "nham thuc hien")):
        return "implements"
    return None


@cache
def _known_by_number() -> dict[str, list[catalogue.NationalDocumentEntry]]:
    index: dict[str, list[catalogue.NationalDocumentEntry]] = {}
    for entry in catalogue.national_documents().values():
        if entry.number:
            index.setdefault(fold(entry.number), []).append(entry)
    return index


@cache
def _known_titles() -> list[tuple[str, catalogue.NationalDocumentEntry]]:
    titles: list[tuple[str, catalogue.NationalDocumentEntry]] = []
    for entry in catalogue.national_documents().values():
        for title in (entry.title, *entry.known_titles):
            if title and len(title) > 12:
                titles.append((_title_key(title), entry))
    titles.sort(key=lambda pair: len(pair[0]), reverse=True)
    return titles


@cache
def _title_patterns() -> list[tuple[re.Pattern[str], catalogue.NationalDocumentEntry]]:
    """Each known title as a pattern over folded text: any spacing between words, any spacing
    around a dash; longest titles first."""
    patterns = []
    for key, entry in _known_titles():
        pattern = r"\s+".join(
            r"\s*[-–]\s*".join(re.escape(part) for part in word.split("-")) for word in key.split(" ")
        )
        patterns.append((re.compile(pattern), entry))
    return patterns


def _title_key(title: str) -> str:
    key = fold(title)
    key = re.sub(r"\s*[-–]\s*", "-", key)
    return key


def _match_known(number: str, year: int | None) -> catalogue.NationalDocumentEntry | None:
    for entry in _known_by_number().get(fold(number), []):
        if year is None or entry.issued is None or entry.issued.year == year:
            return entry
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
        found = _numbered_in_clause(file, paragraph, clause_start, clause_end, relation, province)
        for item in found:
            if item.ref.number and fold(item.ref.number) in own:
                continue
            results.append(item.ref)
        covered = [(f.start, f.end) for f in found]
        results.extend(_titled_in_clause(file, paragraph, clause_start, clause_end, relation, covered, found))
    return results


def _numbered_in_clause(
    file: str,
    paragraph: Paragraph,
    clause_start: int,
    clause_end: int,
    relation: Relation,
    province: str | None,
) -> list[_Found]:
    text = paragraph.text
    found: list[_Found] = []
    matches = [m for m in NUMBER_RE.finditer(text, clause_start, clause_end)]
    for index, match in enumerate(matches):
        parsed = parse_number(match)
        before = text[max(clause_start, match.start() - 200) : match.start()]
        type_match = _TYPE_WORD_RE.search(before)
        law_match = None if type_match else _LAW_BEFORE_RE.search(before)
        type_code = parsed.type_code
        law_title = None
        word_start = match.start()
        if law_match:
            type_code = TYPE_WORDS.get(fold(law_match.group("word")))
            word_start = match.start() - (len(before) - law_match.start())
            law_title = f"{law_match.group('word')}{law_match.group('law')}".strip()
        elif type_match:
            word_code = TYPE_WORDS.get(fold(type_match.group("word")))
            word_start = match.start() - (len(before) - type_match.start())
            if word_code in {"LUAT", "PL", "HP"} or (type_code is None and word_code not in (None, "VB")):
                type_code = word_code
        if type_code is None:
            if parsed.issuer_code and re.fullmatch(r"QH\d+", parsed.issuer_code):
                type_code = "LUAT"
            elif parsed.issuer_code:
                type_code = "CV"  # a bare issuer code: an official letter
        next_start = matches[index + 1].start() if index + 1 < len(matches) else clause_end
        after_end = match.end()
        date = None
        date_match = DATE_RE.match(text, after_end) or DATE_RE.match(
            text, after_end + len(text[after_end:]) - len(text[after_end:].lstrip(" ,"))
        )
        if date_match and date_match.start() - after_end <= 3:
            date = parse_date(date_match)
            after_end = date_match.end()
        tail = text[after_end:next_start]
        issuer_name = None
        issuer_match = _ISSUER_RE.match(tail)
        if issuer_match:
            issuer_name = issuer_match.group("issuer").strip()
            tail = tail[issuer_match.end() :]
        title = law_title
        title_match = _TITLE_VERBS.match(tail)
        if title is None and title_match:
            title = _clean_title(title_match.group("title"))
        # where this reference stands: nested in the title of the previous one, or beside it
        nested = False
        if found:
            between = text[found[-1].end : word_start]
            if _JOIN_RE.match(between) or _only_join(between, found[-1]):
                nested = found[-1].nested
            elif _NESTING_WORDS.search(text[clause_start:word_start]):
                nested = True
        known = _match_known(parsed.normalised, parsed.year or (date.year if date else None))
        flags = list(parsed.flags)
        ref_province = None
        if parsed.issuer_code and not issuer_is_national(parsed.issuer_code):
            ref_province = _province_of_issuer(issuer_name) or province
            if ref_province and ref_province == province and not _names_province(issuer_name):
                flags.append("issuing province taken to be the plan's own")
        if date is None and parsed.year is None:
            flags.append("date of the cited document not stated")
        ref = DocumentRef(
            relation="cites" if nested else relation,
            number=parsed.normalised,
            raw_number=parsed.raw if parsed.raw != parsed.normalised else None,
            doc_type=type_code,
            issuer_code=parsed.issuer_code,
            year=parsed.year or (date.year if date else None),
            date=date,
            title=title,
            issuer_name=issuer_name,
            province=ref_province,
            known_id=known.id if known else None,
            span=paragraph_span(file, paragraph, word_start, min(after_end + 160, clause_end)),
            flags=flags,
        )
        found.append(_Found(word_start, after_end, ref, nested))
    return found


def _only_join(between: str, previous: _Found) -> bool:
    """Text between two references that is the previous one's title followed by ``và``."""
    stripped = between.rstrip()
    return bool(re.search(r"(?:,\s*|\s)và$", stripped)) and not _NESTING_WORDS.search(stripped[-40:])


def _clean_title(title: str) -> str:
    title = re.split(r"\s*\((?:sau đây|gọi tắt)", title)[0]
    title = title.strip(' ,.;:*_”“"')
    return title[:300]


def _names_province(issuer_name: str | None) -> bool:
    return bool(issuer_name and _PROVINCE_WORDS.search(issuer_name))


def _province_of_issuer(issuer_name: str | None) -> str | None:
    if not issuer_name:
        return None
    match = _PROVINCE_WORDS.search(issuer_name)
    if not match:
        return None
    return find_province(match.group(0))


def _titled_in_clause(
    file: str,
    paragraph: Paragraph,
    clause_start: int,
    clause_end: int,
    relation: Relation,
    covered: list[tuple[int, int]],
    numbered: list[_Found],
) -> list[DocumentRef]:
    text = paragraph.text
    clause = text[clause_start:clause_end]
    refs: list[DocumentRef] = []
    folded, offsets = fold_with_offsets(clause)
    taken: list[tuple[int, int]] = []
    numbered_known = {f.ref.known_id for f in numbered if f.ref.known_id}
    for pattern, entry in _title_patterns():
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
        known = next((e for k, e in _known_titles() if k == _title_key(title)), None)
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
