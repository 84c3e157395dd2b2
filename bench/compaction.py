"""What compacting the store after a bulk ingest buys: the use-case queries timed on the store
as the batches of a bulk ingest leave it, then again once compacted (what ``ingest`` does at
its end), with the compaction's own time and the store's files before and after.

    python -m bench.compaction --tasks 10000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.measure import repeat
from bench.synth.corpus import size_for, write_corpus
from bench.usecases import USE_CASES, oxigraph_runner, pick_ids
from graph.ingest import ingest
from graph.store import PolicyStore


def _tables(location: Path) -> int:
    return len(list(location.glob("*.sst")))


def _times(store: PolicyStore, ids: dict[str, str], runs: int) -> dict[str, tuple[float, float]]:
    found: dict[str, tuple[float, float]] = {}
    for case in USE_CASES:
        runner = oxigraph_runner(store, case, ids)
        if runner is None:
            continue
        timing = repeat(runner, runs, warmup=2, budget_s=20)
        found[case.name] = (timing.p50, timing.p95)
    return found


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
        with PolicyStore.open(location) as store:
            reports = ingest(store, [corpus], jobs=args.jobs, compact=False)
            store.flush()
            print(f"{sum(r.tasks for r in reports if r.ok):,} tasks in {len(reports)} plans")
            ids = pick_ids(store)
            files_before = _tables(location)
            before = _times(store, ids, args.runs)
            started = time.perf_counter()
            store.compact()
            seconds = time.perf_counter() - started
            files_after = _tables(location)
            after = _times(store, ids, args.runs)
    print(f"compaction: {seconds:.1f} s; store files {files_before} → {files_after}\n")
    print(f"{'query':<34} {'p50 before':>10} {'p50 after':>10} {'p95 before':>10} {'p95 after':>10} {'p50 gain':>8}")
    for name, (p50, p95) in before.items():
        q50, q95 = after[name]
        print(f"{name:<34} {p50:>10.2f} {q50:>10.2f} {p95:>10.2f} {q95:>10.2f} {1 - q50 / p50:>8.0%}")
    print("\n(milliseconds, the embedded store through PolicyStore.select)")


if __name__ == "__main__":
    main()
