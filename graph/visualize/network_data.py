"""A view as vis-network data: pyvis node and edge lists (filled directly — pyvis's
``add_node``/``add_edge`` test membership on lists and grow quadratically) and the options.

The result is plain data for a page to embed as JSON; labels and titles are text, never HTML.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx
from pyvis.network import Network

from graph.visualize.kinds import KINDS_BY_NAME, NODE_KINDS, RELATIONS, relation_name
from graph.visualize.labels import shorten
from graph.visualize.layout import PHYSICS_LIMIT, levels_from, radial_positions
from graph.visualize.view import View

_INHERITED_BORDER = "#6d597a"


FONT_SIZE = 14
"""Label size in canvas pixels; the page never fits a view at a scale that draws it under 11 px."""


def _options(physics: bool, hierarchical: bool = False) -> dict[str, Any]:
    if hierarchical:
        return {
            "autoResize": True,
            "nodes": {
                "font": {"size": FONT_SIZE, "face": "system-ui, sans-serif"},
                "borderWidth": 1,
                "size": 12,
                "widthConstraint": {"maximum": 260},
            },
            "edges": {
                "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.4},
                "width": 1,
            },
            "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True, "navigationButtons": False},
            "layout": {
                "hierarchical": {
                    "enabled": True,
                    "direction": "LR",
                    "sortMethod": "directed",
                    "levelSeparation": 330,
                    "nodeSpacing": 66,
                    "treeSpacing": 60,
                    "blockShifting": True,
                    "edgeMinimization": True,
                    "parentCentralization": True,
                }
            },
            "physics": {"enabled": False},
        }
    return {
        "autoResize": True,
        "nodes": {"font": {"size": FONT_SIZE, "face": "system-ui, sans-serif"}, "borderWidth": 1, "size": 14},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "smooth": {"enabled": physics, "type": "continuous"},
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": not physics, "navigationButtons": False},
        "layout": {"improvedLayout": physics, "randomSeed": 7},
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -90, "springLength": 130, "avoidOverlap": 0.6},
            "stabilization": {"enabled": True, "iterations": 150, "updateInterval": 50, "fit": True},
            "minVelocity": 1.5,
        },
    }


def legend(lang: str = "vi", view: View | None = None) -> list[dict[str, str]]:
    """Shape, colour and name of every node kind (of those drawn in ``view``, when given)."""
    used = {str(kind) for _, kind in view.graph.nodes(data="kind")} if view is not None else None
    return [
        {"kind": kind.name, "shape": kind.shape, "colour": kind.colour, "name": kind.en if lang == "en" else kind.vi}
        for kind in NODE_KINDS
        if used is None or kind.name in used
    ]


def edge_legend(view: View, lang: str = "vi") -> list[dict[str, Any]]:
    """The relations that occur in the view, with their colours."""
    used = {str(attrs.get("relation")) for _, _, attrs in view.graph.edges(data=True)}
    if any(attrs.get("inherited") for _, _, attrs in view.graph.edges(data=True)):
        used.add("inherited")
    return [
        {"relation": name, "colour": relation.colour, "dashes": relation.dashes, "name": relation_name(name, lang)}
        for name, relation in RELATIONS.items()
        if name in used
    ]


_LABELLED_SHAPES = frozenset({"box", "ellipse"})


def _widths(graph: nx.DiGraph) -> dict[str, float]:
    """About how wide each node is drawn: shapes holding their label grow with it."""
    widths = {}
    for node_id, attrs in graph.nodes(data=True):
        kind = KINDS_BY_NAME[str(attrs.get("kind", "document"))]
        if kind.shape in _LABELLED_SHAPES:
            widths[str(node_id)] = 24.0 + 7.5 * len(shorten(str(attrs.get("label") or node_id)))
    return widths


def network(view: View, lang: str = "vi", hierarchical: bool = False, cdn_resources: str = "local") -> Network:
    """A pyvis network holding the view's nodes and edges (and positions when it is large).
    ``hierarchical``: laid out in levels from the roots, left to right (lineage, mandates,
    plans), each node at its distance from the roots, up to :data:`PHYSICS_LIMIT` nodes."""
    graph = view.graph
    physics = graph.number_of_nodes() <= PHYSICS_LIMIT
    levels = levels_from(graph, view.roots) if hierarchical and physics else {}
    physics = physics and not levels
    placed = {} if physics or levels else radial_positions(graph, view.roots, _widths(graph))
    height = "100%" if cdn_resources == "local" else "88vh"
    net = Network(directed=True, height=height, width="100%", cdn_resources=cdn_resources)
    nodes: list[dict[str, Any]] = []
    for node_id, attrs in graph.nodes(data=True):
        kind = KINDS_BY_NAME[str(attrs.get("kind", "document"))]
        full = str(attrs.get("label") or node_id)
        entry: dict[str, Any] = {
            "id": node_id,
            "label": shorten(full),
            "title": full,
            "kind": kind.name,
            "shape": kind.shape,
            "color": kind.colour,
        }
        if attrs.get("inherited"):
            entry["inherited"] = True
            entry["color"] = {"background": kind.colour, "border": _INHERITED_BORDER}
            entry["borderWidth"] = 3
            entry["shapeProperties"] = {"borderDashes": [6, 4]}
        if node_id in view.roots:
            entry["root"] = True
            entry["borderWidth"] = 3
            entry["font"] = {"size": 16}
        if node_id in placed:
            entry["x"], entry["y"] = placed[node_id]
        if node_id in levels:
            entry["level"] = levels[node_id]
        nodes.append(entry)
    edges: list[dict[str, Any]] = []
    for source, target, attrs in graph.edges(data=True):
        relation_key = str(attrs.get("relation", ""))
        relation = RELATIONS.get(relation_key)
        entry = {
            "from": source,
            "to": target,
            "relation": relation_key,
            "title": str(attrs.get("title") or relation_name(relation_key, lang)),
            "color": relation.colour if relation else "#999999",
            "width": 2 if relation_key == "overlaps" else 1,
            "dashes": bool(relation.dashes) if relation else False,
        }
        if attrs.get("inherited"):
            entry["inherited"] = True
            entry["dashes"] = True
            entry["color"] = RELATIONS["inherited"].colour
        edges.append(entry)
    net.nodes = nodes
    net.edges = edges
    net.node_ids = [entry["id"] for entry in nodes]
    net.node_map = {entry["id"]: entry for entry in nodes}
    net.options = _options(physics, hierarchical=bool(levels))
    return net


def network_data(view: View, lang: str = "vi", hierarchical: bool = False) -> dict[str, Any]:
    """Nodes, edges, options and what the page says about the view (counts, truncation)."""
    net = network(view, lang, hierarchical)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "physics": bool(json.loads(options)["physics"]["enabled"]),
        "hierarchical": "hierarchical" in json.loads(options)["layout"],
        "roots": view.roots,
        "node_count": len(nodes),
        "edge_count": len(edges),
        "cap": view.cap,
        "truncated": view.truncated,
        "omitted": len(view.omitted),
    }
