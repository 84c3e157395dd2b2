"""Who owns which mandate: an agency's own tasks and those it inherited through successors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from graph.build.ids import local, node
from graph.queries.named import run_named
from graph.queries.rows import Row, integer, text
from graph.read.directory import all_agencies
from graph.read.plans import all_plans
from graph.store.protocol import GraphStore
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


def _mandate(row: Row, holder: str, inherited: bool) -> Mandate:
    return Mandate(
        agency=local(str(row["agency"])),
        holder=holder,
        holder_label=None,
        task=local(str(row["task"])),
        role=str(row["role"]),
        text=str(row["text"]),
        code=text(row, "code"),
        plan=local(str(row["plan"])),
        plan_label=None,
        plan_title=None,
        province=None,
        quote=None,
        file=None,
        start_line=None,
        end_line=None,
        inherited=inherited,
    )


# A quote that shows its task holds the start of the task's text near its own start.
_FIT_PREFIX = 60
_FIT_WINDOW = 400


def _fit_key(text: str) -> str:
    """Text compared for span fitting: spaces collapsed, lowercase (task text and quote come
    from the same source text, so no folding of diacritics is needed)."""
    return " ".join(text.split()).lower()


def _span_fit(task_key: str, quote: str) -> tuple[int, int]:
    """How well a source span shows its task (``task_key``: the start of its text): the
    quote holding the task text first (a table row rather than one of its cells), then the
    longer quote."""
    return (int(task_key in _fit_key(quote[:_FIT_WINDOW])), len(quote))


def add_sources(store: GraphStore, found: list[Mandate]) -> None:
    """Give each mandate the source span that best shows its task (one query for all)."""
    keys = {m.task: _fit_key(m.text)[:_FIT_PREFIX] for m in found}
    best: dict[str, tuple[tuple[int, int], Row]] = {}
    if keys:
        for row in run_named(store, "task_spans", task=[node(task) for task in keys]):
            task = local(str(row["task"]))
            fit = _span_fit(keys[task], str(row["quote"]))
            if task not in best or fit > best[task][0]:
                best[task] = (fit, row)
    for mandate in found:
        if mandate.task in best:
            source = best[mandate.task][1]
            mandate.quote = text(source, "quote")
            mandate.file = text(source, "file")
            mandate.start_line = integer(source, "startLine")
            mandate.end_line = integer(source, "endLine")


def _add_labels(store: GraphStore, found: list[Mandate]) -> None:
    """Plan labels, titles and provinces from the plan list, agency labels from the directory."""
    plans = {plan.id: plan for plan in all_plans(store)}
    agencies = {agency.id: agency.label for agency in all_agencies(store)}
    for mandate in found:
        plan = plans.get(mandate.plan)
        if plan is not None:
            mandate.plan_label, mandate.plan_title, mandate.province = plan.label, plan.title, plan.province
        mandate.holder_label = agencies.get(mandate.holder)


def _plan_order(row: Row) -> tuple[str, str, bool, str, str]:
    """Plan, role, task code (tasks without one first) and task: the order of the SPARQL
    ``ORDER BY ?plan ?role ?code ?task``, sorted here because the embedded store's ORDER BY
    reads every compared string from disk again."""
    code = row.get("code")
    return (str(row["plan"]), str(row["role"]), code is not None, str(code or ""), str(row["task"]))


def mandates(
    store: GraphStore, agency_id: str, *, include_predecessors: bool = False, with_sources: bool = True
) -> list[Mandate]:
    """The agency's mandates, one per task and role; with predecessors, also those of the
    bodies merged into it (bound as values, so that every join is an index lookup). A task
    read from several spans (a table row and its cells) is shown with the span that holds
    its text (``with_sources=False`` leaves the spans out, for :func:`add_sources` on the
    few that are shown)."""
    term = node(agency_id)
    chosen: dict[tuple[str, str, str], Mandate] = {}
    for row in sorted(run_named(store, "mandates", agency=term), key=_plan_order):
        mandate = _mandate(row, agency_id, False)
        chosen.setdefault((mandate.holder, mandate.task, mandate.role), mandate)
    if include_predecessors:
        handovers: dict[str, dt.date] = {}
        for row in run_named(store, "handovers", agency=term):
            holder, date = local(str(row["holder"])), row.get("handover")
            if isinstance(date, dt.date) and (holder not in handovers or date < handovers[holder]):
                handovers[holder] = date
        holders = [node(local(str(row["holder"]))) for row in run_named(store, "predecessors", agency=term)]
        if holders:
            for row in sorted(run_named(store, "mandates", agency=holders), key=_plan_order):
                holder = local(str(row["agency"]))
                mandate = _mandate({**row, "agency": agency_id}, holder, True)
                mandate.handover = handovers.get(holder)
                chosen.setdefault((mandate.holder, mandate.task, mandate.role), mandate)
    found = list(chosen.values())
    if with_sources:
        add_sources(store, found)
    _add_labels(store, found)
    return found


@dataclass
class AgencyMatch:
    id: str
    label: str
    type_id: str
    province: str | None
    province_name: str | None
    matched: str


def find_agencies(store: GraphStore, name: str, province: str | None = None) -> list[AgencyMatch]:
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
