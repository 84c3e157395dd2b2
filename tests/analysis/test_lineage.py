"""Policy lineage on the sample plans: which plans and tasks derive from which national document."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import loading
from graph.analysis.lineage.dag import (
    UnknownNode,
    ancestors,
    descendants,
    find_document,
    flatten,
    legal_paths,
    lineage_graph,
    lineage_tree,
)
from graph.store.embedded import PolicyStore

HA_TINH = "doc-kh-ha-tinh-2026-2030-87ea930a"
DONG_THAP = "doc-kh-dong-thap-pre2025-2023-e9326e56"
AN_GIANG = "doc-kh-an-giang-pre2025-undated-914180d8"
QD_889 = "doc-889-qd-ttg-2020"


@pytest.fixture(scope="module")
def graph(samples_store: PolicyStore) -> nx.DiGraph:
    return lineage_graph(samples_store)


def test_the_lineage_is_a_dag_of_documents_plans_tasks_and_agencies(graph: nx.DiGraph) -> None:
    assert nx.is_directed_acyclic_graph(graph)
    kinds = {data["kind"] for _, data in graph.nodes(data=True)}
    assert kinds == {"document", "plan", "task", "agency"}
    relations = {data["relation"] for *_, data in graph.edges(data=True)}
    assert {"implements", "has_task", "cites", "lead", "coordinating"} <= relations
    assert all(data.get("label") for _, data in graph.nodes(data=True))


def test_qd_889_reaches_the_ha_tinh_and_dong_thap_plans(graph: nx.DiGraph) -> None:
    below = descendants(graph, QD_889)
    assert below[HA_TINH] == 1 and below[DONG_THAP] == 1
    tree = lineage_tree(graph, QD_889)
    plans = {n.id for n in flatten(tree) if n.kind == "plan"}
    assert {HA_TINH, DONG_THAP} <= plans
    assert AN_GIANG not in plans  # An Giang implements the dispatch 17/CĐ-TTg, it only cites 889


def test_the_dong_thap_plan_derives_from_889_also_through_plan_07(graph: nx.DiGraph) -> None:
    plan_07 = find_document(graph, "07/KH-UBND")
    assert len(plan_07) == 1
    assert graph.edges[QD_889, plan_07[0]]["relation"] == "implements_by_title"
    assert graph.edges[plan_07[0], DONG_THAP]["relation"] == "implements"
    tree = lineage_tree(graph, QD_889)
    via_07 = next(n for n in tree.root.children if n.id == plan_07[0])
    assert [c.id for c in via_07.children if c.kind == "plan"] == [DONG_THAP]
    task = next(n for n in descendants(graph, DONG_THAP) if graph.nodes[n]["kind"] == "task")
    paths = legal_paths(graph, task)
    assert [task, DONG_THAP, plan_07[0], QD_889] in paths
    assert [task, DONG_THAP, QD_889] in paths
    assert len(paths[0]) >= len(paths[-1])


def test_dispatch_17_reaches_the_an_giang_plan(graph: nx.DiGraph) -> None:
    (dispatch,) = find_document(graph, "17/CĐ-TTg")
    below = descendants(graph, dispatch)
    assert below[AN_GIANG] == 1
    assert dispatch in ancestors(graph, AN_GIANG)


def test_decree_135_reaches_the_an_giang_rooftop_solar_task_of_so_cong_thuong(
    graph: nx.DiGraph, samples_store: PolicyStore
) -> None:
    (decree,) = find_document(graph, "135/2024/nd-cp")
    tree = lineage_tree(graph, decree)
    texts = {task.id: task.text for task in loading.tasks(samples_store).values()}
    solar = [n for n in flatten(tree) if n.kind == "task" and "điện mặt trời mái nhà" in texts[n.id]]
    assert [t.id.startswith("task-kh-an-giang") for t in solar] == [True]
    task = solar[0]
    assert task.relation == "cites" and task.depth == 1
    leads = [c.label for c in task.children if c.kind == "agency" and c.relation == "lead"]
    assert any(label.startswith("Sở Công Thương tỉnh An Giang") for label in leads)


def test_max_depth_cuts_the_tree(graph: nx.DiGraph) -> None:
    shallow = lineage_tree(graph, QD_889, 1)
    assert {n.depth for n in flatten(shallow)} == {0, 1}
    assert all(not n.children for n in shallow.root.children)
    full = lineage_tree(graph, QD_889)
    assert full.counts["task"] > 30 and full.counts["agency"] > 10


def test_an_unknown_node_is_refused(graph: nx.DiGraph) -> None:
    with pytest.raises(UnknownNode, match="doc-nothing"):
        lineage_tree(graph, "doc-nothing")
