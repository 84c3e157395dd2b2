"""Checks read off the plan's text: numbering that skips or repeats, an annex announced but absent.

They read the normalised lines the extraction read (line numbers as in every span), and only
numbering the text itself prints at the start of a line: Roman part numbers (``III.``),
items (``2.``) and sub-items (``2.3.``). A Word file numbered by list styles prints none, and
gets no finding.

>>> [f.subject for f in numbering([(1, "I. MỤC ĐÍCH"), (2, "1. Mục đích"), (3, "3. Yêu cầu")], "kh.txt")]
['2']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from graph.build.findings import Finding, Rule, finding
from loaders.models import PlanRecord, Span

NUMBERING = Rule(
    "numbering",
    "warning",
    "Đánh số thiếu hoặc trùng",
    "Numbering skips or repeats",
)
ANNEX_MISSING = Rule(
    "annex-missing",
    "error",
    "Văn bản dẫn chiếu phụ lục nhưng tệp không có phụ lục",
    "The text refers to an annex the file lacks",
)

Lines = Sequence[tuple[int, str]]

_ROMAN = re.compile(r"^\s*([IVX]{1,5})\.\s+\S")
_ITEM = re.compile(r"^\s*(\d{1,2})\.\s+\S")
_SUBITEM = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.?\s+\S")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}

_ANNEX_CITED = re.compile(r"\bph[ụu] l[ụu]c\b(?:\s+(?:số\s+)?[IVX\d]+)?\s*(?:kèm theo|đính kèm|kèm)", re.IGNORECASE)
_ANNEX_HEADING = re.compile(r"^\s*(?:\*\*)?\s*PH[ỤU] L[ỤU]C\b", re.IGNORECASE)


def _roman(text: str) -> int:
    total = 0
    for i, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def _to_roman(number: int) -> str:
    digits = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, text in digits:
        while number >= value:
            out += text
            number -= value
    return out


def _span(file: str, line: int, text: str) -> Span:
    return Span(file=file, start_line=line, end_line=line, quote=text.strip()[:200])


def _sequence_findings(
    file: str,
    items: list[tuple[int, int, str]],
    where_vi: str,
    where_en: str,
    show: Callable[[int], str] = str,
) -> list[Finding]:
    """Findings for one run of numbers (line, number, text); a run restarting at 1 is a new list."""
    findings: list[Finding] = []
    previous: int | None = None
    for line, number, text in items:
        if previous is not None and number == previous:
            label = show(number)
            findings.append(
                finding(
                    NUMBERING,
                    f"Mục {label} {where_vi} được đánh số hai lần.",
                    f"Item {label} {where_en} is numbered twice.",
                    _span(file, line, text),
                    subject=label,
                )
            )
        elif previous is not None and number > previous + 1:
            missing = [show(n) for n in range(previous + 1, number)]
            findings.append(
                finding(
                    NUMBERING,
                    f"Thiếu mục {', '.join(missing)} {where_vi}: sau mục {show(previous)} là mục {show(number)}.",
                    f"Item {', '.join(missing)} {where_en} is missing: {show(number)} follows {show(previous)}.",
                    _span(file, line, text),
                    subject=", ".join(missing),
                )
            )
        previous = number
    return findings


def numbering(lines: Lines, file: str) -> list[Finding]:
    """Gaps and repeats among part numbers, the items of each part and the sub-items of each item."""
    parts: list[tuple[int, int, str]] = []
    items: dict[int, list[tuple[int, int, str]]] = {}
    subitems: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    part = 0
    for line, text in lines:
        if _ANNEX_HEADING.match(text):
            break  # an annex numbers its rows in its own way
        if match := _ROMAN.match(text):
            part = _roman(match.group(1))
            parts.append((line, part, text))
        elif match := _SUBITEM.match(text):
            key = (part, int(match.group(1)))
            subitems.setdefault(key, []).append((line, int(match.group(2)), text))
        elif match := _ITEM.match(text):
            items.setdefault(part, []).append((line, int(match.group(1)), text))
    findings = _sequence_findings(file, parts, "của văn bản", "of the document", _to_roman)
    for number, run in items.items():
        findings += _sequence_findings(file, run, f"trong phần {_to_roman(number)}", f"in part {_to_roman(number)}")
    for (number, item), run in subitems.items():
        findings += _sequence_findings(
            file,
            run,
            f"trong mục {item} phần {_to_roman(number)}",
            f"in item {item} of part {_to_roman(number)}",
            show=lambda n, item=item: f"{item}.{n}",  # type: ignore[misc]
        )
    return findings


def annex(record: PlanRecord, lines: Lines) -> list[Finding]:
    """An annex the text refers to ("theo Phụ lục kèm theo") that the file does not hold."""
    if any(task.origin in ("annex", "table") for task in record.tasks):
        return []
    if any(_ANNEX_HEADING.match(text) for _line, text in lines):
        return []
    for line, text in lines:
        if match := _ANNEX_CITED.search(text):
            return [
                finding(
                    ANNEX_MISSING,
                    f"Văn bản dẫn chiếu “{match.group(0)}” nhưng tệp không có phụ lục nào.",
                    f"The text refers to “{match.group(0)}”, but the file holds no annex.",
                    _span(record.source_name, line, text),
                    subject=match.group(0),
                )
            ]
    return []
