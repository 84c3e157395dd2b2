"""The use-case routes over real HTTP: who owns which mandate, under which national
decision; search that ignores diacritics; targets by metric, province and agency type."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import httpx
import pytest

from tests.conftest import ingest_samples

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, serve_app: Callable[[Mapping[str, str]], object]):  # type: ignore[no-untyped-def]
    store = ingest_samples(tmp_path_factory.mktemp("use-cases") / "store", validate=False)
    return serve_app({"POLICYKG_STORE": str(store)})


def get(server, path: str, **params: object) -> dict:  # type: ignore[no-untyped-def,type-arg]
    response = httpx.get(server.url(path), params=params)  # type: ignore[arg-type]
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_so_cong_thuong_ha_tinh_leads_the_annex_tasks_under_qd_889(server) -> None:  # type: ignore[no-untyped-def]
    body = get(server, "/agencies/agency-so-cong-thuong-ha-tinh/mandates", role="lead")
    assert body["agency"]["label"] == "Sở Công Thương tỉnh Hà Tĩnh"
    annex = [m for m in body["items"] if m["code"]]
    assert {m["code"] for m in annex} == {"I.2", "I.3", "I.4", "II.1", "II.2", "II.3", "III.2", "III.4"}
    for mandate in annex:
        assert mandate["role"] == "lead" and mandate["plan"]["id"] == "doc-kh-ha-tinh-2026-2030-87ea930a"
        assert "889/QĐ-TTg" in [link["number"] for link in mandate["legal_chain"]]
        # The quote is the annex table row the task was read from.
        source = mandate["source"]
        assert source["file"] == "ha-tinh_kh-sxtdbv-2026-2030.txt"
        assert mandate["text"][:40] in source["quote"] and " | " in source["quote"]
    eco = next(m for m in annex if m["code"] == "III.4")
    assert "khu công nghiệp sinh thái" in eco["source"]["quote"]
    assert eco["source"]["start_line"] == 217


def test_mandates_page_and_count_every_role(server) -> None:  # type: ignore[no-untyped-def]
    everything = get(server, "/agencies/agency-so-cong-thuong-ha-tinh/mandates")
    assert {m["role"] for m in everything["items"]} >= {"lead", "coordinating", "reporting"}
    page = get(server, "/agencies/agency-so-cong-thuong-ha-tinh/mandates", limit=2, offset=1)
    assert page["total"] == everything["total"] and len(page["items"]) == 2
    assert page["items"][0]["task"] == everything["items"][1]["task"]


def test_a_task_citing_a_decree_has_it_first_in_its_chain(server) -> None:  # type: ignore[no-untyped-def]
    body = get(server, "/agencies/agency-so-cong-thuong-an-giang-pre2025/mandates", role="lead")
    rooftop = [m for m in body["items"] if "điện mặt trời mái nhà" in m["text"]]
    assert rooftop, "the An Giang rooftop-solar task"
    chain = rooftop[0]["legal_chain"]
    assert chain[0]["relation"] == "cites" and "135/2024/NĐ-CP" in [c["number"] for c in chain if c["depth"] == 1]
    above_plan = next(c for c in chain if c["number"] == "17/CĐ-TTg")
    assert above_plan["relation"] == "implements" and above_plan["via"] == "doc-kh-an-giang-pre2025-undated-914180d8"


def test_inherited_mandates_after_the_2025_merger(server) -> None:  # type: ignore[no-untyped-def]
    own = get(server, "/agencies/agency-so-nong-nghiep-va-moi-truong-dong-thap/mandates")
    merged = get(
        server, "/agencies/agency-so-nong-nghiep-va-moi-truong-dong-thap/mandates", include_predecessors="true"
    )
    inherited = [m for m in merged["items"] if m["inherited"]]
    assert merged["total"] == own["total"] + len(inherited) and inherited
    holders = {m["holder_label"] for m in inherited}
    assert any("Tài nguyên và Môi trường" in h for h in holders)
    assert any("Nông nghiệp và Phát triển nông thôn" in h for h in holders)
    assert all(m["handover"] == "2025-03-01" for m in inherited)
    assert all("889/QĐ-TTg" in [c["number"] for c in m["legal_chain"]] for m in inherited)


def test_unknown_agency_is_a_404(server) -> None:  # type: ignore[no-untyped-def]
    response = httpx.get(server.url("/agencies/agency-nothing/mandates"))
    assert response.status_code == 404 and "agency-nothing" in response.json()["detail"]


def test_agencies_by_type_province_and_name(server) -> None:  # type: ignore[no-untyped-def]
    by_type = get(server, "/agencies", type="Sở Công Thương")
    provinces = {a["province_name"] for a in by_type["items"]}
    assert provinces == {"An Giang", "Hà Tĩnh", "Đồng Tháp"}
    assert all(a["type"] == "type-so-cong-thuong" for a in by_type["items"])
    # The body replaced in 2025 points at its successor and says it is no longer current.
    old = next(a for a in by_type["items"] if a["id"] == "agency-so-cong-thuong-dong-thap-pre2025")
    assert old["current"] is False and old["successors"] == ["agency-so-cong-thuong-dong-thap"]
    assert old["leads"] >= 3
    abbreviated = get(server, "/agencies", type="Sở NN&MT", province="dong thap")
    assert {a["id"] for a in abbreviated["items"]} == {
        "agency-so-nong-nghiep-va-moi-truong-dong-thap",
        "agency-so-nong-nghiep-va-moi-truong-dong-thap-pre2025",
    }
    named = get(server, "/agencies", q="GIAO DUC", province="province-ha-tinh")
    assert [a["label"] for a in named["items"]] == ["Sở Giáo dục và Đào tạo tỉnh Hà Tĩnh"]
    assert get(server, "/agencies", q="khong co co quan nao nhu the")["total"] == 0


def test_search_ignores_diacritics_and_ranks_the_agencies_first(server) -> None:  # type: ignore[no-untyped-def]
    body = get(server, "/search", q="so cong thuong")
    top = body["items"][:5]
    assert all(hit["kind"] == "agency" for hit in top)
    assert {"agency-so-cong-thuong-an-giang", "agency-so-cong-thuong-ha-tinh", "agency-so-cong-thuong-dong-thap"} <= {
        hit["id"] for hit in top
    }
    hit = top[0]
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "Sở" and "<mark>Sở</mark>" in hit["snippet_html"]
    same = get(server, "/search", q="SỞ CÔNG THƯƠNG")
    assert [h["id"] for h in same["items"]] == [h["id"] for h in body["items"]]


def test_search_folds_d_with_stroke_and_finds_tasks_and_targets(server) -> None:  # type: ignore[no-untyped-def]
    solar = get(server, "/search", q="dien mat troi mai nha")
    kinds = {(h["kind"], h["id"]) for h in solar["items"]}
    assert ("document", "doc-135-2024-nd-cp") in kinds
    assert any(kind == "task" and i.startswith("task-kh-an-giang") for kind, i in kinds)
    bags = get(server, "/search", q="tui ni long", kind="target")
    assert bags["total"] >= 3 and all(h["kind"] == "target" for h in bags["items"])
    assert any("túi ni lông" in h["snippet"] for h in bags["items"])
    assert get(server, "/search", q="xyzzy")["total"] == 0


def test_search_snippets_escape_document_text(server) -> None:  # type: ignore[no-untyped-def]
    body = get(server, "/search", q="889")
    assert body["items"][0]["id"] == "doc-889-qd-ttg-2020"
    for hit in body["items"]:
        assert "<" not in hit["snippet_html"].replace("<mark>", "").replace("</mark>", "")


def test_targets_by_metric_province_and_agency_type(server) -> None:  # type: ignore[no-untyped-def]
    supermarkets = get(server, "/targets", metric="sieu thi")["items"]
    by_document = {(t["document"], float(t["value"]), t["deadline_year"]) for t in supermarkets}
    assert ("doc-889-qd-ttg-2020", 85.0, 2025) in by_document
    assert ("doc-889-qd-ttg-2020", 100.0, 2030) in by_document
    dong_thap = [t for t in supermarkets if t["document"] == "doc-kh-dong-thap-pre2025-2023-e9326e56"]
    assert [float(t["value"]) for t in dong_thap] == [80.0] and dong_thap[0]["unit"] == "%"
    assert "80%" in dong_thap[0]["source"]["quote"]
    provincial = get(server, "/targets", province="Hà Tĩnh")["items"]
    assert provincial and all(t["province_name"] == "Hà Tĩnh" and not t["national"] for t in provincial)
    led = get(server, "/targets", agency_type="type-so-cong-thuong", province="ha tinh")["items"]
    assert led and all("type-so-cong-thuong" in t["lead_agency_types"] for t in led)
    assert len(led) < len(provincial)
    national = get(server, "/targets", national="true")["items"]
    assert national and all(t["document"] == "doc-889-qd-ttg-2020" for t in national)


def test_a_plan_groups_its_tasks_and_carries_targets_and_budget(server) -> None:  # type: ignore[no-untyped-def]
    plan = get(server, "/plans/doc-kh-dong-thap-pre2025-2023-e9326e56")
    listed = [task for section in plan["sections"] for task in section["tasks"]]
    assert listed == [t["id"] for t in plan["task_list"]]
    assert len(plan["sections"]) > 1
    assert 80.0 in [float(t["value"]) for t in plan["targets"]]
    assert [float(a) for a in plan["budget"]["amounts_dong"]] == [3235715000.0]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/search", {}),
        ("/search", {"q": ""}),
        ("/search", {"q": "x" * 201}),
        ("/agencies", {"limit": 0}),
        ("/targets", {"offset": -1}),
        ("/search", {"q": "a", "kind": "planet"}),
    ],
)
def test_bad_parameters_are_a_422_with_a_detail(server, path: str, params: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    response = httpx.get(server.url(path), params=params)  # type: ignore[arg-type]
    assert response.status_code == 422 and response.json()["detail"]
