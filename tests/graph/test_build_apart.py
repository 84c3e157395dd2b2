"""Read models built in a child process over the sample plans: the same values as built here,
handed to waiting callers, dropped if the store moved on, and a failure named."""

from __future__ import annotations

import functools
import multiprocessing
import threading
from pathlib import Path

import numpy as np
import pytest

import graph.analysis.loading
import graph.read.cache.apart
import graph.read.directory
import graph.read.plans
import graph.read.targets
import graph.search.index
from graph.queries.named import run_named
from graph.read.cache.apart import BuildFailed, build_apart, can_build_apart
from graph.read.cache.memo import Filling, memoized
from graph.read.cache.models import ReadModel
from graph.read.plans import PLANS, list_plans
from graph.search.index import SEARCH_INDEX, search
from graph.store.embedded import MEMORY, PolicyStore
from graph.warm import READ_MODELS, warm
from tests.conftest import ingest_samples


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_samples(tmp_path_factory.mktemp("apart") / "store", validate=False)


def test_every_read_model_built_apart_equals_the_one_built_here(store_path: Path) -> None:
    with PolicyStore.open(store_path) as store:
        apart = {model.key: value for model, value in build_apart(store, READ_MODELS)}
        assert list(apart) == [model.key for model in READ_MODELS]
        for model in READ_MODELS:
            here = model.build(store)
            if model is SEARCH_INDEX:  # the store returns the items in another order in another process
                there_ids, here_ids = list(apart[model.key].items.ids), list(here.items.ids)
                assert sorted(there_ids) == sorted(here_ids)
                order = [there_ids.index(item) for item in here_ids]
                assert apart[model.key].unigram_columns == here.unigram_columns
                assert (apart[model.key].matrix[order] != here.matrix).nnz == 0
            else:
                assert apart[model.key] == here, model.key
        plans = apart[PLANS.key]
        assert {plan.province_name for plan in plans} >= {"An Giang", "Hà Tĩnh", "Đồng Tháp"}


def test_warm_takes_the_models_from_the_child(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with PolicyStore.open(store_path) as store:
        expected_hits = search(store, "công thương")
        expected_plans = list_plans(store)
    # In this process every read model's queries now fail; the child is a fresh process.
    for module in (
        graph.read.plans,
        graph.read.directory,
        graph.read.targets,
        graph.search.index,
        graph.analysis.loading,
    ):
        monkeypatch.setattr(module, "run_named", _refuse)
    with PolicyStore.open(store_path) as store:
        warm(store, apart_min_mb=0)
        assert graph.read.plans.all_plans(store) == expected_plans
        assert search(store, "công thương") == expected_hits
        assert expected_hits[0] > 0


def test_a_read_model_asked_for_over_a_large_store_is_built_apart(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with PolicyStore.open(store_path) as store:
        expected = list_plans(store)
    monkeypatch.setattr(graph.read.plans, "run_named", _refuse)
    with PolicyStore.open(store_path) as store:
        with pytest.raises(AssertionError, match="server process"):
            PLANS.get(store)  # the sample store is far below the default size
        monkeypatch.setattr(graph.read.cache.apart, "_apart_min_mb", 0.0)
        assert PLANS.get(store) == expected


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("a read model was built in the server process")


def test_a_failing_build_names_the_read_model(store_path: Path) -> None:
    broken = ReadModel("broken model", functools.partial(run_named, name="no_such_query"))
    with PolicyStore.open(store_path) as store:
        built = build_apart(store, [PLANS, broken])
        first, plans = next(built)
        assert first is PLANS and plans
        with pytest.raises(BuildFailed, match="broken model"):
            next(built)


def test_a_build_that_takes_too_long_is_stopped(store_path: Path) -> None:
    with PolicyStore.open(store_path) as store:
        built = build_apart(store, [SEARCH_INDEX], timeout_s=0.01)  # the child has not even started
        with pytest.raises(BuildFailed, match=r"not built within 0\.01 s"):
            next(built)
        assert not [p for p in multiprocessing.active_children() if p.name == "policykg-read-models"]


def test_an_in_memory_store_cannot_be_built_apart() -> None:
    with PolicyStore.open(MEMORY) as store:
        assert not can_build_apart(store)
        with pytest.raises(BuildFailed, match="on disk"):
            next(build_apart(store, [PLANS]))


class _Versioned:
    """Any object with a write counter can key memoized results."""

    def __init__(self) -> None:
        self.generation = 0


def test_a_caller_waits_for_the_value_being_filled() -> None:
    store = _Versioned()
    computed: list[int] = []
    got: list[np.ndarray] = []
    with Filling(store, ["model"]) as filling:
        waiter = threading.Thread(target=lambda: got.append(memoized(store, "model", lambda: computed.append(1))))
        waiter.start()
        waiter.join(timeout=0.2)
        assert waiter.is_alive()  # waiting, not computing
        assert filling.fill("model", np.arange(3))
        waiter.join(timeout=5)
    assert computed == []
    assert got[0].tolist() == [0, 1, 2]


def test_a_value_for_an_older_store_is_dropped() -> None:
    store = _Versioned()
    with Filling(store, ["model"]) as filling:
        store.generation += 1  # a write while the child was building
        assert not filling.fill("model", "stale")
    assert memoized(store, "model", lambda: "fresh") == "fresh"


def test_a_key_left_unfilled_is_computed_by_the_next_caller() -> None:
    store = _Versioned()
    with Filling(store, ["a", "b"]) as filling:
        filling.fill("a", "from elsewhere")
    assert memoized(store, "a", lambda: "here") == "from elsewhere"
    assert memoized(store, "b", lambda: "here") == "here"
