"""Overlaps found clause by clause: a long task that joins several pieces of work shares one of
them with a short task in another province; pairs within a plan, tasks without a lead agency and
tasks of a national plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.analysis import loading
from graph.analysis.overlaps.analysis import DEFAULT_MIN_SCORE, OverlapPair, find_overlaps
from graph.analysis.similarity.clauses import clauses
from graph.analysis.similarity.syllables import SyllableAnalyzer
from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore

REPO = Path(__file__).resolve().parents[2]
NATIONAL_PLAN = (
    REPO.parent / "shared" / "corpus-extra" / "ttg_qd-2623-qd-ttg-2025_ban-hanh-kh-luat-bao-ve-du-lieu-ca-nhan.txt"
)
AN_GIANG_III_1 = "task-kh-an-giang-pre2025-undated-914180d8-iii-1"
HA_TINH_ANNEX_III_4 = "task-kh-ha-tinh-2026-2030-87ea930a-table1-iii-4"


@pytest.fixture(scope="module")
def pairs(samples_store: PolicyStore) -> list[OverlapPair]:
    return find_overlaps(samples_store)


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def test_eco_industrial_parks_in_an_giang_and_ha_tinh(pairs: list[OverlapPair]) -> None:
    found = [p for p in pairs if {p.a.id, p.b.id} == {AN_GIANG_III_1, HA_TINH_ANNEX_III_4}]
    assert found, "An Giang III.1 and Hà Tĩnh's annex III.4 are not paired at the default threshold"
    pair = found[0]
    an_giang = pair.a if pair.a.id == AN_GIANG_III_1 else pair.b
    ha_tinh = pair.b if an_giang is pair.a else pair.a
    assert pair.kind == "task" and pair.scope == "across" and pair.category == "overlap"
    assert pair.score >= DEFAULT_MIN_SCORE
    # The long An Giang item as a whole is not much like the Hà Tĩnh task; its clause is.
    assert pair.whole_similarity is not None and pair.clause_similarity is not None
    assert pair.whole_similarity < DEFAULT_MIN_SCORE < pair.clause_similarity
    assert pair.whole_similarity < pair.similarity
    # Both quotes, with their lines in the source files.
    for side in (an_giang, ha_tinh):
        assert side.quote and side.file and side.start_line and side.end_line
        assert side.start_line <= side.end_line
        assert "công nghiệp sinh thái" in _flat(side.quote)
    assert (
        an_giang.file and an_giang.file.startswith("an-giang") and ha_tinh.file and ha_tinh.file.startswith("ha-tinh")
    )
    assert an_giang.end_line - an_giang.start_line >= 5  # III.1 runs over several lines
    # The clauses that matched, each a part of its task's text.
    assert an_giang.clause and ha_tinh.clause
    assert an_giang.clause in an_giang.text and ha_tinh.clause in ha_tinh.text
    assert an_giang.clause != an_giang.text and len(an_giang.clause) < len(an_giang.text) / 3
    assert "khu công nghiệp" in an_giang.clause and "cụm công nghiệp sinh thái" in an_giang.clause
    assert "phân loại rác" not in an_giang.clause
    assert f"clauses {pair.clause_similarity:.2f}" in pair.reason
    # An Giang's task states no lead agency: no agency-type boost can come from it.
    assert an_giang.lead_agencies == [] and "agency_type" not in pair.boosts
    assert "Sở Công Thương tỉnh Hà Tĩnh" in ha_tinh.lead_agencies


def test_clauses_of_a_long_task_keep_lists_and_brackets_together(samples_store: PolicyStore) -> None:
    tasks = loading.tasks(samples_store)
    analyzer = SyllableAnalyzer(strip_administrative=True, names=loading.agency_names(samples_store))
    long_item = tasks[AN_GIANG_III_1].text
    parts = clauses(long_item, count=analyzer.words)
    assert len(parts) >= 3 and all(part in long_item for part in parts)
    assert "tạo điều kiện phát triển các mô hình khu công nghiệp, cụm công nghiệp sinh thái" in parts
    # A run of short list items ("giảm thiểu, thu hồi, ...") stays in one clause.
    listing = [p for p in parts if "giảm thiểu" in p]
    assert len(listing) == 1 and "thu hồi" in listing[0] and "tái chế chất thải" in listing[0]
    # A comma inside brackets never separates clauses.
    bracketed = [t.text for t in tasks.values() if "(KCN, KKT)" in t.text]
    assert bracketed
    for text in bracketed:
        assert all(p.count("(") == p.count(")") for p in clauses(text, count=analyzer.words))
    # A short task is one clause: itself.
    short = tasks[HA_TINH_ANNEX_III_4].text
    assert clauses(short, count=analyzer.words) == [short.strip(" .;,:")]


def test_no_agency_type_boost_without_a_lead_agency(pairs: list[OverlapPair]) -> None:
    leaderless = [p for p in pairs if p.kind == "task" and not (p.a.lead_agencies and p.b.lead_agencies)]
    assert leaderless, "the samples have tasks without a lead agency among the pairs"
    assert all("agency_type" not in p.boosts for p in leaderless)
    assert all(not side.agency_types for p in leaderless for side in (p.a, p.b) if not side.lead_agencies)


def test_two_tasks_of_one_plan_are_never_across_provinces(samples_store: PolicyStore) -> None:
    everything = find_overlaps(samples_store, include_same_plan=True, scope="all")
    same_plan = [p for p in everything if p.a.plan == p.b.plan]
    assert same_plan and all(p.scope == "within" for p in same_plan)
    across = find_overlaps(samples_store, include_same_plan=True, scope="across")
    assert across and all(p.a.plan != p.b.plan and p.a.province != p.b.province for p in across)


def test_tasks_of_a_national_plan_are_not_paired(tmp_path: Path) -> None:
    sample = REPO / "data" / "samples" / "an-giang_kh-trien-khai-cd-17-2025.txt"
    with PolicyStore.open(tmp_path / "store") as store:
        reports = ingest(store, [sample, NATIONAL_PLAN])
        assert all(r.ok for r in reports), [r.error for r in reports]
        national = [t for t in loading.tasks(store).values() if t.province is None]
        assert national, "the national plan has tasks"
        found = find_overlaps(store, min_score=0.0, kinds=("task",), include_same_plan=True)
    assert found and all(side.province for p in found for side in (p.a, p.b))
    assert not {t.id for t in national} & {side.id for p in found for side in (p.a, p.b)}
