"""Who owns which mandate: an agency's own tasks and those it inherited through successors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from graph.ids import local, node
from graph.named_queries import run_named
from graph.rows import Row, integer, text
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


def _mandate(row: Row, inherited: bool) -> Mandate:
    handover = row.get("handover")
    return Mandate(
        agency=local(str(row["agency"])),
        holder=local(str(row.get("holder", row["agency"]))),
        holder_label=text(row, "holderLabel"),
        task=local(str(row["task"])),
        role=str(row["role"]),
        text=str(row["text"]),
        code=text(row, "code"),
        plan=local(str(row["plan"])),
        plan_label=text(row, "planLabel"),
        plan_title=text(row, "planTitle"),
        province=local(str(row["province"])) if row.get("province") else None,
        quote=text(row, "quote"),
        file=text(row, "file"),
        start_line=integer(row, "startLine"),
        end_line=integer(row, "endLine"),
        inherited=inherited,
        handover=handover if isinstance(handover, dt.date) else None,
    )


def _span_fit(mandate: Mandate) -> tuple[int, int]:
    """How well a mandate's source span shows its task: the quote holding the task text
    first (a table row rather than one of its cells), then the longer quote."""
    quote = fold(mandate.quote or "")
    return (int(fold(mandate.text)[:60] in quote), len(quote))


def mandates(store: PolicyStore, agency_id: str, *, include_predecessors: bool = False) -> list[Mandate]:
    """The agency's mandates, one per task and role; with predecessors, also those of the
    bodies merged into it. A task read from several spans (a table row and its cells)
    is shown with the span that holds its text."""
    term = node(agency_id)
    chosen: dict[tuple[str, str, str], Mandate] = {}
    rows = [(row, False) for row in run_named(store, "mandates", agency=term)]
    handovers: dict[str, dt.date] = {}
    if include_predecessors:
        # The mandates of each body merged into this one, looked up body by body: a bound
        # agency keeps every join an index lookup.
        for predecessor in run_named(store, "predecessors", agency=term):
            holder = node(local(str(predecessor["holder"])))
            found = run_named(store, "mandates", agency=holder)
            rows += [({**row, "agency": agency_id, "holder": str(holder.value)}, True) for row in found]
        for row in run_named(store, "handovers", agency=term):
            holder, date = local(str(row["holder"])), row.get("handover")
            if isinstance(date, dt.date) and (holder not in handovers or date < handovers[holder]):
                handovers[holder] = date
    for row, inherited in rows:
        mandate = _mandate(row, inherited)
        if inherited:
            mandate.handover = handovers.get(mandate.holder)
        key = (mandate.holder, mandate.task, mandate.role)
        current = chosen.get(key)
        if current is None or (current.inherited == mandate.inherited and _span_fit(mandate) > _span_fit(current)):
            chosen[key] = mandate
    return list(chosen.values())


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
