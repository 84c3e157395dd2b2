"""A ranked pair written out: its boosts and the reasons for them, both sides' evidence (with the
clauses that match, when described) and its GAO category.

Within one province a pair scoring at least the duplication score is a *duplication*, one of
two tasks led by different agencies *fragmentation*; every other pair is an *overlap*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Literal

import networkx as nx

from graph.analysis import metrics
from graph.analysis.lineage.dag import DOCUMENT_KINDS
from graph.analysis.overlaps.models import (
    AGENCY_TYPE_BOOST,
    ANCESTOR_BOOST,
    METRIC_BOOST,
    UNRELATED_FACTOR,
    Item,
    OverlapPair,
)
from graph.analysis.overlaps.ranking import KindRanking
from graph.analysis.overlaps.weights import COMMON_ANCESTOR, SAME_METRIC, SAME_TYPE, UNRELATED
from graph.analysis.similarity.index import ClauseSimilarityIndex


def _ancestors(graph: nx.DiGraph, node_id: str, cache: dict[str, frozenset[str]]) -> frozenset[str]:
    if node_id not in cache:
        found: frozenset[str] = frozenset()
        if node_id in graph:
            found = frozenset(n for n in nx.ancestors(graph, node_id) if graph.nodes[n].get("kind") in DOCUMENT_KINDS)
        cache[node_id] = found
    return cache[node_id]


def _across(a: Item, b: Item) -> bool:
    """Whether two items are from different provinces: from different plans, each of a province."""
    pa, pb = a.evidence.province, b.evidence.province
    return a.evidence.plan != b.evidence.plan and pa is not None and pb is not None and pa != pb


@dataclass
class Explainer:
    """Writes out a ranked pair: its boosts and reasons, both sides' evidence, its category."""

    graph: nx.DiGraph
    min_score: float
    duplication_score: float
    _ancestors: dict[str, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.documents = {
            n: d.get("label", n) for n, d in self.graph.nodes(data=True) if d.get("kind") in DOCUMENT_KINDS
        }

    def ancestors(self, node_id: str) -> frozenset[str]:
        return _ancestors(self.graph, node_id, self._ancestors)

    def pair(self, ranking: KindRanking, k: int) -> OverlapPair:
        pair = self._written(ranking, k, describe=False)
        pair._describe = partial(self._written, ranking, k, describe=True)
        return pair

    def _written(self, ranking: KindRanking, k: int, *, describe: bool) -> OverlapPair:
        x, y = int(ranking.pairs.first[k]), int(ranking.pairs.second[k])
        a, b = ranking.members[x], ranking.members[y]
        flags = int(ranking.pairs.flags[k])
        cosine, whole, clause = ranking.measures(x, y)
        boosts: dict[str, float] = {}
        reasons = []
        common_types: list[str] = []
        common_documents: list[str] = []
        if flags & SAME_TYPE:
            boosts["agency_type"] = AGENCY_TYPE_BOOST
            labels = {
                t: label
                for item in (a, b)
                for t, label in zip(item.evidence.agency_types, item.evidence.agency_type_labels, strict=True)
            }
            same_types = sorted(a.types & b.types)
            common_types = [labels.get(t, t) for t in same_types]
            reasons.append(f"same agency type: {', '.join(common_types)}")
        if flags & COMMON_ANCESTOR:
            boosts["legal_ancestor"] = ANCESTOR_BOOST
            common = sorted(self.ancestors(a.lineage_node) & self.ancestors(b.lineage_node))
            common_documents = [str(self.documents.get(d, d)) for d in common]
            reasons.append(f"same legal ancestor: {', '.join(common_documents)}")
        if flags & SAME_METRIC:
            boosts["metric"] = METRIC_BOOST
            reasons.append(f"same metric: {a.unit} of {metrics.subject(a.metric or '')}")
        if flags & UNRELATED:
            reasons.append(
                f"plans on different subjects ({ranking.area(x, y):.2f}) with no legal ancestor in common: "
                f"×{UNRELATED_FACTOR}"
            )
        evidence_a, evidence_b = a.evidence, b.evidence
        terms: list[str] = []
        term_weights: list[float] = []
        text = f"{cosine:.2f}"
        if describe:
            if isinstance(ranking.index, ClauseSimilarityIndex):
                clause_a, clause_b, _ = ranking.index.best_clauses(x, y)
                evidence_a = a.evidence.model_copy(update={"clause": clause_a})
                evidence_b = b.evidence.model_copy(update={"clause": clause_b})
            weighed = ranking.index.shared_term_weights(x, y)
            terms = [term for term, _ in weighed]
            term_weights = [round(weight, 4) for _, weight in weighed]
            if whole is not None and clause is not None:
                text += f": whole {whole:.2f}, clauses {clause:.2f}"
            text += f"; shared: {', '.join(terms) or '—'}"
        pair = OverlapPair(
            kind=a.evidence.kind,
            scope="across" if _across(a, b) else "within",
            category="overlap",
            score=round(float(ranking.pairs.score[k]), 4),
            similarity=round(cosine, 4),
            whole_similarity=None if whole is None else round(whole, 4),
            clause_similarity=None if clause is None else round(clause, 4),
            boosts=boosts,
            reason="; ".join([f"similar {a.evidence.kind} text ({text})", *reasons]),
            shared_terms=terms,
            term_weights=term_weights,
            common_agency_types=common_types,
            common_documents=common_documents,
            unrelated_plans=round(ranking.area(x, y), 4) if flags & UNRELATED else None,
            a=evidence_a,
            b=evidence_b,
        )
        pair.category = category(pair, a, b, self.duplication_score)
        return pair


def category(
    pair: OverlapPair, a: Item, b: Item, duplication_score: float
) -> Literal["overlap", "duplication", "fragmentation"]:
    if pair.scope == "across":
        return "overlap"
    if pair.score >= duplication_score:
        return "duplication"
    if a.leads and b.leads and not (a.leads & b.leads):
        return "fragmentation"
    return "overlap"
