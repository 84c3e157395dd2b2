"""Provinces named in a document, and which provincial unit (before or after 1 July 2025) is meant."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from loaders.text import fold
from ontology import catalogue

PROVINCE_REFORM = dt.date(2025, 7, 1)
_SCOPE = r"(?:tỉnh|thành phố|tp\.?|TP\.?)"


@cache
def _name_index() -> list[tuple[str, str]]:
    """(folded label, province name) pairs, longest label first."""
    pairs: dict[str, str] = {}
    for entry in catalogue.provinces().values():
        for label in (entry.name, *entry.labels):
            key = _strip_scope(fold(label))
            if len(key) >= 3:
                pairs.setdefault(key, entry.name)
    return sorted(pairs.items(), key=lambda pair: len(pair[0]), reverse=True)


def _strip_scope(key: str) -> str:
    return re.sub(r"^(?:tinh|thanh pho|tp\.?)\s+", "", key).strip()


@cache
def _units_by_name() -> dict[str, dict[bool, str]]:
    units: dict[str, dict[bool, str]] = {}
    for entry in catalogue.provinces().values():
        units.setdefault(entry.name, {})[entry.current] = entry.id
    return units


def province_name(text: str) -> str | None:
    """The province a phrase names ("tỉnh Đồng Tháp", "TP. Hồ Chí Minh", "Hà Tĩnh")."""
    key = _strip_scope(fold(text).strip(" .,;:"))
    for label, name in _name_index():
        if key == label or (key.startswith(label + " ") and len(label) >= 5):
            return name
    return None


def names_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, province name) for every scoped mention: "tỉnh An Giang", "Thành phố Hồ Chí Minh"."""
    found = []
    folded = fold(text)
    for match in re.finditer(r"\b(?:tinh|thanh pho|tp\.?)\s+", folded):
        rest = folded[match.end() :]
        for label, name in _name_index():
            if rest.startswith(label) and (len(rest) == len(label) or not rest[len(label)].isalnum()):
                found.append((match.start(), match.end() + len(label), name))
                break
    return found


def unit_for(name: str, on: dt.date | None, *, current_if_unknown: bool = True) -> str | None:
    """The id of the provincial unit of that name in force on a date."""
    units = _units_by_name().get(name)
    if not units:
        return None
    if on is None:
        return units.get(current_if_unknown) or next(iter(units.values()))
    return units.get(on >= PROVINCE_REFORM) or next(iter(units.values()))


def find_province(text: str, on: dt.date | None = None) -> str | None:
    name = province_name(text)
    return unit_for(name, on) if name else None
