"""Numeric targets (``Phấn đấu trên 85% trường THPT ...``, ``xây dựng 02 mô hình thí điểm``)
and budget totals (``3.235.715.000 đồng``).

A target keeps its comparator as written (trên → gt, ít nhất → gte, khoảng → approx, đạt → eq),
its unit, and what is measured in the document's own words. The deadline is the year the
clause names; when it names none, the year a lead-in sentence names or the end of the plan's
period is used and the target is flagged with where that year came from.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from loaders.models import BudgetRecord, Comparator, TargetRecord
from loaders.spans import paragraph_span
from loaders.text import Paragraph, clean_spaces

_COMPARATORS: list[tuple[str, Comparator]] = [
    ("ít nhất", "gte"),
    ("tối thiểu", "gte"),
    ("không dưới", "gte"),
    ("không ít hơn", "gte"),
    ("trên", "gt"),
    ("hơn", "gt"),
    ("vượt", "gt"),
    ("khoảng", "approx"),
    ("xấp xỉ", "approx"),
    ("gần", "approx"),
    ("dưới", "lt"),
    ("không quá", "lte"),
    ("tối đa", "lte"),
    ("đạt", "eq"),
]
_NUMBER = r"\d{1,3}(?:[.,]\d{1,2})?"
_PERCENT = re.compile(rf"(?P<v>{_NUMBER})(?:\s*%?\s*[-–]\s*(?P<v2>{_NUMBER}))?\s*%")
_COUNT_NOUNS = (
    "mô hình",
    "lớp tập huấn",
    "lớp",
    "tin bài",
    "tin, bài",
    "bài viết",
    "bài",
    "chương trình",
    "cuộc thi",
    "cuộc",
    "đợt",
    "hội nghị",
    "hội thảo",
    "hội chợ",
    "doanh nghiệp",
    "hợp tác xã",
    "sản phẩm",
    "bộ tài liệu",
    "bộ",
    "đề án",
    "dự án",
    "phóng sự",
    "video",
    "ấn phẩm",
    "buổi",
    "lượt",
    "người",
    "trạm",
    "điểm",
    "trường",
    "cơ sở",
    "xã",
    "khu",
    "cụm",
    "nền tảng",
    "hệ thống",
    "cơ sở dữ liệu",
    "dịch vụ",
    "chuyên mục",
    "phiên",
    "khóa",
    "khoá",
    "tổ",
    "nhóm",
    "đội",
)
_COUNT = re.compile(
    r"(?<![\d/.,%-])(?P<v>\d{1,5})(?:\s*[-–]\s*(?P<v2>\d{1,5}))?\s+(?P<unit>"
    + "|".join(sorted((re.escape(n) for n in _COUNT_NOUNS), key=len, reverse=True))
    + r")(?![\w])",
    re.IGNORECASE,
)
_NOT_COUNT_BEFORE = re.compile(r"(?:năm|ngày|tháng|số|giai đoạn|điều|khoản|quý|kỳ|lần thứ|khóa|đến|từ|thứ)\s*$", re.I)
_YEAR = re.compile(r"(?:đến|tới|trước|trong|hết|vào|cuối)?\s*(?:năm|hết năm|cuối năm)\s+(?P<y>20\d\d)")
_MONEY = re.compile(
    r"(?P<amount>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(?P<scale>tỷ|triệu|nghìn|ngàn)?\s*đồng",
    re.IGNORECASE,
)
_SCALES = {
    "tỷ": Decimal(10) ** 9,
    "triệu": Decimal(10) ** 6,
    "nghìn": Decimal(1000),
    "ngàn": Decimal(1000),
}


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


def _comparator(before: str) -> tuple[Comparator, str | None]:
    window = before[-24:].lower()
    for words, comparator in _COMPARATORS:
        if re.search(rf"(?:^|\s){re.escape(words)}\s*$", window):
            return comparator, words
    return "eq", None


def _clauses(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in re.finditer(r";|\.\s+(?=[A-ZĐ])", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


_PRESENT_STATE = re.compile(r"^\s*(?:Hiện nay|Hiện tại|Tính đến nay|Đến nay)\b", re.IGNORECASE)
# what joins a figure's words to the next figure: "và tăng thêm ít nhất", ", phấn đấu đạt"
_JOINER = re.compile(
    r"(?:[\s,;]|và|tăng thêm|tăng|giảm còn|giảm|còn|phấn đấu|đạt|trên|khoảng|ít nhất|tối thiểu|không dưới|"
    r"dưới|tối đa|không quá|hơn|vượt|gần|xấp xỉ|từ)*$",
    re.IGNORECASE,
)


def _before_next(text: str, next_start: int) -> int:
    """Where the words of a figure end: before the joining words of the next figure."""
    window_start = max(0, next_start - 40)
    match = _JOINER.search(text, window_start, next_start)
    return match.start() if match else next_start


_RATE = re.compile(r"\b(?:tỷ lệ|tỉ lệ|tỷ trọng|tỉ trọng)\b", re.IGNORECASE)


def _own_metric(text: str, own: tuple[int, int], start: int, end: int) -> str | None:
    """What one of several percentages of a sentence measures: the rate named before it
    ("tỷ lệ trẻ em đi học mẫu giáo đạt 98%"), else the words after it up to the next figure
    ("ít nhất 20% số nhóm trẻ ..."); ``None`` when neither says enough."""
    before = text[own[0] : start]
    rates = list(_RATE.finditer(before))
    if rates:
        rate = rates[-1]
        words = before[rate.start() :]
        joiner = _JOINER.search(words)
        cleaned = clean_spaces(words[: joiner.start() if joiner else len(words)]).strip(" ,.:;")
        if len(cleaned.split()) >= 3:
            return cleaned
    after = clean_spaces(text[end : own[1]]).strip(" ,.:;")
    return after if len(after.split()) >= 4 else None


def _metric(text: str, clause: tuple[int, int], number_start: int, number_end: int) -> str:
    after = clean_spaces(text[number_end : clause[1]]).strip(" ,.:;")
    if len(after.split()) >= 4:
        return after
    return clean_spaces(text[clause[0] : clause[1]]).strip(" ,.:;-+")


def targets_in(
    file: str,
    paragraph: Paragraph,
    *,
    default_year: int | None = None,
    default_year_origin: str | None = None,
    counts: bool = True,
) -> list[TargetRecord]:
    """Numeric targets stated in a paragraph (percentages always, counts when asked)."""
    text = paragraph.text
    found: list[TargetRecord] = []
    for clause in _clauses(text):
        clause_text = text[clause[0] : clause[1]]
        year_match = _YEAR.search(clause_text)
        year = int(year_match.group("y")) if year_match else default_year
        flags = [] if year_match or year is None else [f"deadline year from {default_year_origin}"]
        hits: list[tuple[int, int, Decimal, Decimal | None, str]] = []
        for match in _PERCENT.finditer(text, clause[0], clause[1]):
            value = _decimal(match.group("v"))
            if value is None or value > 100:
                continue
            upper = _decimal(match.group("v2")) if match.group("v2") else None
            hits.append((match.start(), match.end(), value, upper, "%"))
        if counts:
            for match in _COUNT.finditer(text, clause[0], clause[1]):
                if _NOT_COUNT_BEFORE.search(text[max(0, match.start() - 14) : match.start()]):
                    continue
                value = _decimal(match.group("v"))
                if value is None or value == 0:
                    continue
                upper = _decimal(match.group("v2")) if match.group("v2") else None
                hits.append((match.start(), match.end(), value, upper, match.group("unit").lower()))
        if _PRESENT_STATE.match(clause_text):
            continue  # "Hiện nay, tổng số trạm ... khoảng 180 trạm": where things stand, not a target
        ordered = sorted(hits)
        for index, (start, end, value, upper, unit) in enumerate(ordered):
            comparator, comparator_text = _comparator(text[clause[0] : start])
            # several figures in one sentence: each measures the words up to the next one
            # ("tăng ít nhất 20% số nhóm trẻ ... và tăng thêm ít nhất 10% số trường ...")
            percents = [hit for hit in ordered if hit[4] == "%"]
            position = percents.index(ordered[index]) if unit == "%" else -1
            own = (
                percents[position - 1][1] if position > 0 else clause[0],
                _before_next(text, percents[position + 1][0]) if 0 <= position < len(percents) - 1 else clause[1],
            )
            metric = None
            if len(percents) > 1 and position >= 0:
                metric = _own_metric(text, own, start, end)
            found.append(
                TargetRecord(
                    value=value,
                    value_max=upper,
                    unit=unit,
                    comparator=comparator,
                    comparator_text=comparator_text,
                    metric=metric
                    or (_metric(text, clause, start, end) if unit == "%" else _metric(text, clause, start, start)),
                    deadline_year=year,
                    span=paragraph_span(file, paragraph, clause[0], clause[1]),
                    flags=list(flags),
                )
            )
    return found


def budget_in(file: str, paragraph: Paragraph) -> BudgetRecord | None:
    """A total in đồng stated in a funding paragraph, with the funding sources it lists."""
    text = paragraph.text
    money = None
    for match in _MONEY.finditer(text):
        amount = _decimal(match.group("amount").replace(".", "").replace(",", "."))
        if amount is None:
            continue
        scale = match.group("scale")
        if scale:
            amount *= _SCALES[scale.lower()]
        if re.search(r"tổng|dự toán|tổng kinh phí|tổng số", text[: match.start()], re.I):
            money = amount
            break
    sources = _sources(text)
    if money is None and not sources:
        return None
    return BudgetRecord(amount_dong=money, sources=sources, span=paragraph_span(file, paragraph))


def _sources(text: str) -> list[str]:
    match = re.search(r"(?:các nguồn|nguồn(?: kinh phí| vốn)?)\s*:\s*(?P<list>[^.]+)", text, re.I)
    if not match:
        match = re.search(
            r"(?:sử dụng |được bố trí |huy động )?từ (?:nguồn|các nguồn)\s+(?P<list>[^.(]+)",
            text,
            re.I,
        )
    if not match:
        return []
    parts = re.split(r",\s*|;\s*|\s+và\s+", match.group("list"))
    return [clean_spaces(p).strip(" .:") for p in parts if len(p.strip()) > 3][:12]
