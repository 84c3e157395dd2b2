"""Killable query workers beside the read-write store."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.serve.results import NotAcceptable, QueryJob
from graph.serve.workers import QueryTimeout, QueryWorkers
from graph.store.embedded import PolicyStore, QueryError

POL = "https://w3id.org/policykg/ontology#"
POLID = "https://w3id.org/policykg/id/"
GRAPH = POLID + "graph-generated"
JSON = "application/sparql-results+json"
SLOW = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    f"?a <{POL}quote> ?x . ?b <{POL}quote> ?y "
    'FILTER(CONTAINS(CONCAT(UCASE(?x), LCASE(?y)), "không có")) }'
)


def lookup(n: int) -> QueryJob:
    return QueryJob(f"SELECT ?quote WHERE {{ <{POLID}span-{n}> <{POL}quote> ?quote }}", JSON, None, 100)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[PolicyStore]:
    with PolicyStore.open(tmp_path / "store") as policy_store:
        turtle = "\n".join(
            f'<{POLID}span-{n}> <{POL}quote> "Sở Công Thương chủ trì nhiệm vụ số {n}" .' for n in range(3000)
        )
        policy_store.replace_graph(GRAPH, turtle, "text/turtle")
        yield policy_store


@pytest.fixture
def workers(store: PolicyStore) -> Iterator[QueryWorkers]:
    assert store.location is not None
    pool = QueryWorkers(store.location, size=2, timeout_s=1.5, generation=lambda: store.generation)
    yield pool
    pool.close()


def quotes(pool: QueryWorkers, n: int) -> list[str]:
    body = json.loads(pool.run_blocking(lookup(n)).body)
    return [row["quote"]["value"] for row in body["results"]["bindings"]]


def test_a_query_over_time_is_killed_and_its_worker_replaced(workers: QueryWorkers) -> None:
    started = time.perf_counter()
    with pytest.raises(QueryTimeout, match=r"query exceeded the 1\.5 s timeout"):
        workers.run_blocking(QueryJob(SLOW, JSON, None, 10))
    assert time.perf_counter() - started < 3
    assert workers.replacements == 1
    for n in (1, 2, 3):
        assert quotes(workers, n) == [f"Sở Công Thương chủ trì nhiệm vụ số {n}"]


def test_workers_see_writes_made_after_they_opened_the_store(workers: QueryWorkers, store: PolicyStore) -> None:
    assert quotes(workers, 5000) == []
    assert quotes(workers, 5000) == []  # both workers have the store open now
    with workers.exclusive():
        store.update(f'INSERT DATA {{ GRAPH <{GRAPH}> {{ <{POLID}span-5000> <{POL}quote> "mới" }} }}')
    assert quotes(workers, 5000) == ["mới"]
    assert quotes(workers, 5000) == ["mới"]


def test_a_write_waits_for_running_queries_and_holds_new_ones(workers: QueryWorkers) -> None:
    assert quotes(workers, 1)
    finished: list[float] = []
    with workers.exclusive():
        thread = threading.Thread(target=lambda: finished.append(len(quotes(workers, 1))))
        thread.start()
        time.sleep(0.3)
        assert finished == [], "a query ran during a write"
    thread.join(timeout=5)
    assert finished == [1]


def test_errors_come_back_from_the_worker(workers: QueryWorkers) -> None:
    with pytest.raises(QueryError, match="syntax error"):
        workers.run_blocking(QueryJob("SELECT * WHERE { ?s ?p }", JSON, None, 10))
    with pytest.raises(NotAcceptable):
        workers.run_blocking(QueryJob("SELECT * WHERE { ?s ?p ?o }", None, "text/turtle", 10))


def test_a_worker_left_holding_much_memory_is_replaced(store: PolicyStore) -> None:
    assert store.location is not None
    # every query leaves a worker above 1 MB: each is replaced after answering
    pool = QueryWorkers(store.location, size=1, timeout_s=10, max_worker_mb=1.0)
    try:
        for n in (1, 2, 3):
            assert quotes(pool, n) == [f"Sở Công Thương chủ trì nhiệm vụ số {n}"]
        assert pool.replacements == 3
    finally:
        pool.close()
    roomy = QueryWorkers(store.location, size=1, timeout_s=10)
    try:
        quotes(roomy, 1)
        assert roomy.replacements == 0
    finally:
        roomy.close()


def test_a_worker_resting_above_its_size_at_rest_is_replaced_once_idle(store: PolicyStore) -> None:
    assert store.location is not None
    pool = QueryWorkers(store.location, size=1, timeout_s=10, rest_mb=1.0, idle_s=0.4)
    try:
        assert quotes(pool, 1) == ["Sở Công Thương chủ trì nhiệm vụ số 1"]
        assert pool.replacements == 0  # not while it may be asked again at once
        deadline = time.monotonic() + 10
        while pool.replacements == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert pool.replacements >= 1
        assert quotes(pool, 2) == ["Sở Công Thương chủ trì nhiệm vụ số 2"]  # the fresh worker answers
    finally:
        pool.close()
