"""How long each analysis takes on an ingested store: the lineage graph and a lineage tree,
the mandate network and its counts, overlaps, target gaps and the two exports. Prints the
median and the slowest of several runs per analysis.

    python bench/analysis/timing.py                      # the sample plans
    python bench/analysis/timing.py data/samples ../shared/corpus-extra --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.analysis.export import graphml, mandate_xlsx
from graph.analysis.lineage.dag import lineage_graph, lineage_tree
from graph.analysis.mandate_network import agency_mandates, mandate_graph, type_mandates
from graph.analysis.overlaps.analysis import find_overlaps
from graph.analysis.target_gaps import target_gaps
from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore

REPO = Path(__file__).resolve().parents[2]


def timed(runs: int, work: Callable[[], Any]) -> tuple[float, float, Any]:
    seconds: list[float] = []
    result: Any = None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), max(seconds), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(REPO / "data" / "samples")])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, PolicyStore.open(Path(folder) / "store") as store:
        reports = ingest(store, args.paths)
        tasks = sum(r.tasks for r in reports if r.ok)
        targets = sum(r.targets for r in reports if r.ok)
        print(f"{sum(r.ok for r in reports)} files, {tasks} tasks, {targets} targets, {store.triple_count()} triples")
        print(f"medians of {args.runs} runs")
        graph = lineage_graph(store)
        document = "doc-889-qd-ttg-2020" if "doc-889-qd-ttg-2020" in graph else next(iter(graph))
        province = next(t for _, t in graph.nodes(data="province") if t)
        analyses: list[tuple[str, Callable[[], Any], Callable[[Any], str]]] = [
            ("lineage graph", lambda: lineage_graph(store), lambda g: f"{g.number_of_nodes()} nodes"),
            (
                "lineage tree of one document",
                lambda: lineage_tree(lineage_graph(store), document),
                lambda t: str(t.counts),
            ),
            ("mandate network + counts", lambda: type_mandates(mandate_graph(store)), lambda r: f"{len(r)} types"),
            ("agency mandates", lambda: agency_mandates(mandate_graph(store)), lambda r: f"{len(r)} agencies"),
            ("overlaps (default threshold)", lambda: find_overlaps(store), lambda r: f"{len(r)} pairs"),
            ("target gaps", lambda: target_gaps(store), lambda r: f"{sum(g.status == 'matched' for g in r)} matched"),
            ("export graphml", lambda: graphml(store), lambda b: f"{len(b) / 1e6:.1f} MB"),
            ("export xlsx (one province)", lambda: mandate_xlsx(store, province), lambda b: f"{len(b) / 1e3:.0f} kB"),
        ]
        for name, work, describe in analyses:
            median, slowest, result = timed(args.runs, work)
            print(f"{name:<32} {median * 1000:8.1f} ms  (slowest {slowest * 1000:7.1f} ms)  {describe(result)}")


if __name__ == "__main__":
    main()
