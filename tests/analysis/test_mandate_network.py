"""Who leads and who coordinates across the three sample plans."""

from __future__ import annotations

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from graph.analysis.mandate_network import (
    agency_mandates,
    coordinators_only,
    mandate_graph,
    top_leads,
    type_mandates,
)
from graph.store.embedded import PolicyStore


@pytest.fixture(scope="module")
def graph(samples_store: PolicyStore) -> nx.Graph:
    return mandate_graph(samples_store)


def test_agencies_and_tasks_form_a_bipartite_graph_with_the_role_on_each_edge(graph: nx.Graph) -> None:
    assert bipartite.is_bipartite(graph)
    agencies = {n for n, d in graph.nodes(data=True) if d["bipartite"] == 0}
    assert all(d["kind"] == "agency" for n, d in graph.nodes(data=True) if n in agencies)
    assert {d["role"] for *_, d in graph.edges(data=True)} == {"lead", "coordinating"}
    task = "task-kh-ha-tinh-2026-2030-87ea930a-table1-i-4"
    leads = sorted(a for a in graph.neighbors(task) if graph.edges[a, task]["role"] == "lead")
    assert leads == ["agency-so-cong-thuong-ha-tinh", "agency-so-giao-duc-va-dao-tao-ha-tinh"]


def test_so_cong_thuong_is_the_type_with_the_most_lead_mandates(graph: nx.Graph) -> None:
    types = type_mandates(graph)
    first = types[0]
    assert first.type == "type-so-cong-thuong"
    assert first.lead > max(t.lead for t in types[1:])
    assert len(first.plans) == 3 and len(first.provinces) == 3
    assert first.agencies == 3


def test_counts_per_agency_add_up_to_the_edges(graph: nx.Graph) -> None:
    rows = agency_mandates(graph)
    assert sum(r.lead + r.coordinating for r in rows) == graph.number_of_edges()
    ha_tinh = next(r for r in rows if r.id == "agency-so-cong-thuong-ha-tinh")
    assert ha_tinh.plans == ["doc-kh-ha-tinh-2026-2030-87ea930a"] and ha_tinh.provinces == ["province-ha-tinh"]


def test_top_leads_and_coordinators_that_never_lead(graph: nx.Graph) -> None:
    top = top_leads(graph, 3)
    assert top[0].type == "type-so-cong-thuong"
    assert all(not r.collective for r in top)
    assert [r.lead for r in top] == sorted((r.lead for r in top), reverse=True)
    only = coordinators_only(graph, include_collective=True)
    assert only and all(r.lead == 0 and r.coordinating > 0 for r in only)
    assert {r.id for r in coordinators_only(graph)} <= {r.id for r in only}
