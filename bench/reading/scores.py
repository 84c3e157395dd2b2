"""How well a plan read from another format matches the same plan read from its plain text.

The facts compared are the ones a user relies on: the plan's number and date, its legal bases
(the documents it implements or is based on), the lead agencies of its tasks (counted, so a
lead lost from one task shows), and its annex rows (a row is found again when a task of the
other reading has nearly the same text, 90 % alike once folded, and the same leads). A number
the other reading holds and the text does not (a document number, a target's value) is an
invented number. The character error rate of an OCR reading is the edit distance between its
text and the reference text, both folded to one space between words and without the
``|``/tab marks between cells, over the length of the reference.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from loaders.models import PlanRecord, TaskRecord
from loaders.text import fold

SAME_ROW = 90.0


@dataclass(frozen=True)
class Score:
    number_same: bool
    date_same: bool
    legal_bases_same: bool
    lead_recall: float
    annex_rows: int  # annex rows of the text reading
    annex_recall: float
    tasks: int
    targets: int
    invented_numbers: tuple[str, ...]


def _lead_key(task: TaskRecord) -> list[str]:
    return [mention.type_id or fold(mention.text) for mention in task.leads]


def leads(record: PlanRecord) -> Counter[str]:
    return Counter(key for task in record.tasks for key in _lead_key(task))


def legal_bases(record: PlanRecord) -> set[tuple[str, str]]:
    return {
        (ref.relation, ref.number or ref.known_id or fold(ref.title or ""))
        for ref in record.references
        if ref.relation in ("implements", "based_on")
    }


def _numbers(record: PlanRecord) -> Counter[str]:
    found: Counter[str] = Counter()
    for ref in record.references:
        if ref.number:
            found[ref.number] += 1
    for task in record.tasks:
        for ref in task.references:
            if ref.number:
                found[ref.number] += 1
    targets = [*record.targets, *(t for task in record.tasks for t in task.targets)]
    for target in targets:
        found[f"{target.value.normalize()} {target.unit}"] += 1
    return found


def target_count(record: PlanRecord) -> int:
    return len(record.targets) + sum(len(task.targets) for task in record.tasks)


def _recall(reference: Counter[str], other: Counter[str]) -> float:
    total = sum(reference.values())
    return 1.0 if total == 0 else sum(min(n, other[key]) for key, n in reference.items()) / total


def score(reference: PlanRecord, other: PlanRecord) -> Score:
    rows = [task for task in reference.tasks if task.origin == "annex"]
    candidates = [task for task in other.tasks if task.origin == "annex"]
    found = 0
    for row in rows:
        text = fold(row.text)
        match = next(
            (
                c
                for c in candidates
                if fuzz.ratio(text, fold(c.text)) >= SAME_ROW and sorted(_lead_key(c)) == sorted(_lead_key(row))
            ),
            None,
        )
        if match is not None:
            candidates.remove(match)
            found += 1
    invented = _numbers(other) - _numbers(reference)
    return Score(
        number_same=(reference.number.value if reference.number else None)
        == (other.number.value if other.number else None),
        date_same=(reference.date.value if reference.date else None) == (other.date.value if other.date else None),
        legal_bases_same=legal_bases(reference) == legal_bases(other),
        lead_recall=_recall(leads(reference), leads(other)),
        annex_rows=len(rows),
        annex_recall=found / len(rows) if rows else 1.0,
        tasks=len(other.tasks),
        targets=target_count(other),
        invented_numbers=tuple(sorted(invented)),
    )


_CELL_MARKS = re.compile(r"\s*[|\t]\s*")


def comparable(text: str) -> str:
    return " ".join(_CELL_MARKS.sub(" ", text).split())


def character_error_rate(reference: str, read: str) -> float:
    ref, hyp = comparable(reference), comparable(read)
    return Levenshtein.distance(ref, hyp) / max(len(ref), 1)
