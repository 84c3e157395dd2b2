"""``/graph/api/node/{id}``: what the detail panel shows about one node — properties, source
quotes with line numbers, counts per relation, and links to its page, JSON and SPARQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, HTTPException

from api.deps import StoreDep
from api.errors import error_responses
from api.pages.graphs.links import api_paths, page_path, sparql_links
from api.pages.i18n import LangParam
from api.pages.params import NodeId
from graph.visualize.kinds import KINDS_BY_NAME, relation_name
from graph.visualize.store_nodes import details
from graph.visualize.succession_links import handovers
from graph.visualize.view import QueryUse

router = APIRouter()


@router.get("/graph/api/node/{node_id}", responses=error_responses(404))
def node_details(node_id: NodeId, store: StoreDep, lang: LangParam = "vi") -> dict[str, Any]:
    """One node's properties, sources and links per relation (the graph pages' detail panel)."""
    found = details(store, node_id, lang)
    if found is None:
        raise HTTPException(404, f"no node with id '{node_id}'")
    kind = KINDS_BY_NAME.get(found.kind or "")
    uses = [
        QueryUse(name, {"node": node_id}) for name in ("visual_node", "visual_node_sources", "visual_relation_counts")
    ]
    return {
        "id": found.id,
        "kind": found.kind,
        "kind_name": (kind.en if lang == "en" else kind.vi) if kind else None,
        "label": found.label,
        "properties": [{"property": prop, "value": value} for prop, value in found.properties],
        "sources": [
            {"file": s.file, "start_line": s.start_line, "end_line": s.end_line, "quote": s.quote}
            for s in found.sources
        ],
        "counts": [
            {
                "relation": c.relation,
                "direction": c.direction,
                "count": c.count,
                "name": relation_name(c.relation, lang),
            }
            for c in found.counts
        ],
        "succession": [
            {
                "direction": h.direction,
                "id": h.other,
                "label": h.label,
                "date": h.date.isoformat() if h.date else None,
                "before": _in_words(h.direction, h.date, lang)[0],
                "after": _in_words(h.direction, h.date, lang)[1],
                "page": f"/id/{h.other}",
            }
            for h in handovers(store, node_id)
        ]
        if found.kind in ("agency", "province")
        else [],
        "page": page_path(found.kind, node_id),
        "api": api_paths(found.kind, node_id),
        "sparql": sparql_links(uses),
    }


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")  # fmt: skip


def _in_words(direction: str, date: dt.date | None, lang: str) -> tuple[str, str]:
    """What stands before and after the other body's name: "Chuyển giao cho" … "từ ngày
    01/03/2025"; "Handed over to" … "on 1 March 2025"."""
    if lang == "en":
        when = f"on {date.day} {_MONTHS_EN[date.month - 1]} {date.year}" if date else ""
        return ("Handed over to" if direction == "successor" else "Took over from"), when
    when = f"từ ngày {date:%d/%m/%Y}" if date else ""
    return ("Chuyển giao cho" if direction == "successor" else "Tiếp nhận từ"), when
