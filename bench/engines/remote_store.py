"""The embedded store against a SPARQL server: ingest time of a set of documents into each,
and the median (p50) time of some named queries on each.

    python bench/engines/remote_store.py data/samples ../shared/corpus-extra
    python bench/engines/remote_store.py data/samples --store 'sparql+http://dba:dba@host:8890/sparql?update=/sparql-auth'

Without ``--store`` a throw-away Virtuoso (Debian ``virtuoso-opensource-7-bin``) is started on
loopback. The server should hold nothing else: the ingest adds to what it holds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from graph.build.ids import node
from graph.ingest.run import ingest
from graph.queries.named import run_named
from graph.read.mandates import mandates
from graph.store.embedded import PolicyStore
from graph.store.location import open_store
from graph.store.protocol import GraphStore
from graph.store.remote.store import RemoteStore

RUNS = 15
QUERIES: dict[str, Callable[[GraphStore], Any]] = {
    "plans": lambda store: run_named(store, "plans"),
    "plan_tasks (Hà Tĩnh)": lambda store: run_named(
        store, "plan_tasks", plan=node("doc-kh-ha-tinh-2026-2030-87ea930a")
    ),
    "mandates (Sở Công Thương Hà Tĩnh)": lambda store: mandates(store, "agency-so-cong-thuong-ha-tinh"),
    "agencies": lambda store: run_named(store, "agencies"),
    "graphs": lambda store: run_named(store, "graphs"),
}


def measure(store: GraphStore, paths: list[str]) -> dict[str, float]:
    figures: dict[str, float] = {}
    started = time.perf_counter()
    reports = ingest(store, paths, validate=False)
    figures["ingest s"] = time.perf_counter() - started
    figures["files"] = sum(1 for r in reports if r.ok)
    figures["failed"] = sum(1 for r in reports if not r.ok)
    figures["triples"] = store.triple_count()
    if isinstance(store, RemoteStore):
        figures["updates sent"] = store.updates_sent
    for name, run in QUERIES.items():
        run(store)  # warm-up
        times = []
        for _ in range(RUNS):
            began = time.perf_counter()
            run(store)
            times.append((time.perf_counter() - began) * 1000)
        figures[f"p50 ms {name}"] = statistics.median(times)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--store", help="a sparql+http(s):// server; default: a throw-away Virtuoso on loopback")
    args = parser.parse_args()
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        spec = args.store
        if spec is None:
            from tests.remote.virtuoso_server import running_virtuoso

            spec = stack.enter_context(running_virtuoso(folder / "virtuoso")).store_spec
        results = {}
        with PolicyStore.open(folder / "embedded") as embedded:
            results["embedded"] = measure(embedded, args.paths)
        with open_store(spec) as remote:
            results["remote"] = measure(remote, args.paths)
            label = remote.label if isinstance(remote, RemoteStore) else spec
    print(f"documents: {' '.join(args.paths)}; remote: {label}; {RUNS} runs per query")
    keys = list(dict.fromkeys(key for figures in results.values() for key in figures))
    print(f"{'':<44} {'embedded':>12} {'remote':>12}")
    for key in keys:
        cells = [results[name].get(key) for name in ("embedded", "remote")]
        text = [f"{value:12.1f}" if isinstance(value, float) else f"{value!s:>12}" for value in cells]
        print(f"{key:<44} {text[0]} {text[1]}")


if __name__ == "__main__":
    main()
