"""References by number: ``Quyết định số 889/QĐ-TTg ngày 24/6/2020 của Thủ tướng Chính phủ
về ...``. Around each number stand its type word (or a law's name), its date, its issuer and
its title; a number inside the title of the one before it is nested there (a citation of the
plan, not its legal basis)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.citations.known import match_known
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
from loaders.text import Paragraph, fold

TYPE_WORDS_PATTERN = "|".join(
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
_TYPE_WORD_RE = re.compile(rf"(?P<word>{TYPE_WORDS_PATTERN})\s*(?:số|số hiệu)?\s*:?\s*$", re.I)
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
_PROVINCE_WORDS = re.compile(r"\b(?:tỉnh|thành phố|tp\.?)\s+(?P<name>[A-ZĐ][\w]*(?:\s+[A-ZĐ][\w]*){0,3})")


@dataclass
class Found:
    """A reference read by its number: where it stands in the paragraph (from its type word to
    its date), and whether it is nested in the title of the reference before it."""

    start: int
    end: int
    ref: DocumentRef
    nested: bool


def numbered_in_clause(
    file: str,
    paragraph: Paragraph,
    clause_start: int,
    clause_end: int,
    relation: Relation,
    province: str | None,
) -> list[Found]:
    """The references by number in one clause of ``paragraph`` (``clause_start``..``clause_end``),
    in order; a nested one is a citation whatever the clause's ``relation``."""
    text = paragraph.text
    found: list[Found] = []
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
        known = match_known(parsed.normalised, parsed.year or (date.year if date else None))
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
        found.append(Found(word_start, after_end, ref, nested))
    return found


def _only_join(between: str, previous: Found) -> bool:
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
