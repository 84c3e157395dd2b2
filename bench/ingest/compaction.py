"""What compacting the store after a bulk ingest buys: the use-case queries timed on the store
as the batches of a bulk ingest leave it, then again once compacted (what ``ingest`` does at
its end), with the compaction's own time and the store's files before and after.

As with ``policykg ingest`` then ``policykg serve``, the ingest and the compaction each run
in a process that ends when they are done (the store's own background merging stops with
it), and the queries run on the store opened read-only, as the API's query workers open it.

    python -m bench.ingest.compaction --tasks 10000
"""

from __future__ import annotations

import argparse
import multiprocessing
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.measure import markdown_table, repeat
from bench.synth.corpus import size_for, write_corpus
from bench.usecases import USE_CASES, oxigraph_runner, pick_ids
from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore
from graph.store.protocol import GraphStore


def _tables(location: Path) -> int:
    return len(list(location.glob("*.sst")))


def _times(store: GraphStore, ids: dict[str, str], runs: int) -> dict[str, tuple[float, float]]:
    found: dict[str, tuple[float, float]] = {}
    for case in USE_CASES:
        runner = oxigraph_runner(store, case, ids)
        if runner is None:
            continue
        timing = repeat(runner, runs, warmup=2, budget_s=20)
        found[case.name] = (timing.p50, timing.p95)
    return found


def _ingest(corpus: Path, location: Path, jobs: int) -> None:
    with PolicyStore.open(location) as store:
        reports = ingest(store, [corpus], jobs=jobs, compact=False)
    print(f"{sum(r.tasks for r in reports if r.ok):,} tasks in {len(reports)} plans")


def _compact(location: Path) -> None:
    with PolicyStore.open(location) as store:
        store.compact()


def _in_child(work: Callable[..., None], *args: object) -> float:
    """Run ``work`` in a process of its own; the seconds it took."""
    started = time.perf_counter()
    child = multiprocessing.get_context("spawn").Process(target=work, args=args)
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit(f"{work.__name__} failed (exit code {child.exitcode})")
    return time.perf_counter() - started


def _measure(location: Path, runs: int) -> dict[str, tuple[float, float]]:
    store = PolicyStore.open_read_only(location)
    try:
        return _times(store, pick_ids(store), runs)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=40, help="timed runs of each query")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus, location = Path(folder) / "corpus", Path(folder) / "store"
        write_corpus(corpus, size_for(args.tasks), args.seed)
        _in_child(_ingest, corpus, location, args.jobs)
        files_before = _tables(location)
        before = _measure(location, args.runs)
        seconds = _in_child(_compact, location)
        files_after = _tables(location)
        after = _measure(location, args.runs)
    print(f"compaction, with opening the store: {seconds:.1f} s; store files {files_before} → {files_after}\n")
    header = ("query", "p50 before", "p50 after", "p95 before", "p95 after", "p50 gain")
    rows = []
    for name, (p50, p95) in before.items():
        q50, q95 = after[name]
        rows.append((name, f"{p50:.2f}", f"{q50:.2f}", f"{p95:.2f}", f"{q95:.2f}", f"{1 - q50 / p50:.0%}"))
    print(markdown_table(header, rows))
    print("\n(milliseconds, the embedded store read-only, rows counted as pyoxigraph terms)")


if __name__ == "__main__":
    main()
