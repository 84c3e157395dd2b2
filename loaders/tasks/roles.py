"""Roles inside a task's text: who coordinates, who is reported to, and who leads when the
text says so (``Chủ trì, phối hợp với ...``, ``Phối hợp với Sở Công Thương ...``,
``báo cáo kết quả về Sở Công Thương``, ``X chủ trì. Các đơn vị liên quan phối hợp``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from loaders.agencies.resolve import Resolution, resolve_list, scan, structural_at
from loaders.text import fold

# what may stand between two agencies of one list
_FILLER = re.compile(
    r"^(?:[\s,;]|và|với|cùng|các|có liên quan|liên quan|cấp tỉnh|tỉnh|thành phố|trên địa bàn"
    r"|đoàn thể|khác|trực thuộc|thuộc tỉnh|\(|\))*$",
    re.IGNORECASE,
)
_COORDINATE = re.compile(r"\bphối hợp(?:\s+(?:chặt chẽ|thường xuyên))?(?:\s+(?:với|cùng))?\s+", re.I)
_REPORT = re.compile(
    r"\b(?:báo cáo|gửi báo cáo|gửi)(?:\s+(?:kết quả|tình hình|định kỳ))*(?:\s+thực hiện)?"
    r"(?:\s+(?:về|cho|lên|đến))\s+",
    re.IGNORECASE,
)
_LEAD_AFTER = re.compile(r"\bchủ trì\b", re.IGNORECASE)
_ADVISE = re.compile(r"\btham mưu\b", re.IGNORECASE)
_MONITOR = re.compile(r"\b(?:theo dõi|đôn đốc|kiểm tra, giám sát|tổng hợp, báo cáo|tổng hợp báo cáo)\b", re.I)


@dataclass
class Roles:
    leads: list[Resolution]
    coordinators: list[Resolution]
    reports_to: list[Resolution]
    advises: bool
    monitoring: bool


def _run_after(text: str, position: int, mentions: list[Resolution]) -> list[Resolution]:
    """The contiguous list of mentions starting right after ``position``."""
    run: list[Resolution] = []
    cursor = position
    for mention in mentions:
        if mention.start < position:
            continue
        gap = text[cursor : mention.start]
        if not _FILLER.match(gap):
            break
        run.append(mention)
        cursor = mention.end
    return run


def _with_structural(text: str, mentions: list[Resolution]) -> list[Resolution]:
    """The listed mentions, and the bodies named by structure where the text puts an
    assignee: right after ``phối hợp với``, ``báo cáo về``, an opening ``Giao``/``Đề nghị``,
    before ``chủ trì``, and after a mention followed by ``,``/``;``/``và`` (the list goes on)."""
    anchors = [m.end() for m in _COORDINATE.finditer(text)] + [m.end() for m in _REPORT.finditer(text)]
    opening = _OPENING.match(text)
    if opening:
        anchors.append(opening.end())
    for match in _LEAD_AFTER.finditer(text):
        clause = max(text.rfind(sep, 0, match.start()) for sep in (".", ";", ":", "\n"))
        start = clause + 1
        giao = _OPENING.match(text, start)
        anchors.append(giao.end() if giao else start)
    found = list(mentions)
    pending = sorted(set(anchors))
    seen: set[int] = set()
    while pending:
        anchor = pending.pop(0)
        if anchor in seen:
            continue
        seen.add(anchor)
        ahead = text[anchor : anchor + 5].lstrip()
        if not ahead[:1].isupper() and not ahead.startswith(("các ", "Các ")):
            continue  # a name begins with a capital (or "các" for a group of them)
        if any(anchor <= m.start and _FILLER.match(text[anchor : m.start]) and m.start - anchor < 8 for m in found):
            continue
        named = structural_at(text, anchor)
        if named is None or any(m.start < named.end and named.start < m.end for m in found):
            continue
        found.append(named)
        follow = _LIST_GOES_ON.match(text, named.end)
        if follow:
            pending.append(follow.end())
    for mention in list(found):
        follow = _LIST_GOES_ON.match(text, mention.end) if anchors else None
        if (
            follow
            and follow.end() not in seen
            and mention.how == "label"
            and text[follow.end() : follow.end() + 1].isupper()
        ):
            named = structural_at(text, follow.end())
            if named is not None and not any(m.start < named.end and named.start < m.end for m in found):
                found.append(named)
    return sorted(found, key=lambda m: m.start)


_OPENING = re.compile(r"\s*(?:[-+•*]\s*)?(?:Giao|Đề nghị|giao|đề nghị)\s+")
_LIST_GOES_ON = re.compile(r"\s*(?:[,;]|\s+và)\s*")


# a labelled field inside a sentence or a parenthesis: "(Cơ quan chủ trì: Sở Tư pháp; cơ quan
# phối hợp: các sở, ngành; thời gian: Quý II/2026)", "Chủ trì: Sở Y tế."
_INLINE_FIELD = re.compile(
    r"(?:(?<=[(;.,:])|^|(?<=\s))\s*(?:(?:[Cc]ơ quan|[Đđ]ơn vị|[Cc]ơ quan, đơn vị)\s+)?"
    r"(?P<role>[Cc]hủ trì(?: thực hiện)?|[Pp]hối hợp(?: thực hiện)?)\s*:\s*(?P<value>(?:(?!\.\s|[;()]).)+)"
)


def _inline_fields(text: str) -> tuple[list[Resolution], list[Resolution]]:
    leads: list[Resolution] = []
    coordinators: list[Resolution] = []
    for match in _INLINE_FIELD.finditer(text):
        value = match.group("value")
        # the value ends at the next sentence or label ("Thời gian: ...")
        end = re.search(r"\.\s|\.$|\s[-–]\s|\b(?:[Tt]hời gian|[Tt]hời hạn|[Ss]ản phẩm|[Kk]inh phí)\b", value)
        value = value[: end.start()] if end else value
        found = [
            replace(r, start=r.start + match.start("value"), end=r.end + match.start("value"))
            for r in resolve_list(value)
        ]
        (leads if match.group("role").lower().startswith("chủ") else coordinators).extend(found)
    return leads, coordinators


def roles_in(text: str) -> Roles:
    field_leads, field_coordinators = _inline_fields(text)
    if field_leads or field_coordinators:
        return Roles(
            leads=_unique(field_leads),
            coordinators=_unique(c for c in field_coordinators if c not in field_leads),
            reports_to=[],
            advises=bool(_ADVISE.search(text)),
            monitoring=bool(_MONITOR.search(text)),
        )
    mentions = _with_structural(text, scan(text))
    coordinators: list[Resolution] = []
    for match in _COORDINATE.finditer(text):
        coordinators.extend(_run_after(text, match.end(), mentions))
    reports: list[Resolution] = []
    for match in _REPORT.finditer(text):
        reports.extend(_run_after(text, match.end(), mentions))
    leads: list[Resolution] = []
    for match in _LEAD_AFTER.finditer(text):
        # "Sở Công Thương, Sở Giáo dục và Đào tạo chủ trì": the list right before the words
        before = [m for m in mentions if m.end <= match.start()]
        run: list[Resolution] = []
        cursor = match.start()
        for mention in reversed(before):
            if not _FILLER.match(text[mention.end : cursor]):
                break
            run.insert(0, mention)
            cursor = mention.start
        leads.extend(run)
    return Roles(
        leads=_unique(leads),
        coordinators=_unique(c for c in coordinators if c not in leads),
        reports_to=_unique(reports),
        advises=bool(_ADVISE.search(text)),
        monitoring=bool(_MONITOR.search(text)),
    )


def _unique(items: object) -> list[Resolution]:
    seen: set[tuple[int, int]] = set()
    out: list[Resolution] = []
    for item in items:  # type: ignore[attr-defined]
        if (item.start, item.end) not in seen:
            seen.add((item.start, item.end))
            out.append(item)
    return out


def starts_as_coordinator(text: str) -> list[Resolution] | None:
    """``Phối hợp với Sở X ...`` at the start: the named, specific agencies lead the task."""
    head = text.lstrip("-+•* ")
    match = re.match(r"(?:Tiếp tục\s+)?[Pp]hối hợp(?:\s+chặt chẽ)?(?:\s+(?:với|cùng))?\s+", head)
    if not match:
        return None
    offset = len(text) - len(head)
    mentions = scan(text)
    run = _run_after(text, offset + match.end(), mentions)
    if not run or any(m.group or m.type_id is None for m in run):
        return None
    return run


def split_lead_cell(text: str) -> tuple[list[Resolution], list[Resolution], list[tuple[int, str]]]:
    """A cell such as ``Sở Công Thương; Ban Quản lý Khu kinh tế tỉnh chủ trì. Các đơn vị liên
    quan phối hợp`` → (leads, coordinators, offsets of the parts read)."""
    parts: list[tuple[int, str]] = []
    for match in re.finditer(r"[^.]+", text):
        if match.group(0).strip():
            parts.append((match.start(), match.group(0)))
    leads: list[Resolution] = []
    coordinators: list[Resolution] = []
    for offset, part in parts:
        folded = fold(part)
        found = [_shift(r, offset) for r in resolve_list(_strip_role_words(part))]
        if "phoi hop" in folded and "chu tri" not in folded:
            coordinators.extend(found)
        else:
            leads.extend(found)
    return leads, coordinators, parts


def _strip_role_words(part: str) -> str:
    return re.sub(r"\b(?:chủ trì|phối hợp|thực hiện)\b", lambda m: " " * len(m.group(0)), part, flags=re.I)


def _shift(resolution: Resolution, offset: int) -> Resolution:
    return replace(resolution, start=resolution.start + offset, end=resolution.end + offset)
