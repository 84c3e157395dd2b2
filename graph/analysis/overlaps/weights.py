"""The score of every candidate pair at once, as array operations.

Each item is reduced to numbers: the index of its plan and province, whether it names a lead
agency, and its lead agency types as a bit set. A pair's evidence is then looked up by index:
two bit sets that share a bit (same agency type), a plan-by-plan table of shared legal ancestors
and one of plan similarity (the plans' policy areas). The score is the one described in
:mod:`graph.analysis.overlaps.analysis`; the flags are kept so that each pair's reasons can be written
when the pair is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from graph.analysis import metrics
from graph.analysis.overlaps.candidates import Candidates, PairFilter
from graph.analysis.overlaps.models import (
    AGENCY_TYPE_BOOST,
    ANCESTOR_BOOST,
    METRIC_BOOST,
    SAME_AREA,
    UNRELATED_FACTOR,
    Item,
    Scope,
)

_CHUNK = 1 << 20  # pairs per step when comparing bit sets


def _positions(values: Sequence[str | None]) -> tuple[np.ndarray, dict[str, int]]:
    """Each value's position among the distinct values (-1 for None)."""
    known: dict[str, int] = {}
    found = np.fromiter(
        (-1 if v is None else known.setdefault(v, len(known)) for v in values), dtype=np.int32, count=len(values)
    )
    return found, known


def _bit_sets(sets: Sequence[frozenset[str]]) -> np.ndarray:
    """One row of packed bits per set, one bit per distinct member."""
    members = {m: k for k, m in enumerate(sorted({m for s in sets for m in s}))}
    matrix = np.zeros((len(sets), max(1, len(members))), dtype=bool)
    for row, found in enumerate(sets):
        for member in found:
            matrix[row, members[member]] = True
    return np.packbits(matrix, axis=1)


