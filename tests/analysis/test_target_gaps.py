"""Provincial targets held against the national targets of QĐ 889/QĐ-TTg."""

from __future__ import annotations

import pytest

from graph.analysis.loading import UnknownFilter
from graph.analysis.target_gaps import TargetGap, target_gaps
from graph.store.embedded import PolicyStore


@pytest.fixture(scope="module")
def gaps(samples_store: PolicyStore) -> list[TargetGap]:
    return target_gaps(samples_store)


def _gap(gaps: list[TargetGap], target: str) -> TargetGap:
    return next(g for g in gaps if g.target == target)


def test_dong_thap_supermarkets_80_percent_in_2023_against_85_percent_for_2025(gaps: list[TargetGap]) -> None:
    gap = _gap(gaps, "target-kh-dong-thap-pre2025-2023-e9326e56-4")
    assert gap.status == "matched" and gap.comparable
    assert (gap.value, gap.deadline, gap.deadline_from) == (80.0, 2023, "target")
    assert (gap.national_value, gap.national_deadline) == (85.0, 2025)
    assert gap.national_document_label == "889/QĐ-TTg"
    assert gap.gap == -5.0
    assert "siêu thị" in (gap.national_metric or "") and gap.quote and "80%" in gap.quote


def test_ha_tinh_about_85_percent_for_2030_against_the_national_100_percent(gaps: list[TargetGap]) -> None:
    gap = _gap(gaps, "target-kh-ha-tinh-2026-2030-87ea930a-6")
    assert gap.value_text == "khoảng 85%" and gap.deadline == 2030
    assert (gap.national_value, gap.national_deadline, gap.gap) == (100.0, 2030, -15.0)
    task_level = _gap(gaps, "target-kh-ha-tinh-2026-2030-87ea930a-table1-ii-3-1")
    assert task_level.deadline_from == "plan period" and task_level.deadline == 2030
    assert task_level.national_target == gap.national_target


def test_targets_without_a_national_counterpart_are_listed_unmatched(gaps: list[TargetGap]) -> None:
    unmatched = [g for g in gaps if g.status == "unmatched"]
    assert unmatched and all(g.national_target is None and g.gap is None for g in unmatched)
    schools = _gap(gaps, "target-kh-ha-tinh-2026-2030-87ea930a-1")  # high schools: no national target
    assert schools.status == "unmatched"
    offices = _gap(gaps, "target-kh-dong-thap-pre2025-2023-e9326e56-8")  # government offices, not supermarkets
    assert offices.status == "unmatched"
    awareness = _gap(gaps, "target-kh-ha-tinh-2026-2030-87ea930a-table1-i-5-1")  # informed, not using packaging
    assert awareness.status == "unmatched"
    statuses = [g.status for g in gaps]
    assert statuses == sorted(statuses)  # matched first


def test_matched_targets_share_unit_and_come_from_a_document_the_plan_implements(gaps: list[TargetGap]) -> None:
    matched = [g for g in gaps if g.status == "matched"]
    assert len(matched) >= 3
    assert all(g.national_document == "doc-889-qd-ttg-2020" for g in matched)
    assert all(g.unit == "%" and g.gap is not None for g in matched)
    assert not any(g.plan == "doc-kh-an-giang-pre2025-undated-914180d8" for g in gaps)  # An Giang states no targets


def test_one_province(samples_store: PolicyStore) -> None:
    only = target_gaps(samples_store, province="dong thap")
    assert only and {g.province_name for g in only} == {"Đồng Tháp"}
    with pytest.raises(UnknownFilter):
        target_gaps(samples_store, province="Lai Châu")
