"""Overlapping work across the sample plans: plastic at supermarkets, waste sorting and reuse."""

from __future__ import annotations

import pytest

from graph.analysis.loading import UnknownFilter
from graph.analysis.overlaps.analysis import DEFAULT_MIN_SCORE, OverlapPair, find_overlaps
from graph.analysis.similarity.index import similarity
from graph.analysis.similarity.syllables import canonical
from graph.store.embedded import PolicyStore


@pytest.fixture(scope="module")
def pairs(samples_store: PolicyStore) -> list[OverlapPair]:
    return find_overlaps(samples_store)


def _pair(pairs: list[OverlapPair], a: str, b: str) -> OverlapPair:
    found = [p for p in pairs if {p.a.id, p.b.id} == {a, b}]
    assert found, f"no pair {a} / {b} at the default threshold"
    return found[0]


def _quoted(pair: OverlapPair) -> None:
    for side in (pair.a, pair.b):
        assert side.quote and side.file and side.start_line and side.end_line
        assert side.start_line <= side.end_line


def test_pairs_are_sorted_and_above_the_threshold(pairs: list[OverlapPair]) -> None:
    assert pairs
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    assert all(p.score >= DEFAULT_MIN_SCORE for p in pairs)
    assert all(p.a.plan != p.b.plan for p in pairs)
    assert all(p.reason.startswith("similar") for p in pairs)


def test_ha_tinh_and_dong_thap_both_target_plastic_at_supermarkets(pairs: list[OverlapPair]) -> None:
    pair = _pair(
        pairs, "target-kh-dong-thap-pre2025-2023-e9326e56-4", "target-kh-ha-tinh-2026-2030-87ea930a-table1-ii-3-1"
    )
    assert pair.kind == "target" and pair.scope == "across" and pair.category == "overlap"
    values = {pair.a.province_name: pair.a.value, pair.b.province_name: pair.b.value}
    assert values == {"Đồng Tháp": "80%", "Hà Tĩnh": "trên 85%"}
    assert {"metric", "legal_ancestor"} <= set(pair.boosts)
    assert "889/QĐ-TTg" in pair.reason and "siêu thị" in " ".join(pair.shared_terms)
    _quoted(pair)
    assert any("siêu thị" in (side.quote or "") for side in (pair.a, pair.b))
    plan_level = _pair(pairs, "target-kh-dong-thap-pre2025-2023-e9326e56-4", "target-kh-ha-tinh-2026-2030-87ea930a-6")
    assert (plan_level.a.value if plan_level.a.province_name == "Hà Tĩnh" else plan_level.b.value) == "khoảng 85%"


def test_plastic_bag_awareness_tasks_of_dong_thap_and_ha_tinh(pairs: list[OverlapPair]) -> None:
    pair = _pair(
        pairs, "task-kh-dong-thap-pre2025-2023-e9326e56-v-2-p1", "task-kh-ha-tinh-2026-2030-87ea930a-table1-i-5"
    )
    assert "túi ni lông" in pair.shared_terms or "ni lông" in " ".join(pair.shared_terms)
    _quoted(pair)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("task-kh-an-giang-pre2025-undated-914180d8-v-2-2", "task-kh-ha-tinh-2026-2030-87ea930a-iv-3-p1"),
        ("task-kh-dong-thap-pre2025-2023-e9326e56-v-2-p1", "task-kh-ha-tinh-2026-2030-87ea930a-iv-3-p1"),
        ("task-kh-an-giang-pre2025-undated-914180d8-v-2-2", "task-kh-dong-thap-pre2025-2023-e9326e56-v-2-p1"),
    ],
)
def test_waste_sorting_collection_and_reuse_in_three_provinces(
    pairs: list[OverlapPair], first: str, second: str
) -> None:
    pair = _pair(pairs, first, second)
    assert {"thu gom"} <= set(pair.shared_terms) or "thu gom" in pair.reason
    # Sở Tài nguyên và Môi trường (Đồng Tháp, 2023) is today's Sở Nông nghiệp và Môi trường.
    assert "agency_type" in pair.boosts and "Sở Nông nghiệp và Môi trường" in pair.reason
    assert all("type-so-nong-nghiep-va-moi-truong" in side.agency_types for side in (pair.a, pair.b))
    _quoted(pair)


def test_the_dong_thap_side_keeps_the_agency_as_written(pairs: list[OverlapPair]) -> None:
    pair = _pair(pairs, "task-kh-dong-thap-pre2025-2023-e9326e56-v-2-p1", "task-kh-ha-tinh-2026-2030-87ea930a-iv-3-p1")
    dong_thap = pair.a if pair.a.province_name == "Đồng Tháp" else pair.b
    assert any(label.startswith("Sở Tài nguyên và Môi trường") for label in dong_thap.lead_agencies)
    assert "type-so-tai-nguyen-va-moi-truong" in dong_thap.agency_types


def test_filters_by_province_agency_type_score_and_scope(samples_store: PolicyStore) -> None:
    two = find_overlaps(samples_store, provinces=["Hà Tĩnh", "dong thap"])
    assert two and all({p.a.province_name, p.b.province_name} <= {"Hà Tĩnh", "Đồng Tháp"} for p in two)
    typed = find_overlaps(samples_store, agency_type="Sở Nông nghiệp và Môi trường", kinds=("task",))
    assert typed and all(p.kind == "task" for p in typed)
    assert len(find_overlaps(samples_store, min_score=0.6)) < len(find_overlaps(samples_store))
    assert find_overlaps(samples_store, scope="within") == []  # one plan per province in the samples
    with pytest.raises(UnknownFilter, match="Kon Tum"):
        find_overlaps(samples_store, provinces=["Kon Tum"])
    with pytest.raises(UnknownFilter, match="Sở Ngoại vụ"):
        find_overlaps(samples_store, agency_type="Sở Ngoại vụ")


def test_pairs_within_one_plan_only_on_request(samples_store: PolicyStore) -> None:
    within = find_overlaps(samples_store, include_same_plan=True, scope="within")
    assert within and all(p.a.province == p.b.province for p in within)
    assert {p.category for p in within} <= {"overlap", "duplication", "fragmentation"}
    same_text = [p for p in within if p.similarity > 0.99]
    assert all(p.category == "duplication" for p in same_text)


def test_tone_mark_placement_and_case_do_not_change_similarity() -> None:
    assert canonical("Hoá chất THUỶ sản") == canonical("hóa chất thủy sản")
    assert similarity("quản lý hoá chất", "Quản lý hóa chất", ["tái chế chất thải"]) == pytest.approx(1.0)
    assert similarity("thu gom rác thải", "xúc tiến thương mại", ["phân loại rác"]) == 0.0
