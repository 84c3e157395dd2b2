"""National coverage on the sample plans: who carries out QĐ 889/QĐ-TTg, and who does not."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.analysis.coverage import current_unit, document_coverage
from graph.store.embedded import PolicyStore
from tests.conftest import ingest_samples

REPO = Path(__file__).resolve().parents[2]


def test_889_is_carried_out_by_ha_tinh_and_dong_thap_and_by_none_of_the_other_32(samples_store: PolicyStore) -> None:
    found = document_coverage(samples_store, "889/QĐ-TTg")
    assert found.document == "doc-889-qd-ttg-2020"
    assert len(found.provinces) == 34
    assert {p.name for p in found.covered} == {"Hà Tĩnh", "Đồng Tháp"}
    assert len(found.uncovered) == 32
    dong_thap = next(p for p in found.covered if p.name == "Đồng Tháp")
    # the 2023 plan of the unit before the merger, and the province's 2021 plan it implements
    assert "Tiền Giang" in dong_thap.former_units
    assert {plan.label for plan in dong_thap.plans} >= {"07/KH-UBND"}
    assert all(plan.province == "province-dong-thap-pre2025" for plan in dong_thap.plans)
    an_giang = next(p for p in found.uncovered if p.name == "An Giang")
    assert an_giang.former_units == ["Kiên Giang"]


def test_the_national_targets_of_889_name_the_provincial_targets_that_take_them_up(
    samples_store: PolicyStore,
) -> None:
    found = document_coverage(samples_store, "doc-889-qd-ttg-2020")
    supermarkets_2030 = next(t for t in found.targets if "siêu thị" in t.metric and t.deadline == 2030)
    assert supermarkets_2030.value_text == "100%"
    evidence = supermarkets_2030.taken_up_by["province-ha-tinh"]
    assert "khoảng 85%" in {e.value_text for e in evidence}
    assert all(e.quote and e.start_line and e.similarity for e in evidence)
    supermarkets_2025 = next(t for t in found.targets if "siêu thị" in t.metric and t.deadline == 2025)
    assert [e.value_text for e in supermarkets_2025.taken_up_by["province-dong-thap"]] == ["80%"]


def test_a_merged_unit_counts_for_the_province_it_became() -> None:
    assert current_unit("province-tien-giang-pre2025") == "province-dong-thap"
    assert current_unit("province-dong-thap-pre2025") == "province-dong-thap"
    assert current_unit("province-ha-tinh-pre2025") == current_unit("province-ha-tinh") == "province-ha-tinh"
    assert current_unit("province-nowhere") is None


@pytest.fixture(scope="module")
def server(samples_store_path: Path, serve_app: Callable[[Mapping[str, str]], Any]) -> Any:
    return serve_app({"POLICYKG_STORE": str(samples_store_path)})


def test_coverage_over_http_and_the_documents_by_provinces_matrix(server: Any) -> None:
    body = httpx.get(server.url("/legal/doc-889-qd-ttg-2020/coverage"), timeout=60).json()
    covered = {p["name"] for p in body["provinces"] if p["plans"]}
    assert covered == {"Hà Tĩnh", "Đồng Tháp"}
    missing = httpx.get(server.url("/legal/doc-nothing/coverage"), timeout=60)
    assert missing.status_code == 404 and "doc-nothing" in missing.json()["detail"]
    matrix = httpx.get(server.url("/coverage"), timeout=60).json()["documents"]
    assert matrix["doc-17-cd-ttg-2025"]["province-an-giang"] == 1
    assert sum(matrix["doc-889-qd-ttg-2020"].values()) >= 2 and len(matrix["doc-889-qd-ttg-2020"]) == 34


def test_coverage_on_the_command_line(tmp_path: Path) -> None:
    # a store of its own: the module's fixture holds the shared one open
    samples_store_path = ingest_samples(tmp_path / "store")
    result = subprocess.run(
        [sys.executable, "-m", "api.cli.main", "coverage", "889/QĐ-TTg", "--store", str(samples_store_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("889/QĐ-TTg: 2 of 34 provinces have a plan")
    assert "✓ Hà Tĩnh" in result.stdout and "· An Giang (with Kiên Giang)" in result.stdout
    as_json = subprocess.run(
        [
            sys.executable,
            "-m",
            "api.cli.main",
            "coverage",
            "17/CĐ-TTg",
            "--store",
            str(samples_store_path),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    body = json.loads(as_json.stdout)
    assert [p["name"] for p in body["provinces"] if p["plans"]] == ["An Giang"]


COVERAGE_QUERY = """
PREFIX pol: <https://w3id.org/policykg/ontology#>
SELECT ?province ?covered (COUNT(?plan) AS ?plans) WHERE {
  ?coverage a pol:Coverage ; pol:coverageOf ?doc ; pol:province ?province ; pol:covered ?covered .
  ?doc pol:documentNumber "889/QĐ-TTg" .
  OPTIONAL { ?coverage pol:coveringPlan ?plan }
} GROUP BY ?province ?covered
"""

UPTAKE_QUERY = """
PREFIX pol: <https://w3id.org/policykg/ontology#>
SELECT ?province ?value ?similarity ?national WHERE {
  ?uptake a pol:TargetUptake ; pol:provincialTarget ?target ; pol:nationalTarget ?nt ;
          pol:inCoverage/pol:province ?province .
  ?target pol:targetValue ?value .
  ?nt pol:targetValue ?national ; pol:deadlineYear 2030 .
  OPTIONAL { ?uptake pol:similarity ?similarity }
}
"""


def test_coverage_is_in_the_graph_for_sparql_users(samples_store: PolicyStore) -> None:
    rows = samples_store.select(COVERAGE_QUERY)
    by_province = {str(r["province"]).rsplit("/", 1)[1]: (r["covered"], r["plans"]) for r in rows}
    assert len(by_province) == 34
    assert {p for p, (covered, _n) in by_province.items() if covered} == {"province-ha-tinh", "province-dong-thap"}
    assert all(n == 0 for p, (covered, n) in by_province.items() if not covered)
    assert by_province["province-dong-thap"][1] >= 1
    # the same answer as the analysis gives
    found = document_coverage(samples_store, "889/QĐ-TTg")
    assert {p.province for p in found.covered} == {p for p, (c, _n) in by_province.items() if c}
    uptakes = samples_store.select(UPTAKE_QUERY)
    ha_tinh = [(float(r["value"]), float(r["national"])) for r in uptakes if str(r["province"]).endswith("ha-tinh")]
    assert (85.0, 100.0) in ha_tinh  # "khoảng 85%" against the national 100 % for 2030
    assert all(0 < float(r["similarity"]) <= 1 for r in uptakes if r.get("similarity") is not None)


def test_the_coverage_graph_conforms_to_the_shapes(samples_store: PolicyStore) -> None:
    from rdflib import Dataset

    from graph.validate.plan_shapes import violations

    data = Dataset()
    data.parse(data=samples_store.dump("application/n-quads").decode("utf-8"), format="nquads")
    triples = [(s, p, o) for s, p, o, _g in data.quads((None, None, None, None))]
    coverage_nodes = {s for s, _p, _o in triples if "/coverage-" in str(s) or "/uptake-" in str(s)}
    assert len(coverage_nodes) > 34
    found = [v for v in violations(triples) if "/coverage-" in v.focus or "/uptake-" in v.focus]
    assert found == []
