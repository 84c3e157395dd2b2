"""Target gaps: each provincial target set against the national target it answers to.

A provincial target is matched only to targets of the documents its plan implements (its
ancestors in the lineage graph), with the same unit and a metric that counts the same
population and reads alike. Among the national deadlines for that metric, the first one at or
after the provincial deadline is the yardstick (Đồng Tháp's 2023 figure is held against the
national 2025 one). A target without its own deadline takes the end of its plan's period.

Percentages compare; counts do not (a national count is a total across all provinces), so
they are matched but get no gap. Targets with no national counterpart are listed as
unmatched, never forced onto the nearest one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, TypedDict

import networkx as nx
from pydantic import BaseModel

from graph.analysis import loading, metrics
from graph.analysis.lineage.dag import DOCUMENT_KINDS
from graph.analysis.lineage.local import document_graph
from graph.analysis.similarity.index import SimilarityIndex
from graph.analysis.similarity.syllables import canonical
from graph.read.cache.memo import memoized
from graph.store.protocol import GraphStore

MATCH_SIMILARITY = 0.4
"""The least metric similarity (mean of whole-metric and subject similarity) for a match."""
COMPARABLE_UNITS = frozenset({"%"})


DeadlineFrom = Literal["target", "plan period"]


class TargetGap(BaseModel):
    target: str
    province: str | None
    province_name: str | None
    plan: str
    owner: str
    metric: str
    value: float
    value_max: float | None
    unit: str | None
    value_text: str
    deadline: int | None
    deadline_from: DeadlineFrom | None
    quote: str | None
    file: str | None
    start_line: int | None
    end_line: int | None
    status: Literal["matched", "unmatched"]
    national_target: str | None = None
    national_document: str | None = None
    national_document_label: str | None = None
    national_metric: str | None = None
    national_value: float | None = None
    national_value_text: str | None = None
    national_deadline: int | None = None
    similarity: float | None = None
    comparable: bool = False
    gap: float | None = None
    note: str


class _Side(TypedDict):
    """The provincial target's fields of a :class:`TargetGap`."""

    target: str
    province: str | None
    province_name: str | None
    plan: str
    owner: str
    metric: str
    value: float
    value_max: float | None
    unit: str | None
    value_text: str
    deadline: int | None
    deadline_from: DeadlineFrom | None
    quote: str | None
    file: str | None
    start_line: int | None
    end_line: int | None


class _Comparison(TypedDict):
    """The fields of a matched :class:`TargetGap` that compare it with the national target."""

    status: Literal["matched"]
    national_target: str
    national_document: str
    national_document_label: str
    national_metric: str | None
    national_value: float
    national_value_text: str
    national_deadline: int | None
    similarity: float
    comparable: bool
    gap: float | None
    note: str


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _national_owners(graph: nx.DiGraph, plan: str, documents: dict[str, loading.DocumentInfo]) -> list[str]:
    """The documents above a plan that belong to no province."""
    if plan not in graph:
        return []
    above = [n for n in nx.ancestors(graph, plan) if graph.nodes[n].get("kind") in DOCUMENT_KINDS]
    return sorted(n for n in above if n in documents and documents[n].province is None)


