"""The views the browser shows, built from the store: a plan, an agency's mandates, a legal
document's lineage, any node's neighbourhood; each bounded by a node cap and expandable
node by node."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.analysis import loading
from graph.analysis.lineage.dag import descendants
from graph.analysis.lineage.local import documents as lineage_documents
from graph.analysis.lineage.local import lineage_below
from graph.read.cache.memo import memoized
from graph.read.mandates import mandates
from graph.store.protocol import GraphStore
from graph.visualize.kinds import ROLE_RELATIONS
from graph.visualize.labels import full_label
from graph.visualize.store_nodes import describe, neighbours
from graph.visualize.view import NODE_CAP, View, view_of_graph

Follow = frozenset[tuple[str, str]]

PLAN_LINKS: Follow = frozenset(
    {
        ("hasTask", "out"),
        ("implements", "out"),
        ("basedOn", "out"),
        ("cites", "out"),
        ("hasTarget", "out"),
        ("province", "out"),
        ("issuedBy", "out"),
    }
)
TASK_LINKS: Follow = frozenset(
    {("leadAgency", "out"), ("coordinatingAgency", "out"), ("reportsTo", "out"), ("hasTarget", "out"), ("cites", "out")}
)
TASK_AGENCIES: Follow = frozenset({("leadAgency", "out"), ("coordinatingAgency", "out")})
AGENCY_CONTEXT: Follow = frozenset({("agencyType", "out"), ("province", "out"), ("successor", "out")})


class UnknownNode(LookupError):
    """The store has nothing on the requested id (or it is not of the requested kind)."""


def grow(store: GraphStore, view: View, node_id: str, follow: Follow | None = None, lang: str = "vi") -> list[str]:
    """Add the neighbours of ``node_id`` over the relations in ``follow`` (all when None);
    return the ids the view did not hold before."""
    view.used("visual_neighbours", node=node_id)
    added: list[str] = []
    for link in neighbours(store, node_id, lang):
        if follow is not None and (link.relation, link.direction) not in follow:
            continue
        new = link.other not in view.graph
        if not view.add_node(link.other, link.kind, link.label):
            continue
        if new:
            added.append(link.other)
        if link.direction == "out":
            view.add_edge(node_id, link.other, link.relation)
        else:
            view.add_edge(link.other, node_id, link.relation)
    return added


def _root(store: GraphStore, node_id: str, lang: str, kinds: Iterable[str] | None, cap: int) -> View:
    found = describe(store, node_id, lang)
    wanted = set(kinds) if kinds is not None else None
    if found is None or found.kind is None or (wanted is not None and found.kind not in wanted):
        raise UnknownNode(node_id)
    view = View(cap=max(1, min(cap, NODE_CAP)), roots=[node_id])
    view.used("visual_node", node=node_id)
    view.add_node(node_id, found.kind, found.label)
    return view


def expand(store: GraphStore, view: View, node_ids: Iterable[str], lang: str = "vi") -> None:
    """Add every neighbour of each of ``node_ids`` that the view holds (as far as the cap allows)."""
    for node_id in node_ids:
        if node_id in view.graph:
            view.graph.nodes[node_id]["expanded"] = True
            grow(store, view, node_id, None, lang)


def plan_view(store: GraphStore, plan_id: str, lang: str = "vi", cap: int = NODE_CAP) -> View:
    """A plan with its tasks, their lead and coordinating agencies and targets, and the
    documents the plan implements, is based on and cites."""
    view = _root(store, plan_id, lang, {"plan"}, cap)
    for added in grow(store, view, plan_id, PLAN_LINKS, lang):
        if view.graph.nodes[added]["kind"] == "task":
            grow(store, view, added, TASK_LINKS, lang)
    return view


def node_view(store: GraphStore, node_id: str, lang: str = "vi", cap: int = NODE_CAP) -> View:
    """Any node with all its neighbours."""
    view = _root(store, node_id, lang, None, cap)
    grow(store, view, node_id, None, lang)
    view.graph.nodes[node_id]["expanded"] = True
    return view


def agency_view(store: GraphStore, agency_id: str, lang: str = "vi", cap: int = NODE_CAP) -> View:
    """An agency's mandates: the tasks it leads or coordinates, in their plans; the tasks given
    to bodies merged into it are drawn through those bodies and marked inherited."""
    view = _root(store, agency_id, lang, {"agency"}, cap)
    grow(store, view, agency_id, AGENCY_CONTEXT, lang)
    view.used("mandates", agency=agency_id)
    view.used("predecessors", agency=agency_id)
    for mandate in mandates(store, agency_id, include_predecessors=True):
        plan_label = mandate.plan_label or mandate.plan_title or mandate.plan
        task_label = full_label("task", {"code": mandate.code, "text": mandate.text}, lang)
        relation = ROLE_RELATIONS.get(mandate.role, mandate.role)
        if not view.add_node(mandate.plan, "plan", plan_label):
            continue
        if not view.add_node(mandate.task, "task", task_label, inherited=mandate.inherited):
            continue
        view.add_edge(mandate.plan, mandate.task, "hasTask")
        if not mandate.inherited:
            view.add_edge(mandate.task, agency_id, relation)
            continue
        holder_label = mandate.holder_label or mandate.holder
        if not view.add_node(mandate.holder, "agency", holder_label, inherited=True):
            continue
        if not view.graph.has_edge(mandate.holder, agency_id):
            view.add_edge(mandate.holder, agency_id, "successor", inherited=True)
        view.add_edge(mandate.task, mandate.holder, relation, inherited=True)
    return view


def legal_view(store: GraphStore, document_id: str, lang: str = "vi", cap: int = NODE_CAP) -> View:
    """A legal document's lineage (:func:`graph.analysis.lineage.local.lineage_below`, read below
    the document alone): the documents and plans that derive from it at any depth, down to their
    tasks and the agencies given them. Edges are drawn as the store states them (a plan
    implements a document, a task cites one)."""
    _root(store, document_id, lang, {"document", "plan"}, cap)
    if document_id not in lineage_documents(store):
        raise UnknownNode(document_id)
    lineage = lineage_below(store, document_id)
    below = descendants(lineage, document_id)
    graph = nx.DiGraph()
    texts = memoized(store, "visualize.lineage_tasks", lambda: loading.tasks(store))
    for node_id in [document_id, *sorted(below, key=lambda n: (below[n], n))]:
        attrs = lineage.nodes[node_id]
        kind = str(attrs.get("kind", "document"))
        label = str(attrs.get("label") or node_id)
        task = texts.get(node_id)
        if task is not None:
            label = full_label("task", {"code": task.code, "text": task.text}, lang)
        elif node_id == document_id or kind in ("document", "plan"):
            found = describe(store, node_id, lang) if node_id == document_id else None
            label = found.label if found is not None else label
        graph.add_node(node_id, kind=kind, label=label)
    for source, target, attrs in lineage.subgraph(graph.nodes).edges(data=True):
        relation = str(attrs.get("relation", ""))
        name = _LINEAGE_RELATIONS.get(relation, relation)
        if relation in _UPWARD:
            graph.add_edge(target, source, relation=name)
        else:
            graph.add_edge(source, target, relation=name)
    view = view_of_graph(graph, [document_id], max(1, min(cap, NODE_CAP)))
    view.used("visual_node", node=document_id)
    for name in ("lineage_derived", "lineage_plan_tasks", "lineage_citing_tasks", "lineage_task_agencies"):
        view.used(name)
    return view


# Lineage edges point from authority to what derives from it; the store's relations point
# from the derived document (or citing task) to its source.
_UPWARD = frozenset({"implements", "based_on", "implements_by_title", "cites"})
_LINEAGE_RELATIONS = {
    "implements": "implements",
    "implements_by_title": "implementsByTitle",
    "based_on": "basedOn",
    "cites": "cites",
    "has_task": "hasTask",
    "lead": "leadAgency",
    "coordinating": "coordinatingAgency",
}
