"""Resident memory of the API (server and query workers) on a store: once its read models are
warm, after every use-case route, after the use-case queries over /sparql, and at rest a
little later (query workers grown past their resting size are replaced once idle).

    python -m bench.serve.memory --store /tmp/pk-scale/store-100300

The server runs as ``policykg serve`` would (read models warmed at start); /sparql may return
every row and take its time, as in ``bench.scale.run``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import httpx
import psutil

from api.settings import Settings
from bench.measure import serve, tree_rss, uvicorn_args
from bench.processes import free_port
from bench.usecases import USE_CASES, pick_ids
from graph.serve.workers import WORKER_IDLE_S
from graph.store.embedded import PolicyStore

JSON_RESULTS = "application/sparql-results+json"


def _mb(pid: int) -> str:
    return f"{tree_rss(pid) / 1e6:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5, help="requests per route, and 3 per query")
    args = parser.parse_args()
    with PolicyStore.open(args.store) as store:
        ids = pick_ids(store)
    port = free_port()
    env = {"POLICYKG_STORE": str(args.store), "POLICYKG_MAX_ROWS": "10000000", "POLICYKG_QUERY_TIMEOUT_S": "600"}
    log = Path("/tmp") / f"policykg-api-memory-{port}.log"
    with serve(uvicorn_args(port), port=port, env=env, log=log) as server, httpx.Client(timeout=600) as client:
        pid = server.process.pid
        while True:  # the search index is the last read model warmed: wait until it answers at once
            started = time.perf_counter()
            client.get(server.url("/search?q=so%20cong%20thuong"))
            if time.perf_counter() - started < 1:
                break
        _wait_for_read_models(pid, Settings().workers)
        time.sleep(2)
        print(f"warm: {_mb(pid)}")
        for case in USE_CASES:
            path = case.path(ids)
            if path and case.route_max_tasks is None:
                for _ in range(args.repeat):
                    client.get(server.url(path))
        print(f"after the routes: {_mb(pid)}")
        for case in USE_CASES:
            text = case.http_text(ids)
            if text:
                for _ in range(3):
                    client.get(server.url("/sparql"), params={"query": text}, headers={"Accept": JSON_RESULTS})
        print(f"after the queries over /sparql: {_mb(pid)}")
        _processes(pid)
        time.sleep(3 * WORKER_IDLE_S)  # idle workers grown past their resting size are replaced
        print(f"at rest, {3 * WORKER_IDLE_S:.0f} s later: {_mb(pid)}")
        _processes(pid)


def _wait_for_read_models(pid: int, workers: int, timeout_s: float = 120.0) -> None:
    """Until the child process building the read models has ended: the server's spawned
    children are then its query workers alone."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        spawned = [p for p in psutil.Process(pid).children() if "spawn_main" in " ".join(p.cmdline())]
        if len(spawned) <= workers:
            return
        time.sleep(0.5)


def _processes(pid: int) -> None:
    root = psutil.Process(pid)
    for process in [root, *root.children(recursive=True)]:
        print(f"  {process.pid} {' '.join(process.cmdline())[:70]}: {process.memory_info().rss / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