@dataclass
class ItemArrays:
    """The items of one kind as numbers."""

    plan: np.ndarray  # int32: the item's plan, an index into ``plans``
    province: np.ndarray  # int32: the item's province, -1 for none
    leads: np.ndarray  # bool: the item names a lead agency
    types: np.ndarray  # uint8, packed bits: the lead agency types

    @classmethod
    def of(cls, items: Sequence[Item], plans: dict[str, int]) -> ItemArrays:
        province, _ = _positions([item.evidence.province for item in items])
        return cls(
            plan=np.fromiter((plans[item.evidence.plan] for item in items), dtype=np.int32, count=len(items)),
            province=province,
            leads=np.fromiter((bool(item.leads) for item in items), dtype=bool, count=len(items)),
            types=_bit_sets([item.types for item in items]),
        )

    def across(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Whether the pairs are from different plans of different provinces."""
        px, py = self.province[x], self.province[y]
        across: np.ndarray = (self.plan[x] != self.plan[y]) & (px >= 0) & (py >= 0) & (px != py)
        return across

    def same_type(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Whether both name a lead agency and share a lead agency type."""
        shared = np.zeros(len(x), dtype=bool)
        for start in range(0, len(x), _CHUNK):
            part = slice(start, start + _CHUNK)
            shared[part] = (self.types[x[part]] & self.types[y[part]]).any(axis=1)
        led: np.ndarray = shared & self.leads[x] & self.leads[y]
        return led


def pair_filter(
    arrays: ItemArrays,
    *,
    include_same_plan: bool,
    scope: Scope,
    allowed_items: np.ndarray | None,
    either_items: np.ndarray | None,
) -> PairFilter:
    """Which pairs may be reported: from different plans (unless ``include_same_plan``), in
    the scope asked, both sides among ``allowed_items`` and one side among ``either_items``
    (boolean per item; None: no condition)."""

    def allowed(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        keep = np.ones(len(x), dtype=bool)
        if not include_same_plan:
            keep &= arrays.plan[x] != arrays.plan[y]
        if scope != "all":
            across = arrays.across(x, y)
            keep &= across if scope == "across" else ~across
        if allowed_items is not None:
            keep &= allowed_items[x] & allowed_items[y]
        if either_items is not None:
            keep &= either_items[x] | either_items[y]
        return keep

    return allowed


@dataclass
class Weights:
    """The score of each candidate pair and the evidence behind it."""

    score: np.ndarray  # float64, rounded to 4 places
    same_type: np.ndarray  # bool
    common_ancestor: np.ndarray  # bool
    same_metric: np.ndarray  # bool
    unrelated: np.ndarray  # bool: plans on different subjects, no ancestor in common
    area: np.ndarray  # float64: the similarity of the two plans

    def flags(self) -> np.ndarray:
        """The four flags of each pair packed in one byte (see :class:`ScoredPairs`)."""
        return (
            self.same_type.astype(np.uint8)
            | (self.common_ancestor.astype(np.uint8) << 1)
            | (self.same_metric.astype(np.uint8) << 2)
            | (self.unrelated.astype(np.uint8) << 3)
        )


SAME_TYPE, COMMON_ANCESTOR, SAME_METRIC, UNRELATED = 1, 2, 4, 8


@dataclass
class ScoredPairs:
    """The pairs kept, compactly (17 bytes a pair with their rank): the two items, the score
    (single precision holds four decimal places exactly enough to round back), and the flags
    ``SAME_TYPE | COMMON_ANCESTOR | SAME_METRIC | UNRELATED``. Similarities are worked out
    again for the pairs that are read."""

    first: np.ndarray  # int32
    second: np.ndarray  # int32
    score: np.ndarray  # float32
    flags: np.ndarray  # uint8

    def __len__(self) -> int:
        return len(self.first)

    @staticmethod
    def kept(candidates: Candidates, weights: Weights, keep: np.ndarray) -> ScoredPairs:
        return ScoredPairs(
            candidates.first[keep],
            candidates.second[keep],
            weights.score[keep].astype(np.float32),
            weights.flags()[keep],
        )

    @staticmethod
    def join(parts: Sequence[ScoredPairs]) -> ScoredPairs:
        if not parts:
            return ScoredPairs(
                np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.float32), np.zeros(0, np.uint8)
            )
        return ScoredPairs(
            *(np.concatenate([getattr(p, name) for p in parts]) for name in ScoredPairs.__dataclass_fields__)
        )


def weigh(
    candidates: Candidates,
    arrays: ItemArrays,
    common_ancestor: np.ndarray,
    plan_area: np.ndarray,
    same_metric: np.ndarray | None = None,
) -> Weights:
    """Score the candidates: their similarity raised by each boost that applies, capped at 1,
    and lowered for plans on different subjects with no legal ancestor in common.
    ``common_ancestor`` and ``plan_area`` are plan-by-plan tables; ``same_metric`` says, per
    pair, whether two targets count the same thing (None: no pair does)."""
    x, y = candidates.first, candidates.second
    px, py = arrays.plan[x], arrays.plan[y]
    same_type = arrays.same_type(x, y)
    common = common_ancestor[px, py]
    metric = np.zeros(len(x), dtype=bool) if same_metric is None else same_metric
    boost = np.zeros(len(x))  # added in the order the reasons are given, as for one pair
    boost += np.where(same_type, AGENCY_TYPE_BOOST, 0.0)
    boost += np.where(common, ANCESTOR_BOOST, 0.0)
    boost += np.where(metric, METRIC_BOOST, 0.0)
    area = plan_area[px, py]
    unrelated = ~common & (px != py) & (area < SAME_AREA)
    factor = np.where(unrelated, UNRELATED_FACTOR, 1.0)
    score = np.round(np.minimum(1.0, candidates.similarity * (1 + boost)) * factor, 4)
    return Weights(score, same_type, common, metric, unrelated, area)


def common_ancestors(ancestors: Sequence[frozenset[str]]) -> np.ndarray:
    """For every two plans (given their legal ancestors, in plan order), whether they share one."""
    documents = {d: k for k, d in enumerate(sorted({d for found in ancestors for d in found}))}
    matrix = np.zeros((len(ancestors), max(1, len(documents))), dtype=np.float32)
    for row, found in enumerate(ancestors):
        for document in found:
            matrix[row, documents[document]] = 1.0
    return (matrix @ matrix.T) > 0


def same_metrics(members: list[Item], candidates: Candidates) -> np.ndarray:
    """Per candidate pair of targets: the same unit, the same kind of metric (doing, or being
    reached by awareness work) and the same subject."""
    units = [metrics.canonical_unit(m.unit) for m in members]
    awareness = [metrics.is_awareness(m.metric or "") for m in members]
    found = np.zeros(len(candidates), dtype=bool)
    for k, (x, y) in enumerate(zip(candidates.first.tolist(), candidates.second.tolist(), strict=True)):
        if units[x] is None or units[x] != units[y] or awareness[x] != awareness[y]:
            continue
        found[k] = _same_subject(members[x].metric or "", members[y].metric or "")
    return found


@lru_cache(maxsize=65_536)
def _same_subject(a: str, b: str) -> bool:
    return metrics.subject_similarity(a, b) >= metrics.SAME_SUBJECT
