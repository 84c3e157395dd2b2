"""The overlaps view: similar tasks and targets of plans from chosen provinces
(:func:`graph.analysis.overlaps.analysis.cached_overlaps`, the ranking the ``/overlaps`` route
pages through), drawn under their plans and provinces, each
pair joined by an edge that says why it was found and how strongly."""

from __future__ import annotations

from graph.analysis.overlaps.analysis import DEFAULT_MIN_SCORE, Evidence, cached_overlaps
from graph.read.plans import all_plans
from graph.store.protocol import GraphStore
from graph.visualize.labels import full_label
from graph.visualize.view import NODE_CAP, View

AFTER_FULL = 2_000
"""Pairs looked at after the view is full (for links between the nodes it shows)."""


def _add_side(view: View, side: Evidence, plan_labels: dict[str, str], lang: str) -> bool:
    if side.kind == "task":
        label = full_label("task", {"text": side.text}, lang)
    else:
        label = full_label("target", {"metric": side.text, "value": side.value}, lang)
    if side.province and not view.add_node(side.province, "province", side.province_name or side.province):
        return False
    if not view.add_node(side.plan, "plan", plan_labels.get(side.plan, side.plan)):
        return False
    if side.province:
        view.add_edge(side.plan, side.province, "province")
    if not view.add_node(side.id, side.kind, label):
        return False
    view.add_edge(side.plan, side.id, "hasTask" if side.kind == "task" else "hasTarget")
    return True


def overlaps_view(
    store: GraphStore,
    provinces: list[str] | None,
    min_score: float = DEFAULT_MIN_SCORE,
    lang: str = "vi",
    cap: int = NODE_CAP,
) -> View:
    """Pairs of similar tasks and targets between (and within) the chosen provinces, best
    first, until the node cap."""
    pairs = cached_overlaps(store, provinces=provinces or None, min_score=min_score)
    plan_labels = {plan.id: plan.label or plan.title or plan.id for plan in all_plans(store)}
    view = View(cap=max(1, min(cap, NODE_CAP)))
    view.used("plans")
    more = AFTER_FULL
    for pair in pairs:
        if view.full():
            # a national ranking holds far more pairs than a view can draw: once it is full,
            # only the next few are looked at, for links between nodes already drawn
            if more == 0:
                break
            more -= 1
        if not (_add_side(view, pair.a, plan_labels, lang) and _add_side(view, pair.b, plan_labels, lang)):
            continue
        view.add_edge(pair.a.id, pair.b.id, "overlaps", title=f"{pair.score:.2f} — {pair.category}: {pair.reason}")
    view.roots = sorted(node for node, kind in view.graph.nodes(data="kind") if kind == "province")
    return view
