"""Policy lineage as a networkx DAG: national documents → plans (and plans that implement
plans) → tasks → agencies.

Edges point from the source of authority to what derives from it, and carry ``relation``:
``implements`` and ``based_on`` (document → plan), ``implements_by_title`` (a cited plan whose
title says it carries out a programme known by that title), ``cites`` (document → a task that
cites it itself), ``has_task`` (plan → task), ``lead`` and ``coordinating`` (task → agency).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

import networkx as nx
from pydantic import BaseModel, Field

from graph.analysis import loading
from graph.build.ids import local
from graph.queries.named import run_named
from graph.store.protocol import GraphStore
from loaders.text import fold

Kind = Literal["document", "plan", "task", "agency"]
DOCUMENT_KINDS = frozenset({"document", "plan"})
# Words with which a title says the document carries out another: "về thực hiện ...", "triển khai ...".
_CARRIES_OUT = ("thuc hien", "trien khai")


def _words(text: str) -> str:
    """The words of ``text`` folded (:func:`loaders.text.fold`), punctuation dropped.

    >>> _words("Quyết định 889/QĐ-TTg")
    'quyet dinh 889 qd ttg'
    """
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def _title_links(documents: dict[str, loading.DocumentInfo]) -> list[tuple[str, str]]:
    """(parent, child) pairs where the child's title says it carries out a programme that the
    parent is known by (``pol:knownTitle``): "về thực hiện Chương trình hành động quốc gia ..."."""
    known = [(doc.id, _words(title)) for doc in documents.values() for title in doc.known_titles]
    links: list[tuple[str, str]] = []
    for child in documents.values():
        if not child.title:
            continue
        words = _words(child.title)
        for verb in _CARRIES_OUT:
            at = words.find(verb)
            if at < 0:
                continue
            rest = words[at + len(verb) :]
            for parent, title in known:
                if parent != child.id and title and title in rest and (parent, child.id) not in links:
                    links.append((parent, child.id))
    return links


def lineage_graph(store: GraphStore) -> nx.DiGraph:
    """The lineage DAG of the whole store. Node attributes: ``kind`` (document, plan, task,
    agency) and ``label``; edge attribute: ``relation``.

    O(documents + tasks + assignments) read from the store: about 20 s at 10^4 tasks
    (bench.synth, 2 cores). One document's tree needs only the part below it
    (:func:`graph.analysis.lineage.local.lineage_below`)."""
    documents = loading.documents(store)
    tasks = loading.tasks(store)
    graph = nx.DiGraph()
    for doc in documents.values():
        graph.add_node(doc.id, kind=doc.kind, label=doc.display, title=doc.title or "", province=doc.province or "")
    for order, task in enumerate(tasks.values()):
        graph.add_node(task.id, kind="task", label=_task_label(task), province=task.province or "", order=order)
    agencies: dict[str, str] = {}
    for assignment in loading.assignments(store):
        agencies[assignment.agency] = assignment.agency_label or assignment.agency
    for agency, label in agencies.items():
        graph.add_node(agency, kind="agency", label=label)
    for row in run_named(store, "analysis_lineage_edges"):
        source, target, relation = local(str(row["from"])), local(str(row["to"])), str(row["relation"])
        if source == target:
            continue
        for end in (source, target):
            if end not in graph:
                graph.add_node(end, kind="document", label=end)
        if graph.has_edge(source, target):
            continue
        graph.add_edge(source, target, relation=relation)
    for parent, child in _title_links(documents):
        if not graph.has_edge(parent, child) and not nx.has_path(graph, child, parent):
            graph.add_edge(parent, child, relation="implements_by_title")
    _break_cycles(graph)
    return graph


def _task_label(task: loading.TaskInfo) -> str:
    text = " ".join(task.text.split())
    short = text if len(text) <= 90 else text[:89].rstrip() + "…"
    return f"{task.code} {short}" if task.code else short


def _break_cycles(graph: nx.DiGraph) -> None:
    """Keep the graph acyclic: a document that (by an extraction slip) derives from its own
    descendant loses the edge that closes the loop."""
    while True:
        try:
            cycle = nx.find_cycle(graph)
        except nx.NetworkXNoCycle:
            return
        graph.remove_edge(*cycle[-1][:2])


def descendants(graph: nx.DiGraph, node_id: str, max_depth: int | None = None) -> dict[str, int]:
    """Everything that derives from ``node_id``, with its distance (the shortest)."""
    _require(graph, node_id)
    found = nx.single_source_shortest_path_length(graph, node_id, cutoff=max_depth)
    found.pop(node_id, None)
    return dict(found)


def ancestors(graph: nx.DiGraph, node_id: str, max_depth: int | None = None) -> dict[str, int]:
    """Everything ``node_id`` derives from, with its distance (the shortest)."""
    _require(graph, node_id)
    found = nx.single_source_shortest_path_length(graph.reverse(copy=False), node_id, cutoff=max_depth)
    found.pop(node_id, None)
    return dict(found)


def legal_paths(graph: nx.DiGraph, node_id: str) -> list[list[str]]:
    """The paths that link a task (or plan) to the documents behind it that derive from no
    other document: each path starts at ``node_id`` and ends at such a root document;
    longest first."""
    _require(graph, node_id)
    documents_above = [n for n in ancestors(graph, node_id) if graph.nodes[n].get("kind") in DOCUMENT_KINDS]
    roots = [
        n
        for n in documents_above
        if not any(graph.nodes[p].get("kind") in DOCUMENT_KINDS for p in graph.predecessors(n))
    ]
    paths = [list(reversed(path)) for root in roots for path in nx.all_simple_paths(graph, root, node_id)]
    return sorted(paths, key=lambda path: (-len(path), path))


class UnknownNode(KeyError):
    """The id is not a node of the lineage graph."""

    def __str__(self) -> str:
        return f"'{self.args[0]}' is not a document, plan, task or agency of the graph"


def _require(graph: nx.DiGraph, node_id: str) -> None:
    if node_id not in graph:
        raise UnknownNode(node_id)


class LineageNode(BaseModel):
    """One node of a lineage tree; ``repeated`` marks a node already shown with its children
    at a shallower place of the tree (the DAG reaches it along more than one path)."""

    id: str
    kind: Kind
    label: str
    relation: str | None = None
    depth: int
    repeated: bool = False
    children: list[LineageNode] = Field(default_factory=list)


class LineageTree(BaseModel):
    root: LineageNode
    counts: dict[str, int]
    max_depth: int | None


_KIND_ORDER = {"plan": 0, "document": 1, "task": 2, "agency": 3}


def _order(graph: nx.DiGraph, node_id: str) -> tuple[int, int, str]:
    attrs = graph.nodes[node_id]
    return (_KIND_ORDER.get(attrs.get("kind", ""), 9), attrs.get("order", 0), str(attrs.get("label", node_id)))


def lineage_tree(graph: nx.DiGraph, doc_id: str, max_depth: int | None = None) -> LineageTree:
    """The tree of plans, tasks and agencies that derive from ``doc_id`` in a lineage graph (the
    whole store's, :func:`lineage_graph`, or the part below the document,
    :func:`graph.analysis.lineage.local.lineage_below`), with depth. O(nodes + edges below the
    document).

    A node reached along several paths is expanded at its shallowest place and listed as
    ``repeated`` elsewhere."""
    _require(graph, doc_id)
    distance = descendants(graph, doc_id, max_depth)
    distance[doc_id] = 0
    expanded: set[str] = set()

    def build(node_id: str, depth: int, relation: str | None) -> LineageNode:
        attrs = graph.nodes[node_id]
        item = LineageNode(
            id=node_id,
            kind=attrs.get("kind", "document"),
            label=attrs.get("label", node_id),
            relation=relation,
            depth=depth,
        )
        if node_id in expanded or distance.get(node_id, depth) < depth:
            item.repeated = True
            return item
        expanded.add(node_id)
        if max_depth is not None and depth >= max_depth:
            return item
        for child in sorted(graph.successors(node_id), key=lambda c: _order(graph, c)):
            item.children.append(build(child, depth + 1, graph.edges[node_id, child].get("relation")))
        return item

    root = build(doc_id, 0, None)
    counts: dict[str, int] = {}
    for node_id in distance:
        if node_id != doc_id:
            kind = graph.nodes[node_id].get("kind", "document")
            counts[kind] = counts.get(kind, 0) + 1
    return LineageTree(root=root, counts=counts, max_depth=max_depth)


def flatten(tree: LineageTree) -> list[LineageNode]:
    """The tree's nodes in depth-first order (children not copied)."""
    out: list[LineageNode] = []

    def walk(item: LineageNode) -> None:
        out.append(item)
        for child in item.children:
            walk(child)

    walk(tree.root)
    return out


def matching_documents(labels: Mapping[str, str], wanted: str) -> list[str]:
    """The ids among ``labels`` (a document's id → its number or label) that ``wanted`` names:
    the id itself, or the number written in any case, with or without diacritics. O(documents).

    >>> labels = {"doc-889": "889/QĐ-TTg", "doc-07": "07/KH-UBND"}
    >>> matching_documents(labels, "889/qd-ttg"), matching_documents(labels, "doc-07")
    (['doc-889'], ['doc-07'])
    >>> matching_documents(labels, "999/QĐ-TTg")
    []
    """
    if wanted in labels:
        return [wanted]
    key = _words(wanted)
    return sorted(doc for doc, label in labels.items() if key and _words(label) == key)


def find_document(graph: nx.DiGraph, wanted: str) -> list[str]:
    """Documents of the lineage graph named by ``wanted`` (:func:`matching_documents`)."""
    labels = {n: str(data.get("label", "")) for n, data in graph.nodes(data=True) if data.get("kind") in DOCUMENT_KINDS}
    return matching_documents(labels, wanted)
