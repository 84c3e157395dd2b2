"""The rows every analysis starts from: documents, tasks, assignments, successors, targets.

Each loader runs one named query and returns plain records keyed by local ids.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from pyoxigraph import NamedNode

from graph.build.ids import local, node, slug
from graph.queries.named import run_named
from graph.store.protocol import GraphStore
from graph.store.terms import PythonValue
from loaders.text import fold

PLAN_TYPE = "doctype-kh"
_YEAR = re.compile(r"(?:19|20)\d{2}")


def _text(row: Mapping[str, object], name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


def _local(row: Mapping[str, object], name: str) -> str | None:
    value = row.get(name)
    return None if value is None else local(str(value))


def _int(row: Mapping[str, object], name: str) -> int | None:
    value = row.get(name)
    return None if value is None else int(str(value))


@dataclass(frozen=True)
class Quote:
    """Where a fact was read: the quote and its lines in the source file."""

    text: str
    file: str | None
    start_line: int | None
    end_line: int | None


@dataclass
class DocumentInfo:
    id: str
    number: str | None
    title: str | None
    label: str | None
    doc_type: str | None
    province: str | None
    province_name: str | None
    period: str | None
    is_plan: bool
    known_titles: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """``plan`` for a plan (ingested, or cited with the plan document type), else ``document``."""
        return "plan" if self.is_plan or self.doc_type == PLAN_TYPE else "document"

    @property
    def display(self) -> str:
        return self.number or self.label or self.title or self.id

    @property
    def period_end(self) -> int | None:
        """The last year of the document's period (``2026-2030`` → 2030), if it states one."""
        years = _YEAR.findall(self.period or "")
        return int(years[-1]) if years else None


def documents(store: GraphStore) -> dict[str, DocumentInfo]:
    found: dict[str, DocumentInfo] = {}
    for row in run_named(store, "analysis_documents"):
        doc_id = local(str(row["document"]))
        known = [t for t in str(row.get("knownTitles") or "").split("\n") if t.strip()]
        found[doc_id] = DocumentInfo(
            id=doc_id,
            number=_text(row, "number"),
            title=_text(row, "title"),
            label=_text(row, "label"),
            doc_type=_local(row, "docType"),
            province=_local(row, "province"),
            province_name=_text(row, "provinceName"),
            period=_text(row, "period"),
            is_plan=bool(row.get("isPlan")),
            known_titles=known,
        )
    return found


@dataclass
class TaskInfo:
    id: str
    plan: str
    province: str | None
    province_name: str | None
    code: str | None
    heading: str | None
    text: str
    quote: Quote | None


def _best_quote(text: str, quotes: list[Quote]) -> Quote | None:
    """The span that holds the task itself: the one that contains the start of its text,
    else the longest (a task also carries spans of its product, timeframe and targets)."""
    if not quotes:
        return None
    opening = fold(text)[:40]
    holding = [q for q in quotes if opening and opening in fold(q.text)]
    pool = holding or quotes
    return max(pool, key=lambda q: (len(q.text), -(q.start_line or 0)))


def _of_plans(plans: list[str] | None) -> dict[str, list[NamedNode]]:
    """The binding that limits a loader to some plans (none: the whole store)."""
    return {} if plans is None else {"plan": [node(p) for p in plans]}


def tasks(store: GraphStore, plans: list[str] | None = None) -> dict[str, TaskInfo]:
    """Every task (or those of ``plans``) with its plan, province, text and best quote."""
    found: dict[str, TaskInfo] = {}
    quotes: dict[str, list[Quote]] = {}
    if plans is not None and not plans:
        return found
    for row in run_named(store, "analysis_tasks", **_of_plans(plans)):
        task_id = local(str(row["task"]))
        if task_id not in found:
            found[task_id] = TaskInfo(
                id=task_id,
                plan=local(str(row["plan"])),
                province=_local(row, "province"),
                province_name=_text(row, "provinceName"),
                code=_text(row, "code"),
                heading=_text(row, "heading"),
                text=str(row["text"]),
                quote=None,
            )
        if row.get("quote") is not None:
            quote = Quote(str(row["quote"]), _text(row, "file"), _int(row, "startLine"), _int(row, "endLine"))
            if quote not in quotes.setdefault(task_id, []):
                quotes[task_id].append(quote)
    for task_id, task in found.items():
        task.quote = _best_quote(task.text, quotes.get(task_id, []))
    return found


@dataclass(frozen=True)
class Assignment:
    task: str
    plan: str
    province: str | None
    agency: str
    role: str  # lead | coordinating | reporting
    agency_label: str | None
    type: str | None
    type_label: str | None
    collective: bool
    generic_type: bool  # the type is a generic group ("các Sở, ban, ngành"), not one kind of body


def assignments(store: GraphStore, plans: list[str] | None = None) -> list[Assignment]:
    """Every assignment of an agency to a task (or those of the tasks of ``plans``)."""
    found: list[Assignment] = []
    if plans is not None and not plans:
        return found
    seen: set[tuple[str, str, str]] = set()
    facts: dict[str, dict[str, object]] = {}
    for fact in run_named(store, "analysis_agency_facts"):
        known = facts.setdefault(local(str(fact["agency"])), {})
        for name, value in fact.items():
            known.setdefault(name, value)
    for assigned in run_named(store, "analysis_assignments", **_of_plans(plans)):
        row = {**facts.get(local(str(assigned["agency"])), {}), **assigned}
        key = (local(str(row["task"])), local(str(row["agency"])), str(row["role"]))
        if key in seen:
            continue
        seen.add(key)
        found.append(
            Assignment(
                task=key[0],
                plan=local(str(row["plan"])),
                province=_local(row, "province"),
                agency=key[1],
                role=key[2],
                agency_label=_text(row, "agencyLabel"),
                type=_local(row, "type"),
                type_label=_text(row, "typeLabel"),
                collective=bool(row.get("collective")),
                generic_type=str(row.get("typeCategory") or "") == "group",
            )
        )
    return found


