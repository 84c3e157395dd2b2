"""Positions for large views, computed in networkx so that the browser draws them at once.

A radial tree: the roots in the middle, each ring one step further out, every node inside the
angle of the node it was reached from, angles shared by what each node and those below it need. Linear in
the size of the view (a force-directed layout of 1,500 nodes takes seconds in Python).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx

PHYSICS_LIMIT = 300
"""Up to this many nodes the browser lays the view out itself (physics, stopped once settled);
above it, positions come from :func:`radial_positions` and physics is off."""

NODE_SPACING = 42.0
RING_GAP = 160.0


def _forest(graph: nx.DiGraph, roots: list[str]) -> tuple[dict[str, list[str]], dict[str, int], list[str]]:
    """Children and depth of each node in a breadth-first forest from ``roots`` (then from each
    node not yet reached), and the forest's tops."""
    undirected = graph.to_undirected(as_view=True)
    children: dict[str, list[str]] = {}
    depth: dict[str, int] = {}
    tops: list[str] = []
    starts = [root for root in roots if root in graph] + list(graph.nodes)
    for start in starts:
        if start in depth:
            continue
        tops.append(start)
        depth[start] = 0
        children[start] = []
        queue = [start]
        for current in queue:
            for neighbour in sorted(undirected.neighbors(current), key=str):
                if neighbour in depth:
                    continue
                depth[neighbour] = depth[current] + 1
                children[neighbour] = []
                children[current].append(neighbour)
                queue.append(neighbour)
    return children, depth, tops


def radial_positions(
    graph: nx.DiGraph, roots: list[str] | None = None, widths: Mapping[str, float] | None = None
) -> dict[str, tuple[float, float]]:
    """Pixel coordinates for every node of ``graph``, rings around ``roots``. ``widths``: how
    wide each node is drawn (a labelled box is wider than a dot); a node's angle is at least
    its width on its ring, and at least what the nodes below it need."""
    if graph.number_of_nodes() == 0:
        return {}
    width = dict(widths or {})
    children, depth, tops = _forest(graph, roots or [])
    weight: dict[str, float] = {}
    for node_id in sorted(depth, key=lambda n: -depth[n]):
        own = width.get(str(node_id), NODE_SPACING) / NODE_SPACING
        weight[node_id] = max(own, sum(weight[child] for child in children[node_id]))
    span: dict[str, tuple[float, float]] = {}
    total = sum(weight[top] for top in tops)
    start = 0.0
    stack: list[str] = []
    for top in tops:
        share = math.tau * weight[top] / total
        span[top] = (start, start + share)
        start += share
        stack.append(top)
    while stack:
        node_id = stack.pop()
        low, high = span[node_id]
        below = sum(weight[child] for child in children[node_id])
        offset = low
        for child in children[node_id]:
            share = (high - low) * weight[child] / max(below, weight[node_id])
            span[child] = (offset, offset + share)
            offset += share
            stack.append(child)
    deepest = max(depth.values())
    needed = [0.0] * (deepest + 1)
    for node_id, level in depth.items():
        low, high = span[node_id]
        arc = max(high - low, 1e-9)
        needed[level] = max(needed[level], width.get(str(node_id), NODE_SPACING) / arc)
    radius = [0.0 if len(tops) == 1 else needed[0]]
    for level in range(1, deepest + 1):
        radius.append(max(radius[level - 1] + RING_GAP, needed[level]))
    placed: dict[str, tuple[float, float]] = {}
    for node_id, (low, high) in span.items():
        angle = (low + high) / 2
        r = radius[depth[node_id]]
        placed[str(node_id)] = (r * math.cos(angle), r * math.sin(angle))
    return placed


def levels_from(graph: nx.DiGraph, roots: list[str]) -> dict[str, int]:
    """Each node's level for a hierarchical layout: its distance from the roots (then from each
    node not yet reached) over edges in either direction."""
    _children, depth, _tops = _forest(graph, roots)
    return {str(node_id): level for node_id, level in depth.items()}
