"""What the overlap analysis reports: the pairs, each side's evidence, and the weights of
the score. See :mod:`graph.analysis.overlaps.analysis` for how pairs are found and scored."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field, PrivateAttr

DEFAULT_MIN_SCORE = 0.3
"""Pairs scored below this are not reported."""
DUPLICATION_SCORE = 0.8
"""Within one province, a pair scored at least this is reported as a duplication."""
SAME_AREA = 0.3
"""Two plans whose task texts are at least this similar work in the same policy area."""
UNRELATED_FACTOR = 0.3
"""A pair from plans in different areas with no legal ancestor in common keeps this share of its score."""
AGENCY_TYPE_BOOST = 0.15
ANCESTOR_BOOST = 0.1
METRIC_BOOST = 0.15

ItemKind = Literal["task", "target"]
Scope = Literal["across", "within", "all"]


class Evidence(BaseModel):
    """One side of a pair: the task or target, where it stands, and the quote it was read from."""

    id: str
    kind: ItemKind
    plan: str
    province: str | None
    province_name: str | None
    text: str
    lead_agencies: list[str] = Field(default_factory=list)
    agency_types: list[str] = Field(default_factory=list)
    agency_type_labels: list[str] = Field(default_factory=list)
    value: str | None = None
    quote: str | None
    file: str | None
    start_line: int | None
    end_line: int | None
    clause: str | None = Field(
        default=None, description="the clause of the task text that is most like a clause of the other task"
    )


class OverlapPair(BaseModel):
    kind: ItemKind
    scope: Literal["across", "within"]
    category: Literal["overlap", "duplication", "fragmentation"]
    score: float
    similarity: float
    whole_similarity: float | None = Field(default=None, description="tasks: the similarity of the whole texts")
    clause_similarity: float | None = Field(default=None, description="tasks: the similarity of the two clauses")
    boosts: dict[str, float]
    reason: str
    shared_terms: list[str]
    term_weights: list[float] = Field(
        default_factory=list, description="what each of the shared terms adds to the similarity, in their order"
    )
    common_agency_types: list[str] = Field(
        default_factory=list, description="the lead agency types both sides share (names), when boosted"
    )
    common_documents: list[str] = Field(
        default_factory=list, description="the legal ancestors both plans share (numbers or names), when boosted"
    )
    unrelated_plans: float | None = Field(
        default=None, description="the similarity of two plans on different subjects, when the score was lowered"
    )
    a: Evidence
    b: Evidence
    # how to find the shared terms and the matching clauses, for a pair weighed but not yet described
    _describe: Callable[[], OverlapPair | None] | None = PrivateAttr(default=None)


def describe_pairs(pairs: list[OverlapPair]) -> list[OverlapPair]:
    """Fill in the shared terms, the matching clauses and the full reason of pairs that were
    weighed without them (``find_overlaps(describe=False)``); in place, and returned."""
    with _describing:  # pairs are shared by the requests that show them
        for pair in pairs:
            describe, pair._describe = pair._describe, None
            full = describe() if describe is not None else None
            if full is not None:
                pair.reason, pair.shared_terms, pair.a, pair.b = full.reason, full.shared_terms, full.a, full.b
                pair.term_weights = full.term_weights
                pair.whole_similarity, pair.clause_similarity = full.whole_similarity, full.clause_similarity
    return pairs


_describing = threading.Lock()


@dataclass
class Item:
    """One side of a possible pair, with what its score is weighed on."""

    evidence: Evidence
    lineage_node: str  # the node whose legal ancestors count: the plan (its implements / based-on chain)
    leads: frozenset[str]  # lead agency ids
    types: frozenset[str]  # lead agency types: as written and current (not generic groups)
    all_types: frozenset[str]  # including groups ("các Sở, ban, ngành"), for filtering
    unit: str | None = None
    metric: str | None = None
