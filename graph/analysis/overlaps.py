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

Only provincial plans are compared: a plan without a province (a national one) sets the work
the provinces take up, it does not overlap with them. Two items of one plan are never a pair
across provinces.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

import networkx as nx
import numpy as np
from pydantic import BaseModel, Field, PrivateAttr

from graph.analysis import loading, metrics
from graph.analysis.lineage import DOCUMENT_KINDS
from graph.analysis.lineage_local import document_graph
from graph.analysis.text_similarity import CLAUSE_MIN_WORDS, CLAUSE_WEIGHT, ClauseSimilarityIndex, SimilarityIndex
from graph.ids import slug
from graph.memo import memoized
from graph.plans import all_plans
from graph.store import PolicyStore
from loaders.text import fold

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
                pair.whole_similarity, pair.clause_similarity = full.whole_similarity, full.clause_similarity
    return pairs


_describing = threading.Lock()


@dataclass
class _Item:
    evidence: Evidence
    lineage_node: str  # the node whose legal ancestors count: the plan (its implements / based-on chain)
    leads: frozenset[str]  # lead agency ids
    types: frozenset[str]  # lead agency types: as written and current (not generic groups)
    all_types: frozenset[str]  # including groups ("các Sở, ban, ngành"), for filtering
    unit: str | None = None
    metric: str | None = None


def _items(store: PolicyStore, plans: list[str] | None = None) -> list[_Item]:
    """The items to compare: every task and target of the store, or of ``plans``."""
    tasks = loading.tasks(store, plans)
    current = loading.current_types(store)
    labels: dict[str, str] = {}
    leads: dict[str, set[str]] = {}
    types: dict[str, set[str]] = {}
    all_types: dict[str, set[str]] = {}
    lead_labels: dict[str, list[str]] = {}
    for a in loading.assignments(store, plans):
        if a.role != "lead":
            continue
        leads.setdefault(a.task, set()).add(a.agency)
        lead_labels.setdefault(a.task, []).append(a.agency_label or a.agency)
        found = {t for t in (a.type, current[a.agency].id if a.agency in current else None) if t}
        successor_type = current.get(a.agency)
        if a.type and a.type_label:
            labels[a.type] = a.type_label
        if successor_type is not None and successor_type.label:
            labels[successor_type.id] = successor_type.label
        all_types.setdefault(a.task, set()).update(found)
        if not a.generic_type:
            types.setdefault(a.task, set()).update(found)

    def item(
        kind: ItemKind, record: loading.TaskInfo | loading.TargetInfo, text: str, owner: str, **extra: Any
    ) -> _Item:
        """One side of a possible pair: a task (its own assignments) or a target (its task's)."""
        quote = record.quote
        owner_types = sorted(types.get(owner, set()))
        return _Item(
            Evidence(
                id=record.id,
                kind=kind,
                plan=record.plan,
                province=record.province,
                province_name=record.province_name,
                text=text,
                lead_agencies=sorted(set(lead_labels.get(owner, []))),
                agency_types=owner_types,
                agency_type_labels=[labels.get(t, t) for t in owner_types],
                value=extra.pop("value", None),
                quote=quote.text if quote else None,
                file=quote.file if quote else None,
                start_line=quote.start_line if quote else None,
                end_line=quote.end_line if quote else None,
            ),
            lineage_node=record.plan,
            leads=frozenset(leads.get(owner, set())),
            types=frozenset(owner_types),
            all_types=frozenset(all_types.get(owner, set())),
            **extra,
        )

    items: list[_Item] = []
    for task in tasks.values():
        if task.province is None:
            continue  # tasks of a national plan are what the provinces implement, not a province's mandate
        items.append(item("task", task, task.text, task.id))
    for target in loading.targets(store, plans).values():
        if target.province is None or not target.metric:
            continue  # national targets are the yardstick of target gaps, not a mandate
        items.append(
            item(
                "target",
                target,
                target.metric,
                target.owner,
                value=target.value_text,
                unit=target.unit,
                metric=target.metric,
            )
        )
    return items


