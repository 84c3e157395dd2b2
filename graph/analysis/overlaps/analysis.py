"""Overlapping mandates: pairs of similar tasks, and of similar targets, across provinces and
within one province.

The categories follow the U.S. GAO's definitions (GAO-15-49SP): *fragmentation*, more than
one agency involved in the same area; *overlap*, similar goals or activities; *duplication*,
the same activity for the same beneficiaries. Two provinces serve different people, so a
pair across provinces is an overlap; within one province, near-identical work is a
duplication, and similar work led by different agencies is fragmentation.

A pair's score is the TF-IDF cosine similarity of the two texts (syllable n-grams), raised by
the evidence that the two are about the same thing: the same lead agency type (after the 2025
restructuring; only between two tasks that both name a lead agency), the same legal ancestor,
and — for targets — the same metric. A pair from two plans on different subjects (their tasks
read differently as a whole) that share no legal ancestor is lowered: alike wording there is
mostly procedure ("theo dõi, đôn đốc, báo cáo").

Tasks are also compared clause by clause: a long task that joins several pieces of work may share
one of them with a short task elsewhere, which the whole texts hide. The best clause pair is
blended with the whole texts' similarity (:class:`ClauseSimilarityIndex`), and each side of the
pair names its clause.

The items compared are read by :mod:`graph.analysis.overlaps.items`. Pairs are found and scored
as arrays (:mod:`graph.analysis.overlaps.candidates`, :mod:`graph.analysis.overlaps.weights`); a
pair is written out with its reasons and quotes (:mod:`graph.analysis.overlaps.explain`) when it
is read (:class:`graph.analysis.overlaps.ranking.RankedPairs`).

Only provincial plans are compared: a plan without a province (a national one) sets the work
the provinces take up, it does not overlap with them. Two items of one plan are never a pair
across provinces.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from graph.analysis import loading, metrics
from graph.analysis.lineage.local import document_graph
from graph.analysis.overlaps.candidates import Candidates, PairFilter, mean_blocks, task_blocks
from graph.analysis.overlaps.explain import Explainer
from graph.analysis.overlaps.items import compared_items, province_filter, type_filter
from graph.analysis.overlaps.models import (
    AGENCY_TYPE_BOOST,
    ANCESTOR_BOOST,
    DEFAULT_MIN_SCORE,
    DUPLICATION_SCORE,
    METRIC_BOOST,
    SAME_AREA,
    UNRELATED_FACTOR,
    Evidence,
    Item,
    ItemKind,
    OverlapPair,
    Scope,
    describe_pairs,
)
from graph.analysis.overlaps.ranking import KindRanking, Measures, RankedPairs
from graph.analysis.overlaps.weights import (
    ItemArrays,
    ScoredPairs,
    common_ancestors,
    pair_filter,
    same_metrics,
    weigh,
)
from graph.analysis.similarity.clauses import CLAUSE_MIN_WORDS
from graph.analysis.similarity.index import CLAUSE_WEIGHT, ClauseSimilarityIndex, SimilarityIndex
from graph.read.cache.memo import memoized_recent
from graph.read.plans import all_plans
from graph.serve.heap import release_free_memory
from graph.store.protocol import GraphStore

__all__ = [
    "AGENCY_TYPE_BOOST",
    "ANCESTOR_BOOST",
    "DEFAULT_MIN_SCORE",
    "DUPLICATION_SCORE",
    "METRIC_BOOST",
    "SAME_AREA",
    "UNRELATED_FACTOR",
    "Evidence",
    "OverlapPage",
    "OverlapPair",
    "RankedPairs",
    "TooManyToCompare",
    "cached_overlaps",
    "describe_pairs",
    "find_overlaps",
    "overlap_page",
    "rank_overlaps",
]


# Items of one kind compared with each other at most (the text vectors and a block of their
# similarities are held in memory).
MAX_COMPARED = 6_000
# Pairs scoring at least the minimum kept at most, with their indices, scores and flags (17
# bytes a pair with their rank, see ScoredPairs), until the store changes.
MAX_RANKED_PAIRS = 2_000_000


class TooManyToCompare(loading.UnknownFilter):
    """More items than can be compared at once: the caller should narrow the provinces."""


def find_overlaps(
    store: GraphStore,
    provinces: list[str] | None = None,
    agency_type: str | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    *,
    clause_weight: float = CLAUSE_WEIGHT,
    clause_min_words: int = CLAUSE_MIN_WORDS,
    kinds: tuple[ItemKind, ...] = ("task", "target"),
    scope: Scope = "all",
    include_same_plan: bool = False,
    duplication_score: float = DUPLICATION_SCORE,
    lineage: nx.DiGraph | None = None,
    describe: bool = True,
) -> list[OverlapPair]:
    """Candidate pairs of similar tasks and of similar targets, best first.

    ``provinces``: both sides must come from these provinces (ids or names). ``agency_type``:
    one side must be led by an agency of this type (id or name; before or after the 2025
    restructuring). ``scope``: pairs ``across`` provinces, ``within`` one, or ``all``. Pairs
    from the same plan are left out unless ``include_same_plan`` (and are then ``within``).
    ``clause_weight``: the share of the best clause pair in the similarity of two tasks;
    ``clause_min_words``: the fewest words of a piece between commas that stands as a clause.
    ``describe=False`` leaves out the shared terms and the matching clauses of each pair (the
    costly part when pairs are many) until :func:`describe_pairs` is called on those shown.
    Every pair is written out; :func:`rank_overlaps` gives the same pairs, written out only
    as they are read."""
    ranked = rank_overlaps(
        store,
        provinces,
        agency_type,
        min_score,
        clause_weight=clause_weight,
        clause_min_words=clause_min_words,
        kinds=kinds,
        scope=scope,
        include_same_plan=include_same_plan,
        duplication_score=duplication_score,
        lineage=lineage,
    )
    pairs = list(ranked)
    return describe_pairs(pairs) if describe else pairs


def rank_overlaps(
    store: GraphStore,
    provinces: list[str] | None = None,
    agency_type: str | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    *,
    clause_weight: float = CLAUSE_WEIGHT,
    clause_min_words: int = CLAUSE_MIN_WORDS,
    kinds: tuple[ItemKind, ...] = ("task", "target"),
    scope: Scope = "all",
    include_same_plan: bool = False,
    duplication_score: float = DUPLICATION_SCORE,
    lineage: nx.DiGraph | None = None,
) -> RankedPairs:
    """The pairs of :func:`find_overlaps` (same parameters), scored and ranked; each is written
    out, not yet described, when read (call :func:`describe_pairs` on those shown).

    Pairwise in the items of each kind (at most :data:`MAX_COMPARED`), worked out in blocks:
    about 6 s for two provinces of 34 at 10^4 tasks (bench.synth, 2 cores)."""
    if not 0 <= min_score <= 1:
        raise ValueError("min_score must be between 0 and 1")
    plans = _plans_to_read(store, provinces)
    items = compared_items(store, plans)
    allowed_provinces = province_filter(items, provinces) if provinces else None
    allowed_types = type_filter(store, plans, agency_type) if agency_type else None
    graph = lineage if lineage is not None else document_graph(store)
    names = loading.agency_names(store)
    plan_ids, areas = _plan_areas(items, graph, names)
    plan_index = {plan: k for k, plan in enumerate(plan_ids)}
    explainer = Explainer(graph, min_score, duplication_score)
    shared = common_ancestors([explainer.ancestors(plan) for plan in plan_ids])
    largest_boost = AGENCY_TYPE_BOOST + ANCESTOR_BOOST + METRIC_BOOST
    threshold = max(min_score / (1 + largest_boost), 1e-9)
    rankings: list[KindRanking] = []
    for kind in kinds:
        members = [item for item in items if item.evidence.kind == kind]
        if len(members) > MAX_COMPARED and allowed_provinces is not None:
            # Too many to compare at once: compare only the chosen provinces' items (both
            # sides of a pair come from them), their similarity weighed among themselves.
            members = [item for item in members if item.evidence.province in allowed_provinces]
        if len(members) > MAX_COMPARED:
            raise TooManyToCompare(
                f"{len(members)} {kind}s to compare with each other; at most {MAX_COMPARED} are compared "
                "at once: choose provinces"
            )
        if len(members) < 2:
            continue
        arrays = ItemArrays.of(members, plan_index)
        allowed = pair_filter(
            arrays,
            include_same_plan=include_same_plan,
            scope=scope,
            allowed_items=_marks(members, lambda m: m.evidence.province in allowed_provinces)
            if allowed_provinces is not None
            else None,
            either_items=_marks(members, lambda m: bool(m.all_types & allowed_types)) if allowed_types else None,
        )
        index, measures, blocks = _candidate_blocks(
            kind, members, names, clause_weight, clause_min_words, threshold, allowed
        )
        kept: list[ScoredPairs] = []
        count = 0
        for block in blocks:
            weights = weigh(block, arrays, shared, areas, same_metrics(members, block) if kind == "target" else None)
            keep = weights.score >= min_score
            count += int(np.count_nonzero(keep))
            if count > MAX_RANKED_PAIRS:
                raise TooManyToCompare(
                    f"more than {MAX_RANKED_PAIRS} pairs of {kind}s score at least {min_score}: "
                    "raise min_score, or choose fewer provinces"
                )
            kept.append(ScoredPairs.kept(block, weights, keep))
        plan_of = arrays.plan
        rankings.append(
            KindRanking(
                kind,
                members,
                index,
                ScoredPairs.join(kept),
                measures,
                _plan_area(areas, plan_of),
            )
        )
    release_free_memory()  # what the blocks of similarities took
    return RankedPairs(rankings, explainer.pair)


def _plan_area(areas: np.ndarray, plan_of: np.ndarray) -> Callable[[int, int], float]:
    """The similarity of the plans of items ``x`` and ``y`` (:func:`_plan_areas`)."""
    return lambda x, y: float(areas[plan_of[x], plan_of[y]])


def _marks(members: list[Item], test: Any) -> np.ndarray:
    return np.fromiter((test(m) for m in members), dtype=bool, count=len(members))


def _plans_to_read(store: GraphStore, provinces: list[str] | None) -> list[str] | None:
    """Which plans' items to read: all (None) while the store's provincial tasks are few
    enough to compare at once; beyond that only the chosen provinces' plans, and without a
    choice the comparison is refused before anything is read."""
    plans = [plan for plan in all_plans(store) if plan.province]
    if sum(plan.tasks for plan in plans) <= MAX_COMPARED:
        return None
    if not provinces:
        raise TooManyToCompare(
            f"{sum(plan.tasks for plan in plans)} tasks to compare with each other; at most {MAX_COMPARED} are "
            "compared at once: choose provinces"
        )
    chosen = loading.resolve_provinces({p.province: p.province_name for p in plans if p.province}, provinces)
    return [plan.id for plan in plans if plan.province in chosen]


def _plan_areas(items: list[Item], graph: nx.DiGraph, names: list[str]) -> tuple[list[str], np.ndarray]:
    """The plans of the items, and the similarity of every two: their titles, task texts and
    target metrics taken as one text each."""
    texts: dict[str, list[str]] = {}
    for item in items:
        texts.setdefault(item.evidence.plan, []).append(item.evidence.text)
    plans = sorted(texts)
    if not plans:
        return [], np.zeros((0, 0))
    titles = {p: str(graph.nodes[p].get("title", "")) if p in graph else "" for p in plans}
    index = SimilarityIndex(
        [titles[p] + " " + " ".join(texts[p]) for p in plans], strip_administrative=True, names=names
    )
    return plans, index.similarities()


def _candidate_blocks(
    kind: ItemKind,
    members: list[Item],
    names: list[str],
    clause_weight: float,
    clause_min_words: int,
    threshold: float,
    allowed: PairFilter,
) -> tuple[SimilarityIndex, Measures, Iterator[Candidates]]:
    """The pairs similar enough to weigh, block by block, and how to work out the similarities
    of one pair again: tasks by their text without the wording of assignments, as wholes and
    clause by clause; targets by the mean of the whole metric's and its subject's similarity
    (the population counted matters as much as what is done)."""
    if kind == "task":
        clauses = ClauseSimilarityIndex(
            [m.evidence.text for m in members],
            strip_administrative=True,
            names=names,
            min_words=clause_min_words,
            clause_weight=clause_weight,
        )
        return clauses, clauses.pair_similarities, task_blocks(clauses, threshold, allowed)
    index = SimilarityIndex([m.evidence.text for m in members])
    subjects = SimilarityIndex([metrics.subject(m.evidence.text) for m in members])

    def measures(x: int, y: int) -> tuple[float, float | None, float | None]:
        return (index.pair_similarity(x, y) + subjects.pair_similarity(x, y)) / 2, None, None

    return index, measures, mean_blocks((index, subjects), threshold, allowed)


def cached_overlaps(
    store: GraphStore,
    provinces: list[str] | None = None,
    agency_type: str | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    *,
    kinds: tuple[ItemKind, ...] = ("task", "target"),
    scope: Scope = "all",
) -> Sequence[OverlapPair]:
    """:func:`rank_overlaps` with these parameters, kept until the store changes (pairs are
    written out as they are read; call :func:`describe_pairs` on those shown); a refusal (too
    many to compare) is kept too, so asking again is answered at once."""
    key = ("overlaps", tuple(sorted(provinces or ())), agency_type, min_score, kinds, scope)

    def compute() -> RankedPairs | TooManyToCompare:
        try:
            return rank_overlaps(store, provinces, agency_type, min_score, kinds=kinds, scope=scope)
        except TooManyToCompare as refusal:
            return refusal

    # a national comparison may hold a hundred MB: only the last few asked for are kept
    found = memoized_recent(store, "overlaps", key, compute, keep=4)
    if isinstance(found, TooManyToCompare):
        raise TooManyToCompare(str(found))
    return found


@dataclass(frozen=True)
class OverlapPage:
    """Some of the ranked pairs, described, and how many pairs there are in all."""

    total: int
    pairs: list[OverlapPair]


def overlap_page(
    store: GraphStore,
    provinces: list[str] | None = None,
    agency_type: str | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    *,
    kind: ItemKind | None = None,
    scope: Scope = "all",
    offset: int = 0,
    limit: int | None = None,
) -> OverlapPage:
    """The pairs ranked ``offset`` to ``offset + limit`` (every pair from ``offset`` when
    ``limit`` is None) of :func:`cached_overlaps`, described, with the number of pairs scored at
    least ``min_score``: what the ``/overlaps`` route and the ``overlaps`` command both answer.
    ``kind``: only tasks or only targets. The ranking costs :func:`rank_overlaps` once and is then
    kept until the store changes; a page of 100 pairs read from it takes 0.5 ms at 10^4 tasks
    (two provinces; describing costs O(limit) pairs)."""
    if not 0 <= min_score <= 1:
        raise ValueError("min_score must be between 0 and 1")
    found = cached_overlaps(
        store, provinces, agency_type, min_score, kinds=(kind,) if kind else ("task", "target"), scope=scope
    )
    end = None if limit is None else offset + limit
    return OverlapPage(total=len(found), pairs=describe_pairs(list(found[offset:end])))
