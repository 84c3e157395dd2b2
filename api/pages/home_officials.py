"""The home page's entry for an official: their province (the 34 units since 1 July 2025,
those of the data first), then their agency in it, current names before the names the bodies
had before the 2025 restructuring, each leading to the agency's page."""

from __future__ import annotations

from dataclasses import dataclass

from graph.analysis.coverage import current_unit
from graph.read.directory import all_agencies
from graph.store.protocol import GraphStore
from loaders.text import fold
from ontology import catalogue


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    tasks: int = 0


def province_choices(store: GraphStore) -> list[Choice]:
    """The current provinces some agency of the data belongs to."""
    known = catalogue.provinces()
    found = {current_unit(a.province) for a in all_agencies(store) if a.province}
    return sorted((Choice(p, known[p].name) for p in found if p and p in known), key=lambda c: fold(c.label))


def agency_choices(store: GraphStore, province: str, lang: str) -> tuple[list[Choice], list[Choice]]:
    """(current agencies, former ones) of a current province, most tasks first."""
    agencies = [a for a in all_agencies(store) if a.province and current_unit(a.province) == province]
    successors = {a.id: a.successors for a in all_agencies(store)}
    tasks: dict[str, int] = {}
    # a body answers for what its predecessors were given: each count reaches every successor
    for agency in agencies:
        own = agency.leads + agency.coordinations
        reached = {agency.id}
        pending = [agency.id]
        while pending:
            current_id = pending.pop()
            for successor in successors.get(current_id, []):
                if successor not in reached:
                    reached.add(successor)
                    pending.append(successor)
        for holder in reached:
            tasks[holder] = tasks.get(holder, 0) + own
    current: list[Choice] = []
    former: list[Choice] = []
    for agency in agencies:
        label = (agency.label_en if lang == "en" else None) or agency.label
        (current if agency.current else former).append(Choice(agency.id, label, tasks.get(agency.id, 0)))
    order = lambda c: (-c.tasks, fold(c.label))  # noqa: E731
    return sorted(current, key=order), sorted(former, key=order)