@dataclass(frozen=True)
class AgencyType:
    id: str
    label: str | None


def current_types(store: GraphStore) -> dict[str, AgencyType]:
    """For each agency with successors, the type of the body that holds its mandates today
    (the end of its ``pol:successor`` chain). Agencies without successors are absent."""
    successors: dict[str, list[str]] = {}
    types: dict[str, AgencyType] = {}
    for row in run_named(store, "analysis_successor_types"):
        agency, successor = local(str(row["agency"])), local(str(row["successor"]))
        successors.setdefault(agency, [])
        if successor not in successors[agency]:
            successors[agency].append(successor)
        types[successor] = AgencyType(local(str(row["type"])), _text(row, "typeLabel"))
    result: dict[str, AgencyType] = {}
    for agency in successors:
        current, seen = agency, {agency}
        while successors.get(current):
            nxt = successors[current][0]
            if nxt in seen:
                break
            seen.add(nxt)
            current = nxt
        if current in types:
            result[agency] = types[current]
    return result


@dataclass
class TargetInfo:
    id: str
    owner: str  # the document or task that states it
    plan: str  # the document it belongs to (the owner, or the plan of the owning task)
    province: str | None
    province_name: str | None
    value: Decimal
    value_max: Decimal | None
    unit: str | None
    metric: str | None
    comparator: str | None
    comparator_text: str | None
    deadline: int | None
    quote: Quote | None

    @property
    def value_text(self) -> str:
        def plain(value: Decimal) -> str:
            return format(value.normalize(), "f")

        words = f"{self.comparator_text} " if self.comparator_text else ""
        span = plain(self.value) if self.value_max is None else f"{plain(self.value)}–{plain(self.value_max)}"
        unit = self.unit or ""
        return f"{words}{span}{'' if unit == '%' else ' '}{unit}".strip()


def _target_rows(store: GraphStore, plans: list[str] | None, quotes: bool = True) -> list[dict[str, PythonValue]]:
    if plans is None:
        return run_named(store, "analysis_targets" if quotes else "analysis_targets_bare")
    if not plans:
        return []
    names = {str(row["province"]): row["name"] for row in run_named(store, "province_names")}
    rows = run_named(store, "analysis_plan_targets", **_of_plans(plans))
    rows += run_named(store, "analysis_task_targets", **_of_plans(plans))
    rows = [{**row, "provinceName": names.get(str(row.get("province")))} for row in rows]
    return sorted(rows, key=lambda row: (str(row["owner"]), str(row["target"])))


def targets(store: GraphStore, plans: list[str] | None = None, *, quotes: bool = True) -> dict[str, TargetInfo]:
    """Every target (or those ``plans`` and their tasks set) with its value, metric and quote
    (``quotes=False``: every target of the store without its quote, at a third of the cost)."""
    found: dict[str, TargetInfo] = {}
    for row in _target_rows(store, plans, quotes):
        target_id = local(str(row["target"]))
        if target_id in found:
            continue
        quote = None
        if row.get("quote") is not None:
            quote = Quote(str(row["quote"]), _text(row, "file"), _int(row, "startLine"), _int(row, "endLine"))
        value_max = row.get("valueMax")
        found[target_id] = TargetInfo(
            id=target_id,
            owner=local(str(row["owner"])),
            plan=local(str(row["plan"])),
            province=_local(row, "province"),
            province_name=_text(row, "provinceName"),
            value=Decimal(str(row["value"])),
            value_max=Decimal(str(value_max)) if value_max is not None else None,
            unit=_text(row, "unit"),
            metric=_text(row, "metric"),
            comparator=_text(row, "comparator"),
            comparator_text=_text(row, "comparatorText"),
            deadline=_int(row, "deadline"),
            quote=quote,
        )
    return found


class UnknownFilter(ValueError):
    """A filter (province, agency type) that matches nothing in the store."""


def _province_keys(province_id: str, name: str | None) -> set[str]:
    bare = province_id.removeprefix("province-")
    keys = {province_id, bare, bare.removesuffix("-pre2025")}
    if name:
        keys.add(slug(name))
    return keys


def resolve_provinces(known: dict[str, str | None], wanted: list[str]) -> set[str]:
    """The province ids among ``known`` (id → name) that ``wanted`` names: ids (``province-ha-tinh``,
    ``ha-tinh``) or names with or without diacritics (``Hà Tĩnh``, ``ha tinh``). A name matches
    the unit before and after the 2025 merger alike."""
    chosen: set[str] = set()
    for item in wanted:
        key = slug(item.removeprefix("province-"))
        matched = {
            pid for pid, name in known.items() if item in _province_keys(pid, name) or key in _province_keys(pid, name)
        }
        if not matched:
            raise UnknownFilter(f"no plan in the store is from the province '{item}'")
        chosen |= matched
    return chosen


def agency_names(store: GraphStore) -> list[str]:
    """Every Vietnamese name of an agency type ("Sở Công Thương", "UBND cấp huyện", ...)."""
    return sorted({str(row["name"]) for row in run_named(store, "analysis_agency_names")})
