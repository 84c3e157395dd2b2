"""National coverage: which of the 34 provinces carry out a national document, and which of
its targets each province's plans take up.

A province has a plan for a document when a plan of that province, or of a unit merged into it
in 2025, derives from the document in the lineage graph: directly ("Thực hiện Quyết định
889/QĐ-TTg"), through another provincial plan, or by citing its title. A national target is
taken up by a plan when the target-gap analysis (``graph.analysis.target_gaps``) matched one of
the plan's targets to it; the matched target's words, value and similarity are the evidence.

Cost: one pass over the document level of the lineage graph (kept until the store changes)
and one target-gap run.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import networkx as nx
from pydantic import BaseModel

from graph.analysis.lineage.local import document_graph, documents
from graph.analysis.loading import DocumentInfo
from graph.analysis.target_gaps import cached_target_gaps, target_gaps
from graph.build.coverage import CoverageFact, UptakeFact
from graph.store.protocol import GraphStore
from ontology import catalogue


class CoveragePlan(BaseModel):
    plan: str
    label: str
    province: str  # the plan's own province (a unit before the 2025 merger, if so)
    province_name: str | None
    direct: bool  # the plan itself says it implements the document


class TargetEvidence(BaseModel):
    target: str
    plan: str
    value_text: str
    metric: str
    deadline: int | None
    similarity: float | None
    quote: str | None
    file: str | None
    start_line: int | None
    end_line: int | None


class NationalTargetCoverage(BaseModel):
    target: str
    metric: str
    value_text: str
    deadline: int | None
    taken_up_by: dict[str, list[TargetEvidence]]  # current province id → matched targets


class ProvinceCoverage(BaseModel):
    province: str  # one of the 34 current units
    name: str
    former_units: list[str]  # the names of the other units merged into it on 1 July 2025
    plans: list[CoveragePlan]

    @property
    def covered(self) -> bool:
        return bool(self.plans)


class DocumentCoverage(BaseModel):
    document: str
    number: str | None
    title: str | None
    provinces: list[ProvinceCoverage]
    targets: list[NationalTargetCoverage]

    @property
    def covered(self) -> list[ProvinceCoverage]:
        return [p for p in self.provinces if p.plans]

    @property
    def uncovered(self) -> list[ProvinceCoverage]:
        return [p for p in self.provinces if not p.plans]


class UnknownDocument(LookupError):
    """No document of the store has that id or number."""


def current_unit(province_id: str) -> str | None:
    """The current province a unit is, or was merged into (``province-tien-giang`` →
    ``province-dong-thap``)."""
    units = catalogue.provinces()
    seen: set[str] = set()
    unit = units.get(province_id)
    while unit is not None and not unit.current and unit.successor_id and unit.id not in seen:
        seen.add(unit.id)
        unit = units.get(unit.successor_id)
    return unit.id if unit is not None and unit.current else None


def _former_units() -> dict[str, list[str]]:
    units = catalogue.provinces()
    former: dict[str, list[str]] = {u.id: [] for u in units.values() if u.current}
    for unit in units.values():
        if unit.current:
            continue
        now = current_unit(unit.id)
        if now is not None and unit.name != units[now].name and unit.name not in former[now]:
            former[now].append(unit.name)
    return former


def alphabetical(name: str) -> str:
    """A sort key that puts Đ beside D and ignores tone marks first."""
    bare = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in bare if not unicodedata.combining(c)).casefold() + "\0" + name


def plans_by_province(graph: nx.DiGraph, known: Mapping[str, DocumentInfo], doc_id: str) -> dict[str, list[str]]:
    """The plans deriving from ``doc_id`` in the lineage graph, by the current province their
    own province is (or was merged into); provinces without a plan are left out."""
    found: dict[str, list[str]] = {}
    for node in sorted(nx.descendants(graph, doc_id)) if doc_id in graph else ():
        info = known.get(node)
        now = current_unit(info.province) if info is not None and info.kind == "plan" and info.province else None
        if now is not None:
            found.setdefault(now, []).append(node)
    return found


def resolve_document(store: GraphStore, key: str) -> str:
    """A document id from its id or its number (``889/QĐ-TTg``)."""
    known = documents(store)
    if key in known:
        return key
    matches = sorted(d.id for d in known.values() if d.number and d.number.casefold() == key.strip().casefold())
    if not matches:
        raise UnknownDocument(f"no document with id or number {key!r}")
    return matches[0]


def document_coverage(store: GraphStore, key: str) -> DocumentCoverage:
    """The coverage of one document across the 34 provinces."""
    doc_id = resolve_document(store, key)
    graph = document_graph(store)
    known = documents(store)
    units = catalogue.provinces()
    former = _former_units()
    by_province: dict[str, list[CoveragePlan]] = {unit: [] for unit in former}
    for unit, plans in plans_by_province(graph, known, doc_id).items():
        for node in plans:
            info = known[node]
            by_province[unit].append(
                CoveragePlan(
                    plan=node,
                    label=info.display,
                    province=info.province or "",
                    province_name=info.province_name,
                    direct=graph.has_edge(doc_id, node),
                )
            )
    provinces = [
        ProvinceCoverage(province=unit, name=units[unit].name, former_units=former[unit], plans=by_province[unit])
        for unit in sorted(former, key=lambda u: alphabetical(units[u].name))
    ]
    return DocumentCoverage(
        document=doc_id,
        number=known[doc_id].number if doc_id in known else None,
        title=known[doc_id].title if doc_id in known else None,
        provinces=provinces,
        targets=_targets(store, doc_id),
    )


def _targets(store: GraphStore, doc_id: str) -> list[NationalTargetCoverage]:
    gaps = cached_target_gaps(store)
    national: dict[str, NationalTargetCoverage] = {}
    for gap in gaps:
        if gap.status != "matched" or gap.national_document != doc_id or gap.national_target is None:
            continue
        entry = national.setdefault(
            gap.national_target,
            NationalTargetCoverage(
                target=gap.national_target,
                metric=gap.national_metric or "",
                value_text=gap.national_value_text or "",
                deadline=gap.national_deadline,
                taken_up_by={},
            ),
        )
        now = current_unit(gap.province) if gap.province else None
        if now is None:
            continue
        entry.taken_up_by.setdefault(now, []).append(
            TargetEvidence(
                target=gap.target,
                plan=gap.plan,
                value_text=gap.value_text,
                metric=gap.metric,
                deadline=gap.deadline,
                similarity=gap.similarity,
                quote=gap.quote,
                file=gap.file,
                start_line=gap.start_line,
                end_line=gap.end_line,
            )
        )
    return sorted(national.values(), key=lambda t: (t.deadline or 0, t.target))


def coverage_matrix(store: GraphStore) -> dict[str, dict[str, int]]:
    """National document id → current province id → number of its plans deriving from it, for
    every national document of the reference data."""
    graph = document_graph(store)
    known = documents(store)
    matrix: dict[str, dict[str, int]] = {}
    current = [u.id for u in catalogue.provinces().values() if u.current]
    for doc_id in sorted(catalogue.national_documents()):
        plans = plans_by_province(graph, known, doc_id)
        matrix[doc_id] = {unit: len(plans.get(unit, ())) for unit in current}
    return matrix


def coverage_facts(store: GraphStore) -> tuple[list[CoverageFact], list[UptakeFact]]:
    """Every national document of the reference data in each of the 34 provinces, and every
    provincial target matched to a national one, as facts for the coverage graph (what
    ``graph.ingest.coverage`` writes after an ingest)."""
    graph = document_graph(store)
    known = documents(store)
    current = sorted(u.id for u in catalogue.provinces().values() if u.current)
    facts: list[CoverageFact] = []
    for doc_id in sorted(catalogue.national_documents()):
        plans = plans_by_province(graph, known, doc_id)
        facts += [CoverageFact(doc_id, unit, tuple(plans.get(unit, ()))) for unit in current]
    uptakes: list[UptakeFact] = []
    for gap in target_gaps(store, lineage=graph, quotes=False):
        if gap.status != "matched" or gap.national_target is None or gap.national_document is None:
            continue
        now = current_unit(gap.province) if gap.province else None
        if now is not None and gap.national_document in catalogue.national_documents():
            uptakes.append(UptakeFact(gap.national_document, now, gap.national_target, gap.target, gap.similarity))
    return facts, uptakes
