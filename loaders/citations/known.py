"""The national documents of the curated catalogue (ontology/reference), indexed for the
reference readers: by number, and by title as patterns over folded text (any spacing between
words and around a dash), longest titles first."""

from __future__ import annotations

import re
from functools import cache

from loaders.text import fold
from ontology import catalogue


@cache
def known_by_number() -> dict[str, list[catalogue.NationalDocumentEntry]]:
    index: dict[str, list[catalogue.NationalDocumentEntry]] = {}
    for entry in catalogue.national_documents().values():
        if entry.number:
            index.setdefault(fold(entry.number), []).append(entry)
    return index


@cache
def known_titles() -> list[tuple[str, catalogue.NationalDocumentEntry]]:
    titles: list[tuple[str, catalogue.NationalDocumentEntry]] = []
    for entry in catalogue.national_documents().values():
        for title in (entry.title, *entry.known_titles):
            if title and len(title) > 12:
                titles.append((title_key(title), entry))
    titles.sort(key=lambda pair: len(pair[0]), reverse=True)
    return titles


@cache
def documents_by_title_key() -> dict[str, tuple[catalogue.NationalDocumentEntry, ...]]:
    """The catalogue's documents by title key: several versions of a law share one."""
    found: dict[str, dict[str, catalogue.NationalDocumentEntry]] = {}
    for key, entry in known_titles():
        found.setdefault(key, {})[entry.id] = entry
    return {key: tuple(entries.values()) for key, entries in found.items()}


@cache
def title_keys_by_id() -> dict[str, frozenset[str]]:
    """Each catalogue document's title keys, by its id."""
    keys: dict[str, set[str]] = {}
    for key, entry in known_titles():
        keys.setdefault(entry.id, set()).add(key)
    return {doc_id: frozenset(found) for doc_id, found in keys.items()}


@cache
def title_patterns() -> list[tuple[re.Pattern[str], catalogue.NationalDocumentEntry]]:
    """Each known title as a pattern over folded text: any spacing between words, any spacing
    around a dash; longest titles first."""
    patterns = []
    for key, entry in known_titles():
        pattern = r"\s+".join(
            r"\s*[-–]\s*".join(re.escape(part) for part in word.split("-")) for word in key.split(" ")
        )
        patterns.append((re.compile(pattern), entry))
    return patterns


def title_key(title: str) -> str:
    """A title folded, with the spaces around its dashes dropped.

    >>> title_key("Chương trình Mục tiêu quốc gia  –  Xây dựng nông thôn mới")
    'chuong trinh muc tieu quoc gia-xay dung nong thon moi'
    """
    key = fold(title)
    key = re.sub(r"\s*[-–]\s*", "-", key)
    return key


def match_known(number: str, year: int | None) -> catalogue.NationalDocumentEntry | None:
    for entry in known_by_number().get(fold(number), []):
        if year is None or entry.issued is None or entry.issued.year == year:
            return entry
    return None
