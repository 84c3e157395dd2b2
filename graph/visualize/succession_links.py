"""A node's place in the 2025 restructuring, for the detail panel: the bodies it handed over
to and those it took over from, each with the date of the hand-over."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from graph.build.ids import local, node
from graph.queries.named import run_named
from graph.store.protocol import GraphStore

Direction = Literal["successor", "predecessor"]


@dataclass(frozen=True)
class Handover:
    direction: Direction
    other: str
    label: str
    date: dt.date | None


def handovers(store: GraphStore, node_id: str) -> list[Handover]:
    """The direct successors and predecessors of ``node_id`` (an agency or a province)."""
    found: dict[tuple[str, str], Handover] = {}
    for row in run_named(store, "visual_succession", node=node(node_id)):
        other = local(str(row["other"]))
        direction: Direction = "successor" if str(row["direction"]) == "successor" else "predecessor"
        date = row.get("date")
        entry = Handover(
            direction,
            other,
            str(row["label"]) if row.get("label") is not None else other,
            date if isinstance(date, dt.date) else None,
        )
        known = found.get((direction, other))
        if known is None or (known.date is None and entry.date is not None):
            found[(direction, other)] = entry
    return sorted(found.values(), key=lambda h: (h.direction, h.date or dt.date.max, h.label))
