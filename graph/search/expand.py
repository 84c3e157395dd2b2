"""What a search query may mean besides its words: an agency abbreviation ("sct", "Sở NN&MT"),
another spelling of a loanword ("nilon" for "ni lông"), or the name of a province merged away in
2025 ("Tiền Giang", now part of Đồng Tháp). Each is read as the words the documents use, and the
page says so."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from graph.read.directory import type_ids_matching
from loaders.text import fold
from ontology import catalogue

# Loanwords the plans write one way and people type another (folded forms).
SPELLINGS: dict[str, str] = {
    "nilon": "ni lông",
    "nilong": "ni lông",
    "nylon": "ni lông",
    "ni lon": "ni lông",
    "plastic": "nhựa",
    "pet": "nhựa PET",
}

LONGEST = 5
"""The most words of a query read as one abbreviation, spelling or province name."""


@dataclass(frozen=True)
class Reading:
    """One part of the query read otherwise."""

    kind: Literal["abbreviation", "spelling", "merged_province"]
    written: str
    meaning: str
    date: dt.date | None = None


@dataclass(frozen=True)
class Expansion:
    query: str
    readings: list[Reading] = field(default_factory=list)


@cache
def _merged_provinces() -> dict[str, tuple[str, dt.date | None]]:
    """Folded names of the provinces merged away → the name of the province they became and when."""
    entries = catalogue.provinces()
    current_names = {fold(e.name) for e in entries.values() if e.current}
    found: dict[str, tuple[str, dt.date | None]] = {}
    for entry in entries.values():
        successor = entries.get(entry.successor_id or "")
        if entry.current or successor is None or fold(entry.name) in current_names:
            continue
        found[fold(entry.name)] = (successor.name, entry.valid_until)
    return found


@cache
def _type_names() -> dict[str, str]:
    return {entry.id: entry.pref_vi for entry in catalogue.agency_types().values()}


def _read(phrase: str) -> Reading | None:
    key = fold(phrase)
    if key in SPELLINGS:
        return Reading("spelling", phrase, SPELLINGS[key])
    merged = _merged_provinces().get(key)
    if merged is not None:
        name, until = merged
        return Reading("merged_province", phrase, name, until + dt.timedelta(days=1) if until else None)
    types = sorted(type_ids_matching(phrase))
    if len(types) == 1:
        meaning = _type_names().get(types[0])
        if meaning and fold(meaning) != key:
            return Reading("abbreviation", phrase, meaning)
    return None


def expand(query: str) -> Expansion | None:
    """The query with every abbreviation, other spelling and merged province's name replaced by
    what the documents write (longest phrases first), or None when nothing was replaced."""
    words = query.split()
    out: list[str] = []
    readings: list[Reading] = []
    k = 0
    while k < len(words):
        for n in range(min(LONGEST, len(words) - k), 0, -1):
            reading = _read(" ".join(words[k : k + n]))
            if reading is not None:
                out.append(reading.meaning)
                readings.append(reading)
                k += n
                break
        else:
            out.append(words[k])
            k += 1
    return Expansion(" ".join(out), readings) if readings else None
