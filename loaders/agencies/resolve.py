"""Agency mentions → (agency type, jurisdiction).

The labels of the curated agency types (ontology/reference/agency-types.ttl) are folded
(no diacritics, ``đ`` → ``d``, lower case), so spelling variants, both tone placements and
line breaks match alike; abbreviations are labels too. People's Committees are read by their
level (``UBND các huyện, thị xã, thành phố`` is the district level, as a group). A mention that
matches no type is kept as written and flagged "unresolved", never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from loaders.agencies.structure import STRUCTURE_FLAG, head_of, recognise
from loaders.models import AgencyMention, Span
from loaders.places import province_name, unit_for
from loaders.spans import paragraph_span
from loaders.text import Paragraph, fold, fold_with_offsets
from ontology import catalogue

UNRESOLVED = "unresolved"

# how names of bodies begin, as written (case and diacritics matter: "Báo" is a newspaper,
# "Bảo đảm" is a verb): a list item starting with one of them is an agency mention
_AGENCY_HEADS = re.compile(
    r"^(?:[Cc]ác\s+)?(?:(?:Sở|Ban|Ủy ban|Uỷ ban|Hội|Bộ|Cục|Chi cục|Trung tâm|Hiệp hội|Báo|Đài|"
    r"Liên đoàn|Liên minh|Đoàn|Văn phòng|Kho bạc|Ngân hàng|Thanh tra|Viện|Trường|Quỹ|Chi nhánh|"
    r"Công ty|Tổng công ty|Phòng)\s+(?=[A-ZĐ0-9]|đại học|cao đẳng)|"
    r"(?:UBND|HĐND|Hội đồng nhân dân|Công an|Bộ Chỉ huy|Bộ đội|Tỉnh đoàn|Thành đoàn|Bảo hiểm xã hội|"
    r"Mặt trận|Tòa án|Toà án|Viện kiểm sát|Thành ủy|Tỉnh ủy|Đảng ủy|[Cc]ơ quan|[Đđ]ơn vị|"
    r"[Cc]ác tổ chức|[Cc]ác sở|[Cc]ác hội|[Đđ]ịa phương|[Tt]ổ chức chính trị)(?:\s|,|$))"
)
_TRAILING_SCOPE = re.compile(
    r"^(?:\s+(?:cấp\s+)?(?:tỉnh|thành phố|tp\.?)(?![\w])(?:\s+[A-ZĐ][\w]*(?:\s+[A-ZĐ][\w]*){0,3})?)",
    re.IGNORECASE,
)
_UBND = re.compile(
    r"(?P<head>UBND|Ủy ban nhân dân|Uỷ ban nhân dân)(?P<rest>(?:\s+(?:các|cấp))*"
    r"(?:\s*(?:,|và|\/)?\s*(?:tỉnh|huyện|quận|thị xã|thành phố|xã|phường|thị trấn|đặc khu|"
    r"địa phương|cơ sở|cấp tỉnh|cấp huyện|cấp xã|Tỉnh|Thành phố|TP\.?)(?![\w]))+)",
)
# what may follow a listed name inside the name itself: a region's numeral ("Kho bạc Nhà nước
# khu vực XI"), or a proper name ("Ban Quản lý Khu kinh tế Đông Nam")
_REGION_TAIL = re.compile(r"(?:\s+khu vực)?\s+(?:[IVXLC]+|\d{1,2})(?![\w/.])")
_NAME_TAIL = re.compile(
    r"\s+(?!(?:Chủ|Phối|Thực|Tham|Căn|Giao|Đề|Các|Và|Theo|Tổ|Trên|Trong|Tỉnh|Thành|Sở|Ban|Ủy|UBND)\b)"
    r"[A-ZĐ][\w]*(?:\s+[A-ZĐ][\w]*){0,3}(?![\w])"
)
_LIST_OF_CODES = re.compile(r"^\s*[Cc]ác\s+[Ss]ở\s*:\s*(?P<codes>[^.;]+)")


@dataclass(frozen=True)
class _Label:
    key: str  # folded
    type_id: str
    label: str  # as curated
    kind: str  # pref | alt | hidden


@cache
def _labels() -> dict[str, list[_Label]]:
    """Labels bucketed by their first folded word, longest first."""
    buckets: dict[str, list[_Label]] = {}
    seen: set[tuple[str, str]] = set()
    for entry in catalogue.agency_types().values():
        if entry.generic:
            continue  # a bare head noun ("Sở", "Hội") names no body by itself
        labelled = [(entry.pref_vi, "pref")]
        labelled += [(label, "alt") for label in entry.alt_labels]
        labelled += [(label, "hidden") for label in entry.hidden_labels]
        for label, kind in labelled:
            key = _label_key(label)
            # "các cơ quan liên quan" is also written "cơ quan liên quan" inside a list
            keys = [key, key[4:]] if key.startswith("cac ") and len(key) > 12 else [key]
            for variant in keys:
                if not variant or (variant, entry.id) in seen:
                    continue
                seen.add((variant, entry.id))
                buckets.setdefault(variant.split(" ")[0], []).append(_Label(variant, entry.id, label, kind))
    for bucket in buckets.values():
        bucket.sort(key=lambda item: len(item.key), reverse=True)
    return buckets


def _label_key(label: str) -> str:
    key = fold(label)
    key = re.sub(r"\s*[-–]\s*", " - ", key)
    return key.strip()


@cache
def _short_codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for entry in catalogue.agency_types().values():
        for code in entry.short_codes:
            codes[fold(code).replace(" ", "")] = entry.id
    return codes


def _type(type_id: str) -> catalogue.AgencyTypeEntry:
    return catalogue.agency_types()[type_id]


@dataclass
class Resolution:
    start: int  # offsets in the text that was scanned
    end: int
    text: str
    type_id: str | None
    label: str | None
    group: bool
    province_name: str | None = None  # a province named in the mention itself
    how: str = "label"  # label | structure (read by the structure of the name, in an assignee position)


def _match_label(folded: str, position: int) -> _Label | None:
    # the text is not sliced: a scan tries every word start of long paragraphs
    space = folded.find(" ", position)
    first = folded[position : space if space >= 0 else len(folded)]
    candidates = _labels().get(first, [])
    # also allow labels whose first word is glued to punctuation ("sở," etc.)
    for label in candidates:
        if folded.startswith(label.key, position):
            end = position + len(label.key)
            if end == len(folded) or not folded[end].isalnum():
                return label
    return None


def _ubnd_level(rest: str) -> tuple[str | None, bool]:
    words = fold(rest)
    group = bool(re.search(r"\b(?:cac|cap huyen|cap xa)\b", words)) or "," in rest or " va " in words
    if re.search(r"\b(?:huyen|quan|thi xa|cap huyen)\b", words):
        return "type-ubnd-huyen", group
    if re.search(r"\b(?:xa|phuong|thi tran|dac khu|cap xa|co so)\b", words):
        return "type-ubnd-xa", group
    if re.search(r"\b(?:tinh|thanh pho|tp|cap tinh)\b", words):
        return "type-ubnd-tinh", group and "cac" in words
    if "dia phuong" in words:
        return "type-ubnd-xa", True
    return None, group


def scan(text: str) -> list[Resolution]:
    """Every agency mention the curated labels recognise in ``text``, left to right."""
    folded, offsets = fold_with_offsets(text)
    normalised = re.sub(r"[-–]", "-", folded)
    results: list[Resolution] = []
    position = 0
    length = len(normalised)
    while position < length:
        if position > 0 and normalised[position - 1].isalnum():
            position += 1
            continue
        ubnd = _UBND.match(text, offsets[position]) if normalised[position] in "uủ" else None
        if ubnd:
            type_id, group = _ubnd_level(ubnd.group("rest"))
            start, end = ubnd.start(), ubnd.end()
            province = None
            tail = _TRAILING_SCOPE.match(text, end)
            if tail:
                province = province_name(tail.group(0))
                end = tail.end() if province else end
            results.append(Resolution(start, end, text[start:end], type_id, ubnd.group(0), group, province))
            position = _folded_position(offsets, end)
            continue
        label = _match_label(normalised, position)
        if label is not None:
            start = offsets[position]
            end_folded = position + len(label.key)
            end = offsets[end_folded - 1] + 1 if end_folded - 1 < len(offsets) else len(text)
            province = None
            tail = _TRAILING_SCOPE.match(text, end)
            if tail:
                named = province_name(tail.group(0))
                if named or re.fullmatch(r"\s+(?:cấp\s+)?(?:tỉnh|thành phố|tp\.?)", tail.group(0), re.I):
                    province = named
                    end = tail.end() if named else end + len(tail.group(0).split()[0]) + 1
            if province is None:
                end = _name_end(text, end, label)
            before = text[max(0, start - 5) : start]
            group = _collective(label) or bool(re.search(r"\bcác\s*$", before, re.IGNORECASE))
            results.append(Resolution(start, end, text[start:end], label.type_id, label.label, group, province))
            position = _folded_position(offsets, end)
            continue
        position += 1
    return results


def _collective(label: _Label) -> bool:
    """A label for many bodies: a group type, the public ("doanh nghiệp, cộng đồng và cá
    nhân"), or a label that says so itself ("các hiệp hội")."""
    return _type(label.type_id).category in ("group", "enterprise") or label.key.startswith(("cac ", "nhung "))


def _name_end(text: str, end: int, label: _Label) -> int:
    """Where a listed name ends when the name goes on: a region's numeral after ``khu vực``,
    or a proper name after the label of a body that carries one (boards, centres, units)."""
    region = _REGION_TAIL.match(text, end)
    if region and (label.key.endswith("khu vuc") or "khu vực" in region.group(0)):
        return region.end()
    entry = _type(label.type_id)
    proper = entry.category in ("other", "association", "front", "media") or label.key.startswith("ban quan ly")
    named = _NAME_TAIL.match(text, end) if proper and entry.level != "national" else None
    return named.end() if named else end


def _folded_position(offsets: list[int], original: int) -> int:
    for index, offset in enumerate(offsets):
        if offset >= original:
            return index
    return len(offsets)


def _looks_like_agency(piece: str) -> bool:
    text = re.sub(r"^(?:Đề nghị|đề nghị|Giao|giao|chủ trì|phối hợp)\s+", "", piece.strip("-+ "))
    return bool(_AGENCY_HEADS.match(text))


def resolve_list(text: str) -> list[Resolution]:
    """Read a text that is a list of assignees (a heading, a table cell) completely.

    Known agencies are resolved; every other piece between separators that looks like the
    name of a body is returned unresolved, so nothing an assignee list says is dropped.
    """
    codes = _LIST_OF_CODES.match(text)
    if codes:
        return _resolve_codes(text, codes)
    found = scan(text)
    results: list[Resolution] = []
    cursor = 0
    for item in [*found, Resolution(len(text), len(text), "", None, None, False)]:
        gap = text[cursor : item.start]
        results.extend(_unresolved_pieces(gap, cursor))
        if item.text:
            results.append(item)
        cursor = max(cursor, item.end)
    return results


def _unresolved_pieces(gap: str, base: int) -> list[Resolution]:
    """The bodies named between the listed ones: read by the structure of their names (a
    head noun, name words, a jurisdiction), else kept as written and unresolved."""
    pieces: list[Resolution] = []
    for match in re.finditer(r"[^,;\n]+", gap):
        for offset, part in _and_parts(match.group(0)):
            pieces.extend(_piece(part, base + match.start() + offset))
    return pieces


def _and_parts(piece: str) -> list[tuple[int, str]]:
    """``Hội Nông dân và Liên minh Hợp tác xã`` is two bodies; ``Sở Văn hóa, Thể thao và Du
    lịch`` stays one: a ``và`` splits only where a head noun follows it."""
    if "và" not in piece:
        return [(0, piece)]
    parts: list[tuple[int, str]] = []
    cursor = 0
    for match in re.finditer(r"\s+và\s+", piece):
        if head_of(piece[match.end() :]) is not None and piece[cursor : match.start()].strip():
            parts.append((cursor, piece[cursor : match.start()]))
            cursor = match.end()
    parts.append((cursor, piece[cursor:]))
    return parts


_OPENING_WORDS = re.compile(r"^\s*(?:(?:và|với|cùng|Đề nghị|đề nghị|Giao|giao)\s+)*")
_COLLECTIVE = re.compile(r"^(?:[Cc]ác|[Nn]hững)\s+")
_LEADING = re.compile(r"^\s*(?:và|với|cùng|các|Đề nghị|đề nghị)\s+")
_TRAILING_ROLE = re.compile(r"\s+(?:chủ trì|phối hợp|thực hiện|và|với)\s*$")
# lower-case first words a body's name (or a list's joining word) may begin with
_LOWER_OPENINGS = frozenset(("và", "với", "cùng", "các", "những", "đề", "giao", "cơ", "đơn", "địa", "tổ"))


def _piece(piece: str, base: int, *, in_sentence: bool = False) -> list[Resolution]:
    first = piece.lstrip(" \t\n*-+•(")[:12].split(" ", 1)[0]
    if not first or (first[0].islower() and first not in _LOWER_OPENINGS):
        return []  # prose: no body's name begins so
    opening = _OPENING_WORDS.match(piece)
    body = piece[opening.end() if opening else 0 :]
    collective = _COLLECTIVE.match(body)
    named = recognise(body[collective.end() :] if collective else body, in_sentence=in_sentence)
    if named is not None:
        start = base + (len(piece) - len(body)) + (collective.end() if collective else 0) + named.start
        text = named.text
        if collective:
            start -= collective.end()
            text = body[: collective.end()] + text
        province = _province_in(named.text)
        return [
            Resolution(
                start, start + len(text), text, named.type_id, named.head, bool(collective), province, "structure"
            )
        ]
    stripped = _LEADING.sub("", piece).strip(" .:-–+()")
    stripped = _TRAILING_ROLE.sub("", stripped)
    if len(stripped) < 4 or len(stripped.split()) > 10 or not _looks_like_agency(stripped):
        return []
    start = base + piece.find(stripped[:4])
    return [Resolution(start, start + len(stripped), stripped, None, None, "các" in piece.lower())]


def structural_at(text: str, position: int) -> Resolution | None:
    """A body named by the structure of its name at ``position`` of a sentence (where the
    sentence puts an assignee), up to the next separator; ``None`` when none begins there."""
    piece = re.match(r"[^,;.\n]*", text[position:])
    if piece is None or not piece.group(0).strip():
        return None
    found = _piece(piece.group(0), position, in_sentence=True)
    if not found or found[0].how != "structure" or found[0].start - position > 6:
        return None
    return found[0]


def _province_in(name: str) -> str | None:
    match = re.search(r"\s(?:tỉnh|thành phố|Tỉnh|Thành phố|TP\.?)\s+[A-ZĐ][\w\s]*$", name)
    return province_name(match.group(0)) if match else None


def _resolve_codes(text: str, codes: re.Match[str]) -> list[Resolution]:
    results = []
    for match in re.finditer(r"[^,;\s][^,;]*", codes.group("codes")):
        code = match.group(0).strip()
        type_id = _short_codes().get(fold(code).replace(" ", ""))
        start = codes.start("codes") + match.start()
        label = f"Sở {code}"
        results.append(Resolution(start, start + len(code), label, type_id, code if type_id else None, False))
    return results


def to_mention(
    file: str,
    paragraph: Paragraph,
    resolution: Resolution,
    *,
    base: int = 0,
    province: str | None,
    on: dt.date | None = None,
) -> AgencyMention:
    """An ``AgencyMention`` for a resolution found at ``base`` + offsets in ``paragraph.text``."""
    span: Span = paragraph_span(file, paragraph, base + resolution.start, base + resolution.end)
    flags: list[str] = []
    national = False
    jurisdiction = province
    if resolution.how == "structure":
        flags.append(STRUCTURE_FLAG)
    if resolution.type_id is None:
        flags.append(UNRESOLVED)
    else:
        entry = _type(resolution.type_id)
        if entry.level == "national":
            national = True
            jurisdiction = None
        elif resolution.province_name:
            named = unit_for(resolution.province_name, on)
            if named and province and named != province and _same_name(named, province):
                named = province
            jurisdiction = named or province
    if jurisdiction is None and not national:
        if resolution.type_id and _type(resolution.type_id).category == "group":
            national = province is None
        else:
            flags.append("jurisdiction unknown")
    return AgencyMention(
        text=resolution.text.strip(),
        type_id=resolution.type_id,
        province=jurisdiction,
        national=national,
        group=resolution.group,
        matched_label=resolution.label,
        span=span,
        flags=flags,
    )


def _same_name(a: str, b: str) -> bool:
    entries = catalogue.provinces()
    return a in entries and b in entries and entries[a].name == entries[b].name