def _province_filter(items: list[_Item], provinces: list[str]) -> set[str]:
    known = {i.evidence.province: i.evidence.province_name for i in items if i.evidence.province}
    return loading.resolve_provinces(known, provinces)


def _type_filter(store: PolicyStore, plans: list[str] | None, agency_type: str) -> set[str]:
    known: dict[str, str] = {}
    for a in loading.assignments(store, plans):
        if a.type:
            known[a.type] = a.type_label or a.type
    for t in loading.current_types(store).values():
        known[t.id] = t.label or t.id
    wanted = fold(agency_type)
    matched = {
        type_id
        for type_id, label in known.items()
        if type_id == agency_type or fold(label) == wanted or type_id == "type-" + slug(agency_type)
    }
    if not matched:
        raise loading.UnknownFilter(f"no agency type '{agency_type}' is assigned any task in the store")
    return matched


def _ancestors(graph: nx.DiGraph, node_id: str, cache: dict[str, frozenset[str]]) -> frozenset[str]:
    if node_id not in cache:
        found: frozenset[str] = frozenset()
        if node_id in graph:
            found = frozenset(n for n in nx.ancestors(graph, node_id) if graph.nodes[n].get("kind") in DOCUMENT_KINDS)
        cache[node_id] = found
    return cache[node_id]


# Every item is compared with every other in memory: this many of one kind at most.
MAX_COMPARED = 6_000
# Each candidate pair is weighed one by one (and, when shown, described: shared terms, best
# clauses): a request that would weigh more than this many is refused rather than left running.
MAX_CANDIDATE_PAIRS = 200_000


class TooManyToCompare(loading.UnknownFilter):
    """More items than can be compared at once: the caller should narrow the provinces."""


