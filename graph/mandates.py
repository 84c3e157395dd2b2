"""Who owns which mandate: an agency's own tasks and those it inherited through successors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from graph.ids import local, node
from graph.named_queries import run_named
from graph.store import PolicyStore
from loaders.text import fold


@dataclass
class Mandate:
    agency: str  # local id of the agency asked about
    holder: str  # local id of the agency the task was given to
    holder_label: str | None
    task: str
    role: str
    text: str
    code: str | None
    plan: str
    plan_label: str | None
    plan_title: str | None
    province: str | None
    quote: str | None
    file: str | None
    start_line: int | None
    end_line: int | None
    inherited: bool = False
    handover: dt.date | None = None
    via: list[str] = field(default_factory=list)


def _mandate(row: dict[str, object], inherited: bool) -> Mandate:
    def text(name: str) -> str | None:
        value = row.get(name)
        return None if value is None else str(value)

    def number(name: str) -> int | None:
        value = row.get(name)
        return int(value) if value is not None else None  # type: ignore[call-overload]

    handover = row.get("handover")
    return Mandate(
        agency=local(str(row["agency"])),
        holder=local(str(row.get("holder", row["agency"]))),
        holder_label=text("holderLabel"),
        task=local(str(row["task"])),
        role=str(row["role"]),
        text=str(row["text"]),
        code=text("code"),
        plan=local(str(row["plan"])),
        plan_label=text("planLabel"),
        plan_title=text("planTitle"),
        province=local(str(row["province"])) if row.get("province") else None,
        quote=text("quote"),
        file=text("file"),
        start_line=number("startLine"),
        end_line=number("endLine"),
        inherited=inherited,
        handover=handover if isinstance(handover, dt.date) else None,
    )


def mandates(store: PolicyStore, agency_id: str, *, include_predecessors: bool = False) -> list[Mandate]:
    """The agency's mandates; with predecessors, also those of the bodies merged into it."""
    term = node(agency_id)
    found = [_mandate(row, False) for row in run_named(store, "mandates", agency=term)]
    if include_predecessors:
        seen: set[tuple[str, str, str]] = set()
        for row in run_named(store, "mandates_inherited", agency=term):
            mandate = _mandate(row, True)
            key = (mandate.holder, mandate.task, mandate.role)
            if key in seen:
                continue
            seen.add(key)
            found.append(mandate)
    return found


@dataclass
class AgencyMatch:
    id: str
    label: str
    type_id: str
    province: str | None
    province_name: str | None
    matched: str


def find_agencies(store: PolicyStore, name: str, province: str | None = None) -> list[AgencyMatch]:
    """Agencies whose label or type label matches ``name`` (diacritics and case ignored),
    optionally in one province (either provincial unit of that name)."""
    wanted = fold(name)
    wanted_province = fold(province) if province else None
    matches: dict[str, AgencyMatch] = {}
    for row in run_named(store, "agency_directory"):
        agency = local(str(row["agency"]))
        label = str(row.get("label") or agency)
        candidates = [str(row.get("typeLabel") or ""), label]
        hit = next(
            (c for c in candidates if c and (fold(c) == wanted or fold(c).startswith(wanted + " "))),
            None,
        )
        if hit is None and wanted not in fold(label):
            continue
        province_name = str(row["provinceName"]) if row.get("provinceName") else None
        if wanted_province and (province_name is None or fold(province_name) != wanted_province):
            continue
        current = matches.get(agency)
        score_hit = hit or label
        if current is None or (hit and fold(hit) == wanted):
            matches[agency] = AgencyMatch(
                id=agency,
                label=label,
                type_id=local(str(row["type"])),
                province=local(str(row["province"])) if row.get("province") else None,
                province_name=province_name,
                matched=score_hit,
            )
    return sorted(matches.values(), key=lambda m: (m.province or "", m.label))
