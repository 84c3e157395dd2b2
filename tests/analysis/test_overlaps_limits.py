"""Overlaps compare every item with every other in memory: past a limit the caller is told to
choose provinces, rather than the server running out of memory."""

from __future__ import annotations

import pytest

from graph.analysis import overlaps
from graph.analysis.overlaps import TooManyToCompare, find_overlaps
from graph.store import PolicyStore


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
    # Two provinces hold fewer tasks than the limit: they are compared among themselves, and
    # the plastic-bag tasks of Đồng Tháp and Hà Tĩnh still pair up.
    narrowed = find_overlaps(samples_store, provinces=["province-ha-tinh", "province-dong-thap-pre2025"])
    tasks = [p for p in narrowed if p.kind == "task"]
    assert tasks and all(
        {p.a.province, p.b.province} <= {"province-ha-tinh", "province-dong-thap-pre2025"} for p in tasks
    )
    assert any("túi" in p.a.text and "túi ni lông" in p.b.text for p in tasks)
