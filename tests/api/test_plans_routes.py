"""The plans API and the home page, over real HTTP against a server on loopback."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import httpx
import pytest

from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, serve_app: Callable[[Mapping[str, str]], object]):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("plans-api")
    hostile = folder / "hostile.txt"
    hostile.write_text(
        "KẾ HOẠCH\n<script>alert(1)</script> trên địa bàn tỉnh Nghệ An\n"
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Công Thương\n- Chủ trì <img src=x onerror=alert(1)> tuyên truyền.\n",
        encoding="utf-8",
    )
    with PolicyStore.open(folder / "store") as store:
        assert all(r.ok for r in ingest(store, [SAMPLES, hostile]))
    return serve_app({"POLICYKG_STORE": str(folder / "store")})


def test_plans_lists_the_ingested_plans_with_a_total(server) -> None:  # type: ignore[no-untyped-def]
    body = httpx.get(server.url("/plans")).json()
    assert body["total"] == 4
    ids = {p["id"] for p in body["items"]}
    assert {"doc-kh-ha-tinh-2026-2030-87ea930a", "doc-kh-dong-thap-pre2025-2023-e9326e56"} <= ids
    page = httpx.get(server.url("/plans"), params={"limit": 1, "offset": 1}).json()
    assert page["total"] == 4 and len(page["items"]) == 1


def test_a_plan_with_its_legal_bases_and_annex_tasks(server) -> None:  # type: ignore[no-untyped-def]
    plan = httpx.get(server.url("/plans/doc-kh-ha-tinh-2026-2030-87ea930a")).json()
    assert plan["draft"] is True and plan["year"] == 2026
    assert plan["province_name"] == "Hà Tĩnh"
    assert {"relation": "implements", "number": "889/QĐ-TTg"}.items() <= next(
        r for r in plan["references"] if r["number"] == "889/QĐ-TTg"
    ).items()
    task = next(t for t in plan["task_list"] if t["code"] == "I.4")
    leads = [a["as_written"] for a in task["assignments"] if a["role"] == "lead"]
    assert leads == ["Sở Công Thương", "Sở Giáo dục và Đào tạo"]
    assert task["timeframe"] == "2026-2030" and task["start_line"] == task["end_line"]


def test_an_unknown_plan_is_a_404_with_a_json_detail(server) -> None:  # type: ignore[no-untyped-def]
    response = httpx.get(server.url("/plans/doc-nothing"))
    assert response.status_code == 404
    assert "doc-nothing" in response.json()["detail"]


def test_the_home_page_lists_plans_and_escapes_document_text(server) -> None:  # type: ignore[no-untyped-def]
    page = httpx.get(server.url("/")).text
    assert "Kế hoạch tỉnh Hà Tĩnh 2026-2030 (dự thảo)" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
