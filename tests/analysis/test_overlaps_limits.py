"""Overlaps compare every item with every other in memory: past a limit the caller is told to
choose provinces, rather than the server running out of memory."""

from __future__ import annotations

import pytest

from graph.analysis.overlaps import analysis as overlaps
from graph.analysis.overlaps.analysis import TooManyToCompare, find_overlaps
from graph.store.embedded import PolicyStore


def test_too_many_tasks_to_compare_asks_for_provinces(
    samples_store: PolicyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = find_overlaps(samples_store)
    tasks_in_two = {
        p.a.id
        for p in everything
        if p.kind == "task" and {p.a.province, p.b.province} <= {"province-ha-tinh", "province-dong-thap-pre2025"}
    }
    assert tasks_in_two, "the samples have task pairs between Hà Tĩnh and Đồng Tháp"
    monkeypatch.setattr(overlaps, "MAX_COMPARED", 100)
    with pytest.raises(TooManyToCompare, match=r"tasks to compare with each other; at most 100 .* choose provinces"):
        find_overlaps(samples_store)
    # Two provinces hold fewer tasks than the limit: only their plans are read, they are
    # compared among themselves, and the plastic-bag tasks of Đồng Tháp and Hà Tĩnh still pair up.
    read: list[list[str] | None] = []
    load_tasks = overlaps.loading.tasks
    monkeypatch.setattr(
        overlaps.loading, "tasks", lambda store, plans=None: read.append(plans) or load_tasks(store, plans)
    )
    narrowed = find_overlaps(samples_store, provinces=["province-ha-tinh", "province-dong-thap-pre2025"])
    assert [sorted(plans or []) for plans in read] == [
        ["doc-kh-dong-thap-pre2025-2023-e9326e56", "doc-kh-ha-tinh-2026-2030-87ea930a"]
    ]
    tasks = [p for p in narrowed if p.kind == "task"]
    assert tasks and all(
        {p.a.province, p.b.province} <= {"province-ha-tinh", "province-dong-thap-pre2025"} for p in tasks
    )
    assert any("túi" in p.a.text and "túi ni lông" in p.b.text for p in tasks)


def test_too_many_pairs_to_rank_are_refused_with_what_to_change(
    samples_store: PolicyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = find_overlaps(samples_store, min_score=0.3)
    assert len(found) > 5
    monkeypatch.setattr(overlaps, "MAX_RANKED_PAIRS", 5)
    with pytest.raises(TooManyToCompare, match=r"more than 5 pairs of tasks score at least 0\.3: raise min_score"):
        find_overlaps(samples_store, min_score=0.3)
    # a stricter score leaves fewer candidates to weigh
    assert len(find_overlaps(samples_store, min_score=0.95, kinds=("target",))) <= 5


def test_a_refusal_is_kept_so_asking_again_is_answered_at_once(
    samples_store: PolicyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(overlaps, "MAX_RANKED_PAIRS", 5)
    calls: list[float] = []
    rank = overlaps.rank_overlaps
    monkeypatch.setattr(overlaps, "rank_overlaps", lambda *a, **k: calls.append(0.0) or rank(*a, **k))
    for _ in range(3):
        with pytest.raises(TooManyToCompare, match=r"score at least 0\.31"):
            overlaps.cached_overlaps(samples_store, min_score=0.31)
    assert len(calls) == 1


def test_pairs_weighed_first_and_described_later_are_the_pairs_described_at_once(samples_store: PolicyStore) -> None:
    described = find_overlaps(samples_store)
    weighed = find_overlaps(samples_store, describe=False)
    assert [(p.a.id, p.b.id, p.score, p.category) for p in weighed] == [
        (p.a.id, p.b.id, p.score, p.category) for p in described
    ]
    assert all(not p.shared_terms for p in weighed)
    assert overlaps.describe_pairs(weighed) == described
