"""A bounded view: a networkx graph that stops growing at a node cap and says what it left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

NODE_CAP = 1500
"""The most nodes one page draws; larger graphs are shown as bounded neighbourhoods."""


@dataclass(frozen=True)
class QueryUse:
    """A named query that fed the view, with the local ids bound to its variables."""

    name: str
    bindings: dict[str, str]


@dataclass
class View:
    """Nodes carry ``kind`` and ``label`` (full text), optionally ``inherited``; edges carry
    ``relation``, optionally ``inherited``. ``roots`` are the nodes the view is about."""

    cap: int = NODE_CAP
    graph: nx.DiGraph = field(default_factory=nx.DiGraph)
    roots: list[str] = field(default_factory=list)
    omitted: set[str] = field(default_factory=set)
    queries: list[QueryUse] = field(default_factory=list)

    @property
    def truncated(self) -> bool:
        return bool(self.omitted)

    def full(self) -> bool:
        return bool(self.graph.number_of_nodes() >= self.cap)

    def add_node(self, node_id: str, kind: str, label: str, **attrs: Any) -> bool:
        """Add (or update) a node; False when the cap keeps it out (it is counted as omitted)."""
        if node_id in self.graph:
            for key, value in attrs.items():
                if value:
                    self.graph.nodes[node_id][key] = value
            return True
        if self.full():
            self.omitted.add(node_id)
            return False
        self.graph.add_node(node_id, kind=kind, label=label, **attrs)
        return True

    def add_edge(self, source: str, target: str, relation: str, **attrs: Any) -> bool:
        """Add an edge between two nodes already in the view."""
        if source not in self.graph or target not in self.graph:
            return False
        self.graph.add_edge(source, target, relation=relation, **attrs)
        return True

    def used(self, name: str, **bindings: str) -> None:
        use = QueryUse(name, dict(bindings))
        if use not in self.queries:
            self.queries.append(use)


def view_of_graph(graph: nx.DiGraph, roots: list[str] | None = None, cap: int = NODE_CAP) -> View:
    """A view of a networkx graph (node attrs ``kind``, ``label``; edge attr ``relation``),
    nodes taken breadth-first from ``roots`` (else in the graph's order) up to ``cap``."""
    view = View(cap=cap, roots=[root for root in roots or [] if root in graph])
    order: list[str] = []
    seen: set[str] = set()
    undirected = graph.to_undirected(as_view=True)
    for root in view.roots:
        if root in seen:
            continue
        for node_id in nx.bfs_tree(undirected, root):
            if node_id not in seen:
                seen.add(node_id)
                order.append(node_id)
    order.extend(node_id for node_id in graph.nodes if node_id not in seen)
    for node_id in order:
        attrs = dict(graph.nodes[node_id])
        kind = str(attrs.pop("kind", "document"))
        label = str(attrs.pop("label", node_id))
        view.add_node(node_id, kind, label, **attrs)
    for source, target, attrs in graph.edges(data=True):
        extra = {key: value for key, value in attrs.items() if key != "relation"}
        view.add_edge(source, target, str(attrs.get("relation", "")), **extra)
    return view
