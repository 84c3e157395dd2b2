"""The analysis routes over real HTTP: /overlaps, /legal/{id}/lineage, /targets/gaps."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest


@pytest.fixture(scope="module")
def server(samples_store_path: Path, serve_app: Callable[[Mapping[str, str]], Any]) -> Any:
    return serve_app({"POLICYKG_STORE": str(samples_store_path)})


def test_overlaps_page_with_total_and_evidence(server: Any) -> None:
    body = httpx.get(server.url("/overlaps"), timeout=60).json()
    assert body["total"] >= 5 and body["offset"] == 0 and body["min_score"] == pytest.approx(0.3)
    first = body["items"][0]
    assert first["score"] >= body["items"][-1]["score"]
    assert first["a"]["quote"] and first["b"]["quote"] and first["reason"]
    page = httpx.get(server.url("/overlaps"), params={"limit": 2, "offset": 1}, timeout=60).json()
    assert page["total"] == body["total"] and page["items"] == body["items"][1:3]


def test_overlaps_filtered_by_provinces_and_agency_type(server: Any) -> None:
    body = httpx.get(
        server.url("/overlaps"),
        params={"provinces": "an-giang,Hà Tĩnh", "agency_type": "Sở Nông nghiệp và Môi trường", "min_score": 0.35},
        timeout=60,
    ).json()
    ids = {(p["a"]["id"], p["b"]["id"]) for p in body["items"]}
    assert ("task-kh-an-giang-pre2025-undated-914180d8-v-2-2", "task-kh-ha-tinh-2026-2030-87ea930a-iv-3-p1") in ids
    assert all({p["a"]["province_name"], p["b"]["province_name"]} <= {"An Giang", "Hà Tĩnh"} for p in body["items"])
    assert all(p["score"] >= 0.35 for p in body["items"])


def test_overlaps_refuses_unknown_filters_and_bad_scores_with_json_details(server: Any) -> None:
    unknown = httpx.get(server.url("/overlaps"), params={"provinces": "Atlantis"}, timeout=60)
    assert unknown.status_code == 422 and "Atlantis" in unknown.json()["detail"]
    bad = httpx.get(server.url("/overlaps"), params={"min_score": 2}, timeout=60)
    assert bad.status_code == 422 and bad.json()["detail"]


def test_lineage_tree_of_qd_889(server: Any) -> None:
    body = httpx.get(server.url("/legal/doc-889-qd-ttg-2020/lineage"), timeout=60).json()
    assert body["root"]["id"] == "doc-889-qd-ttg-2020" and body["root"]["depth"] == 0
    plans = {c["id"]: c for c in body["root"]["children"] if c["kind"] == "plan"}
    assert "doc-kh-ha-tinh-2026-2030-87ea930a" in plans and "doc-kh-dong-thap-pre2025-2023-e9326e56" in plans
    assert all(c["depth"] == 1 for c in plans.values())
    assert {t["kind"] for t in plans["doc-kh-ha-tinh-2026-2030-87ea930a"]["children"]} == {"task"}
    shallow = httpx.get(server.url("/legal/doc-889-qd-ttg-2020/lineage"), params={"max_depth": 1}, timeout=60).json()
    assert all(not c["children"] for c in shallow["root"]["children"])


def test_lineage_of_an_unknown_document_is_a_404(server: Any) -> None:
    response = httpx.get(server.url("/legal/doc-nothing/lineage"), timeout=60)
    assert response.status_code == 404 and "doc-nothing" in response.json()["detail"]
    task = httpx.get(server.url("/legal/task-kh-ha-tinh-2026-2030-87ea930a-iv-1-1/lineage"), timeout=60)
    assert task.status_code == 404


def test_target_gaps(server: Any) -> None:
    body = httpx.get(server.url("/targets/gaps"), timeout=60).json()
    assert body["matched"] >= 3 and body["total"] == body["matched"] + body["unmatched"]
    dong_thap = next(g for g in body["items"] if g["target"] == "target-kh-dong-thap-pre2025-2023-e9326e56-4")
    assert (dong_thap["value"], dong_thap["national_value"], dong_thap["gap"]) == (80.0, 85.0, -5.0)
    only = httpx.get(server.url("/targets/gaps"), params={"status": "unmatched", "province": "Hà Tĩnh"}, timeout=60)
    assert all(g["status"] == "unmatched" and g["province_name"] == "Hà Tĩnh" for g in only.json()["items"])
    unknown = httpx.get(server.url("/targets/gaps"), params={"province": "Atlantis"}, timeout=60)
    assert unknown.status_code == 422
