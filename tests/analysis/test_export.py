"""The whole graph as GraphML and a province's agency × task matrix as XLSX."""

from __future__ import annotations

import io

import networkx as nx
import openpyxl
import pytest

from graph.analysis import loading
from graph.analysis.export import graphml, mandate_xlsx
from graph.analysis.loading import UnknownFilter
from graph.store.embedded import PolicyStore


def test_graphml_holds_every_resource_with_its_literals_and_links(samples_store: PolicyStore) -> None:
    graph = nx.read_graphml(io.BytesIO(graphml(samples_store)))
    assert graph.nodes["doc-889-qd-ttg-2020"]["pol:documentNumber"] == "889/QĐ-TTg"
    assert "pol:Plan" in graph.nodes["doc-kh-ha-tinh-2026-2030-87ea930a"]["type"]
    links = {d["predicate"] for u, v, d in graph.edges(data=True) if u == "doc-kh-dong-thap-pre2025-2023-e9326e56"}
    assert {"pol:implements", "pol:hasTask"} <= links


def test_xlsx_matrix_of_ha_tinh_tasks_and_agencies(samples_store: PolicyStore) -> None:
    book = openpyxl.load_workbook(io.BytesIO(mandate_xlsx(samples_store, "Hà Tĩnh")))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    tasks = [t for t in loading.tasks(samples_store).values() if t.province == "province-ha-tinh"]
    assert sheet.max_row == len(tasks) + 1
    assert header[:3] == ["Kế hoạch", "Mã", "Nhiệm vụ"]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] == "I.4")
    marks = {header[i]: value for i, value in enumerate(row) if i >= 3 and value}
    assert marks == {
        "Sở Công Thương tỉnh Hà Tĩnh": "chủ trì",
        "Sở Giáo dục và Đào tạo tỉnh Hà Tĩnh": "chủ trì",
        "các cơ quan, đơn vị liên quan tỉnh Hà Tĩnh": "phối hợp",
    }
    values = {v for r in sheet.iter_rows(min_row=2, min_col=4, values_only=True) for v in r if v}
    assert values == {"chủ trì", "phối hợp"}


def test_xlsx_needs_a_known_province(samples_store: PolicyStore) -> None:
    with pytest.raises(UnknownFilter, match="Cà Mau"):
        mandate_xlsx(samples_store, "Cà Mau")