def find_overlaps(
    store: PolicyStore,
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
    costly part when pairs are many) until :func:`describe_pairs` is called on those shown."""
    if not 0 <= min_score <= 1:
        raise ValueError("min_score must be between 0 and 1")
    plans = _plans_to_read(store, provinces)
    items = _items(store, plans)
    allowed_provinces = _province_filter(items, provinces) if provinces else None
    allowed_types = _type_filter(store, plans, agency_type) if agency_type else None
    graph = lineage if lineage is not None else document_graph(store)
    documents = {n: d.get("label", n) for n, d in graph.nodes(data=True) if d.get("kind") in DOCUMENT_KINDS}
    ancestor_cache: dict[str, frozenset[str]] = {}
    names = loading.agency_names(store)
    areas = _plan_areas(items, graph, names)
    pairs: list[OverlapPair] = []
    largest_boost = AGENCY_TYPE_BOOST + ANCESTOR_BOOST + METRIC_BOOST
    threshold = max(min_score / (1 + largest_boost), 1e-9)
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
        index, similarities = _similarities(kind, members, names, clause_weight, clause_min_words)
        candidates = np.nonzero(np.triu(similarities, k=1) >= threshold)
        if len(candidates[0]) > MAX_CANDIDATE_PAIRS:
            raise TooManyToCompare(
                f"{len(candidates[0])} pairs of {kind}s are alike enough to weigh (at most {MAX_CANDIDATE_PAIRS}): "
                "raise min_score, or choose fewer provinces"
            )
        for x, y in zip(*candidates, strict=True):
            a, b = members[int(x)], members[int(y)]
            if not include_same_plan and a.evidence.plan == b.evidence.plan:
                continue
            across = _across(a, b)
            if (scope == "across" and not across) or (scope == "within" and across):
                continue
            if allowed_provinces is not None and not {a.evidence.province, b.evidence.province} <= allowed_provinces:
                continue
            if allowed_types is not None and not ((a.all_types | b.all_types) & allowed_types):
                continue
            area = areas.get((a.evidence.plan, b.evidence.plan), 1.0)
            pair = _score(
                index,
                int(x),
                int(y),
                a,
                b,
                float(similarities[x, y]),
                area,
                graph,
                documents,
                ancestor_cache,
                min_score,
                describe=describe,
            )
            if pair is None:
                continue
            pair.category = _category(pair, a, b, duplication_score)
            pairs.append(pair)
        if isinstance(index, ClauseSimilarityIndex):
            index.drop_dense()  # describing a pair later needs the sparse vectors only
    pairs.sort(key=lambda p: (-p.score, p.kind, p.a.id, p.b.id))
    return pairs


def _plans_to_read(store: PolicyStore, provinces: list[str] | None) -> list[str] | None:
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


def _across(a: _Item, b: _Item) -> bool:
    """Whether two items are from different provinces: from different plans, each of a province."""
    pa, pb = a.evidence.province, b.evidence.province
    return a.evidence.plan != b.evidence.plan and pa is not None and pb is not None and pa != pb


def _plan_areas(items: list[_Item], graph: nx.DiGraph, names: list[str]) -> dict[tuple[str, str], float]:
    """Similarity of every two plans: their titles, task texts and target metrics taken as one text each."""
    texts: dict[str, list[str]] = {}
    for item in items:
        texts.setdefault(item.evidence.plan, []).append(item.evidence.text)
    plans = sorted(texts)
    if not plans:
        return {}
    titles = {p: str(graph.nodes[p].get("title", "")) if p in graph else "" for p in plans}
    index = SimilarityIndex(
        [titles[p] + " " + " ".join(texts[p]) for p in plans], strip_administrative=True, names=names
    )
    matrix = index.similarities()
    return {(p, q): float(matrix[i, j]) for i, p in enumerate(plans) for j, q in enumerate(plans)}


def _similarities(
    kind: ItemKind, members: list[_Item], names: list[str], clause_weight: float, clause_min_words: int
) -> tuple[SimilarityIndex, np.ndarray]:
    """Pairwise similarity of tasks (their text without the wording of assignments, as wholes
    and clause by clause) or of targets (the mean of the whole metric's and its subject's
    similarity: the population counted matters as much as what is done)."""
    if kind == "task":
        clauses = ClauseSimilarityIndex(
            [m.evidence.text for m in members],
            strip_administrative=True,
            names=names,
            min_words=clause_min_words,
            clause_weight=clause_weight,
        )
        return clauses, clauses.similarities()
    index = SimilarityIndex([m.evidence.text for m in members])
    subjects = SimilarityIndex([metrics.subject(m.evidence.text) for m in members])
    return index, (index.similarities() + subjects.similarities()) / 2


def _score(
    index: SimilarityIndex,
    i: int,
    j: int,
    a: _Item,
    b: _Item,
    cosine: float,
    area: float,
    graph: nx.DiGraph,
    documents: dict[str, str],
    cache: dict[str, frozenset[str]],
    min_score: float,
    *,
    describe: bool = True,
    whole_known: float | None = None,
) -> OverlapPair | None:
    """The pair of items ``i`` and ``j`` with its score and the reasons for it; None if it scores
    below ``min_score`` (then neither shared terms nor clauses are looked up)."""
    boosts: dict[str, float] = {}
    reasons = []
    same_types = sorted(a.types & b.types) if a.leads and b.leads else []
    if same_types:
        boosts["agency_type"] = AGENCY_TYPE_BOOST
        labels = {
            t: lbl
            for item in (a, b)
            for t, lbl in zip(item.evidence.agency_types, item.evidence.agency_type_labels, strict=True)
        }
        reasons.append(f"same agency type: {', '.join(labels.get(t, t) for t in same_types)}")
    common = sorted(_ancestors(graph, a.lineage_node, cache) & _ancestors(graph, b.lineage_node, cache))
    if common:
        boosts["legal_ancestor"] = ANCESTOR_BOOST
        reasons.append(f"same legal ancestor: {', '.join(documents.get(d, d) for d in common)}")
    if (
        a.evidence.kind == "target"
        and metrics.same_unit(a.unit, b.unit)
        and metrics.same_kind(a.metric or "", b.metric or "")
    ) and metrics.subject_similarity(a.metric or "", b.metric or "") >= metrics.SAME_SUBJECT:
        boosts["metric"] = METRIC_BOOST
        reasons.append(f"same metric: {a.unit} of {metrics.subject(a.metric or '')}")
    factor = 1.0
    if not common and a.evidence.plan != b.evidence.plan and area < SAME_AREA:
        factor = UNRELATED_FACTOR
        reasons.append(f"plans on different subjects ({area:.2f}) with no legal ancestor in common: ×{factor}")
    score = round(min(1.0, cosine * (1 + sum(boosts.values()))) * factor, 4)
    if score < min_score:
        return None
    whole = clause = None
    terms: list[str] = []
    evidence_a, evidence_b = a.evidence, b.evidence
    if isinstance(index, ClauseSimilarityIndex):
        whole = whole_known if whole_known is not None else float(index.whole_similarities()[i, j])
        if describe:
            clause_a, clause_b, clause = index.best_clauses(i, j)
            evidence_a = a.evidence.model_copy(update={"clause": clause_a})
            evidence_b = b.evidence.model_copy(update={"clause": clause_b})
        else:
            clause = float(index.clause_similarities()[i, j])
    text = f"{cosine:.2f}"
    if describe:
        terms = index.shared_terms(i, j)
        if whole is not None and clause is not None:
            text += f": whole {whole:.2f}, clauses {clause:.2f}"
        text += f"; shared: {', '.join(terms) or '—'}"
    pair = OverlapPair(
        kind=a.evidence.kind,
        scope="across" if _across(a, b) else "within",
        category="overlap",
        score=score,
        similarity=round(cosine, 4),
        whole_similarity=None if whole is None else round(whole, 4),
        clause_similarity=None if clause is None else round(clause, 4),
        boosts=boosts,
        reason="; ".join([f"similar {a.evidence.kind} text ({text})", *reasons]),
        shared_terms=terms,
        a=evidence_a,
        b=evidence_b,
    )
    if not describe:
        # described when shown, after the text-by-text matrices are gone: the whole texts'
        # similarity is carried along
        pair._describe = partial(
            _score, index, i, j, a, b, cosine, area, graph, documents, cache, min_score, whole_known=whole
        )
    return pair


def _category(
    pair: OverlapPair, a: _Item, b: _Item, duplication_score: float
) -> Literal["overlap", "duplication", "fragmentation"]:
    if pair.scope == "across":
        return "overlap"
    if pair.score >= duplication_score:
        return "duplication"
    if a.leads and b.leads and not (a.leads & b.leads):
        return "fragmentation"
    return "overlap"


def cached_overlaps(
    store: PolicyStore,
    provinces: list[str] | None = None,
    agency_type: str | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    *,
    kinds: tuple[ItemKind, ...] = ("task", "target"),
    scope: Scope = "all",
    lineage: nx.DiGraph | None = None,
) -> list[OverlapPair]:
    """:func:`find_overlaps` with these parameters, pairs weighed but not described (call
    :func:`describe_pairs` on those shown), kept until the store changes; a refusal (too many
    to compare) is kept too, so asking again is answered at once."""
    key = ("overlaps", tuple(sorted(provinces or ())), agency_type, min_score, kinds, scope)

    def compute() -> list[OverlapPair] | TooManyToCompare:
        try:
            return find_overlaps(
                store, provinces, agency_type, min_score, kinds=kinds, scope=scope, lineage=lineage, describe=False
            )
        except TooManyToCompare as refusal:
            return refusal

    found = memoized(store, key, compute)
    if isinstance(found, TooManyToCompare):
        raise TooManyToCompare(str(found))
    return found
