"""The mandate network: agencies and tasks as a bipartite networkx graph, the role on the
edge, and mandate counts per agency and per agency type."""

from __future__ import annotations

import networkx as nx
from pydantic import BaseModel

from graph.analysis import loading
from graph.store.protocol import GraphStore

ROLES = ("lead", "coordinating")


def mandate_graph(store: GraphStore) -> nx.Graph:
    """Agency ↔ task, bipartite (``bipartite`` 0 for agencies, 1 for tasks). Edge attribute
    ``role``: ``lead`` or ``coordinating`` (an agency named in both roles of one task leads it).
    Agency nodes carry ``label``, ``type``, ``type_label``, ``province``, ``collective``; task
    nodes ``label``, ``plan``, ``province``."""
    tasks = loading.tasks(store)
    graph = nx.Graph()
    for assignment in loading.assignments(store):
        if assignment.role not in ROLES:
            continue
        if assignment.agency not in graph:
            graph.add_node(
                assignment.agency,
                bipartite=0,
                kind="agency",
                label=assignment.agency_label or assignment.agency,
                type=assignment.type or "",
                type_label=assignment.type_label or assignment.type or "",
                province=assignment.province or "",
                collective=assignment.collective,
            )
        if assignment.task not in graph:
            task = tasks.get(assignment.task)
            graph.add_node(
                assignment.task,
                bipartite=1,
                kind="task",
                label=(task.text if task else assignment.task),
                code=(task.code or "") if task else "",
                plan=assignment.plan,
                province=assignment.province or "",
            )
        if graph.has_edge(assignment.agency, assignment.task):
            if assignment.role == "lead":
                graph.edges[assignment.agency, assignment.task]["role"] = "lead"
            continue
        graph.add_edge(assignment.agency, assignment.task, role=assignment.role)
    return graph


class AgencyMandates(BaseModel):
    id: str
    label: str
    type: str
    type_label: str
    collective: bool
    lead: int
    coordinating: int
    plans: list[str]
    provinces: list[str]


class TypeMandates(BaseModel):
    type: str
    type_label: str
    agencies: int
    lead: int
    coordinating: int
    plans: list[str]
    provinces: list[str]


def _agencies(graph: nx.Graph) -> list[str]:
    return [n for n, data in graph.nodes(data=True) if data.get("bipartite") == 0]


def agency_mandates(graph: nx.Graph) -> list[AgencyMandates]:
    """Per agency: lead and coordinating counts, the plans and provinces of its tasks;
    most lead mandates first."""
    rows: list[AgencyMandates] = []
    for agency in _agencies(graph):
        data = graph.nodes[agency]
        counts = dict.fromkeys(ROLES, 0)
        plans: set[str] = set()
        provinces: set[str] = set()
        for task in graph.neighbors(agency):
            counts[graph.edges[agency, task]["role"]] += 1
            plans.add(graph.nodes[task]["plan"])
            if graph.nodes[task]["province"]:
                provinces.add(graph.nodes[task]["province"])
        rows.append(
            AgencyMandates(
                id=agency,
                label=data["label"],
                type=data["type"],
                type_label=data["type_label"],
                collective=bool(data["collective"]),
                lead=counts["lead"],
                coordinating=counts["coordinating"],
                plans=sorted(plans),
                provinces=sorted(provinces),
            )
        )
    return sorted(rows, key=lambda r: (-r.lead, -r.coordinating, r.label))


def type_mandates(graph: nx.Graph) -> list[TypeMandates]:
    """Per agency type, summed over the agencies of that type; most lead mandates first."""
    grouped: dict[str, list[AgencyMandates]] = {}
    for row in agency_mandates(graph):
        grouped.setdefault(row.type, []).append(row)
    rows = [
        TypeMandates(
            type=type_id,
            type_label=members[0].type_label,
            agencies=len(members),
            lead=sum(m.lead for m in members),
            coordinating=sum(m.coordinating for m in members),
            plans=sorted({p for m in members for p in m.plans}),
            provinces=sorted({p for m in members for p in m.provinces}),
        )
        for type_id, members in grouped.items()
    ]
    return sorted(rows, key=lambda r: (-r.lead, -r.coordinating, r.type_label))


def top_leads(graph: nx.Graph, limit: int = 10, *, include_collective: bool = False) -> list[AgencyMandates]:
    """The agencies that carry the most lead mandates (groups such as "các Sở, ban, ngành"
    left out unless asked for)."""
    rows = [r for r in agency_mandates(graph) if r.lead > 0 and (include_collective or not r.collective)]
    return rows[:limit]


def coordinators_only(graph: nx.Graph, *, include_collective: bool = False) -> list[AgencyMandates]:
    """The agencies that coordinate tasks without ever leading one."""
    rows = [
        r
        for r in agency_mandates(graph)
        if r.lead == 0 and r.coordinating > 0 and (include_collective or not r.collective)
    ]
    return sorted(rows, key=lambda r: (-r.coordinating, r.label))
