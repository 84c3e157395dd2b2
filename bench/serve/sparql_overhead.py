"""What ``/sparql`` adds to the store for a point lookup: the store's own time (the query and
its serialisation, in this process), the endpoint's p50/p95 over HTTP on loopback, an
``ASK {}`` (nothing for the store to do: the protocol, the hand-off to a worker and back),
and the point lookup's p95 while another client keeps a heavy query running.

    python -m bench.serve.sparql_overhead STORE [STORE ...] [--repeat 300]

Each STORE is an existing embedded store (for example one ingested from ``bench.synth``);
it is served by ``uvicorn api.app:app_factory`` with two query workers.
"""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

import httpx

from bench.measure import Timing, fmt_ms, markdown_table, repeat, serve, uvicorn_args
from bench.processes import free_port
from graph.serve.results import QueryJob, execute
from graph.store.embedded import PolicyStore
from graph.store.protocol import GraphStore

POL = "PREFIX pol: <https://w3id.org/policykg/ontology#>\n"
ANY_TASK = POL + "SELECT ?task WHERE { ?task pol:taskCode ?code } LIMIT 1"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?b ?q ?c . ?c ?r ?d }"
JSON = "application/sparql-results+json"


def point_lookup(store: GraphStore) -> str:
    task = str(store.select(ANY_TASK)[0]["task"])
    return POL + f"SELECT ?code WHERE {{ <{task}> pol:taskCode ?code }}"


def http_timing(client: httpx.Client, url: str, query: str, times: int) -> Timing:
    def call() -> int:
        response = client.get(url, params={"query": query}, headers={"Accept": JSON})
        assert response.status_code == 200, response.text
        return len(response.content)

    return repeat(call, times, warmup=20)


def under_load(client: httpx.Client, url: str, query: str, times: int) -> Timing:
    """The point lookup while a second client sends the heavy query again and again."""
    stop = threading.Event()

    def heavy() -> None:
        with httpx.Client(timeout=120) as other:
            while not stop.is_set():
                other.get(url, params={"query": HEAVY})

    thread = threading.Thread(target=heavy, daemon=True)
    thread.start()
    time.sleep(0.5)
    try:
        return http_timing(client, url, query, times)
    finally:
        stop.set()
        thread.join(timeout=130)


def measure(store_path: Path, times: int) -> list[object]:
    with PolicyStore.open_read_only(store_path) as store:
        query = point_lookup(store)
        tasks = int(store.select(POL + "SELECT (COUNT(*) AS ?n) WHERE { ?t a pol:Task }")[0]["n"])  # type: ignore[arg-type]
        job = QueryJob(query, JSON, None, 10_000)
        own = repeat(lambda: execute(store, job).rows, times, warmup=20)
    port = free_port()
    env = {"POLICYKG_STORE": str(store_path), "POLICYKG_WARM": "false", "POLICYKG_WORKERS": "2"}
    log = store_path.parent / f"{store_path.name}-overhead.log"
    with serve(uvicorn_args(port), port=port, env=env, ready_path="/sparql", log=log) as server:
        url = server.url("/sparql")
        with httpx.Client(timeout=120) as client:
            endpoint = http_timing(client, url, query, times)
            empty = http_timing(client, url, "ASK {}", times)
            loaded = under_load(client, url, query, max(50, times // 3))
    return [
        f"{tasks:,}",
        f"{own.p50:.3f}",
        f"{fmt_ms(endpoint.p50)} / {fmt_ms(endpoint.p95)}",
        f"{fmt_ms(empty.p50)} / {fmt_ms(empty.p95)}",
        f"{fmt_ms(loaded.p50)} / {fmt_ms(loaded.p95)}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    rows = [measure(path, args.repeat) for path in args.stores]
    header = ["tasks", "store p50", "/sparql p50 / p95", "ASK {} p50 / p95", "beside a heavy query p50 / p95"]
    print(markdown_table(header, rows))


if __name__ == "__main__":
    main()