def target_gaps(
    store: GraphStore, *, lineage: nx.DiGraph | None = None, province: str | None = None, quotes: bool = True
) -> list[TargetGap]:
    """Every provincial target (of one province, if given: id or name) with its national
    counterpart and the gap, where one exists; matched first (largest shortfall first), then
    the unmatched. ``quotes=False`` leaves out the targets' quotes and lines (cheaper)."""
    graph = lineage if lineage is not None else document_graph(store)
    documents = loading.documents(store)
    all_targets = loading.targets(store, quotes=quotes)
    national = [t for t in all_targets.values() if t.province is None and t.metric]
    provincial = [t for t in all_targets.values() if t.province is not None and t.metric]
    chosen: set[str] | None = None
    if province is not None:
        chosen = loading.resolve_provinces({t.province: t.province_name for t in provincial if t.province}, [province])
    # provincial targets are compared with the national ones only: a block of the matrix
    metrics_text = [t.metric or "" for t in [*provincial, *national]]
    rows, columns = slice(0, len(provincial)), slice(len(provincial), len(metrics_text))
    whole = SimilarityIndex(metrics_text).between(rows, columns) if metrics_text else None
    subjects = (
        SimilarityIndex([metrics.subject(m) for m in metrics_text]).between(rows, columns) if metrics_text else None
    )
    position = {t.id: i for i, t in enumerate(provincial)} | {t.id: j for j, t in enumerate(national)}
    gaps: list[TargetGap] = []
    for target in provincial:
        if chosen is not None and target.province not in chosen:
            continue
        deadline, deadline_from = _deadline(target, documents)
        base = _base(target, deadline, deadline_from)
        owners = _national_owners(graph, target.plan, documents)
        candidates = [n for n in national if n.owner in owners and metrics.same_unit(n.unit, target.unit)]
        best: tuple[float, loading.TargetInfo] | None = None
        for candidate in candidates:
            i, j = position[target.id], position[candidate.id]
            assert whole is not None and subjects is not None
            if subjects[i, j] < metrics.SAME_SUBJECT or not metrics.same_kind(
                target.metric or "", candidate.metric or ""
            ):
                continue
            score = float(whole[i, j] + subjects[i, j]) / 2
            if score >= MATCH_SIMILARITY and (best is None or score > best[0] + 1e-9):
                best = (score, candidate)
        if best is None:
            reason = (
                "its plan implements no national document with targets"
                if not any(n.owner in owners for n in national)
                else "no national target of the documents its plan implements measures the same thing"
            )
            gaps.append(TargetGap(**base, status="unmatched", note=reason))
            continue
        score, match = best
        same_metric = [
            n
            for n in candidates
            if n.owner == match.owner and canonical(n.metric or "") == canonical(match.metric or "")
        ]
        yardstick = _yardstick(same_metric, deadline)
        gaps.append(TargetGap(**base, **_comparison(target, yardstick, score, documents)))
    matched = sorted(
        (g for g in gaps if g.status == "matched"), key=lambda g: (g.gap if g.gap is not None else 1e9, g.target)
    )
    unmatched = sorted((g for g in gaps if g.status == "unmatched"), key=lambda g: g.target)
    return matched + unmatched


def cached_target_gaps(store: GraphStore) -> list[TargetGap]:
    """Every target gap of the store, computed once and kept until the store changes (the
    plan pages, their checks and the coverage of a document all read them; at 10⁴ tasks one
    computation takes about 2.5 s)."""
    return memoized(store, ("analysis", "target_gaps"), lambda: target_gaps(store))


def _deadline(
    target: loading.TargetInfo, documents: dict[str, loading.DocumentInfo]
) -> tuple[int | None, DeadlineFrom | None]:
    if target.deadline is not None:
        return target.deadline, "target"
    plan = documents.get(target.plan)
    if plan is not None and plan.period_end is not None:
        return plan.period_end, "plan period"
    return None, None


def _base(target: loading.TargetInfo, deadline: int | None, deadline_from: DeadlineFrom | None) -> _Side:
    quote = target.quote
    return {
        "target": target.id,
        "province": target.province,
        "province_name": target.province_name,
        "plan": target.plan,
        "owner": target.owner,
        "metric": target.metric or "",
        "value": float(target.value),
        "value_max": _number(target.value_max),
        "unit": target.unit,
        "value_text": target.value_text,
        "deadline": deadline,
        "deadline_from": deadline_from,
        "quote": quote.text if quote else None,
        "file": quote.file if quote else None,
        "start_line": quote.start_line if quote else None,
        "end_line": quote.end_line if quote else None,
    }


def _yardstick(same_metric: list[loading.TargetInfo], deadline: int | None) -> loading.TargetInfo:
    """The national target for the first deadline at or after the provincial one, else the
    last one before it (or the earliest, when the provincial deadline is unknown)."""
    ordered = sorted(same_metric, key=lambda t: t.deadline if t.deadline is not None else 9999)
    if deadline is None:
        return ordered[0]
    later = [t for t in ordered if t.deadline is not None and t.deadline >= deadline]
    return later[0] if later else ordered[-1]


def _comparison(
    target: loading.TargetInfo, national: loading.TargetInfo, score: float, documents: dict[str, loading.DocumentInfo]
) -> _Comparison:
    owner = documents.get(national.owner)
    comparable = (target.unit or "") in COMPARABLE_UNITS and national.value_max is None
    gap = float(target.value - national.value) if comparable else None
    if comparable:
        assert gap is not None
        direction = "below" if gap < 0 else "above" if gap > 0 else "equal to"
        note = (
            f"{abs(gap):g} percentage points {direction} the national target" if gap else "equal to the national target"
        )
    elif (target.unit or "") not in COMPARABLE_UNITS:
        note = "counts do not compare: the national figure is a total across provinces"
    else:
        note = "the national target is a range"
    return {
        "status": "matched",
        "national_target": national.id,
        "national_document": national.owner,
        "national_document_label": owner.display if owner else national.owner,
        "national_metric": national.metric,
        "national_value": float(national.value),
        "national_value_text": national.value_text,
        "national_deadline": national.deadline,
        "similarity": round(score, 4),
        "comparable": comparable,
        "gap": gap,
        "note": note,
    }
