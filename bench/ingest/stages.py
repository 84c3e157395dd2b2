"""Where ingest time goes, per plan: processor time of each stage on a synthetic corpus.

    python -m bench.ingest.stages --tasks 1000 [--pyshacl-files 3]

Stages, as the ingest runs them: read and extract (loaders), build the graph
(``graph.build.triples.Triples``, the agency descriptions apart), SHACL validation with the Core
validator, and the N-Quads of the plan's own graph; then, in the writing process, the store write on disk:
batched with the bulk loader (how a multi-file ingest writes new graphs) and one
transaction per plan (how a single file, or a replacement, is written). pySHACL is timed on
the first --pyshacl-files plans for comparison.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from itertools import chain
from pathlib import Path

from pyoxigraph import RdfFormat

from bench.synth.corpus import size_for, write_corpus
from graph.build.plan.parts import build_plan_graph, build_plan_parts
from graph.ingest.run import BULK_QUADS
from graph.store.embedded import PolicyStore
from graph.validate.plan_shapes import pyshacl_violations, violations
from loaders.extract import load_plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pyshacl-files", type=int, default=3)
    args = parser.parse_args()
    stages = ["extract", "build", "validate", "N-Quads", "bulk write", "transaction", "pySHACL"]
    spent = dict.fromkeys(stages, 0.0)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_corpus(work / "corpus", size_for(args.tasks), args.seed)
        files = sorted(p for p in (work / "corpus").iterdir() if p.suffix in {".txt", ".md"})
        violations(build_plan_graph(load_plan(files[0]))[1])  # warm reference data and shapes
        payloads = []
        for index, path in enumerate(files):
            started = time.process_time()
            record = load_plan(path)
            spent["extract"] += time.process_time() - started
            started = time.process_time()
            parts = build_plan_parts(record)
            spent["build"] += time.process_time() - started
            started = time.process_time()
            violations(chain(parts.own, parts.agencies))
            spent["validate"] += time.process_time() - started
            if index < args.pyshacl_files:
                started = time.process_time()
                pyshacl_violations(parts.whole())
                spent["pySHACL"] += time.process_time() - started
            started = time.process_time()
            payloads.append((parts.iri, parts.own.nquads(parts.iri)))
            spent["N-Quads"] += time.process_time() - started
        with PolicyStore.open(work / "bulk") as store:
            started = time.process_time()
            batch: list[tuple[str, bytes]] = []
            for item in [*payloads, ("", b"")]:
                if item[1]:
                    batch.append(item)
                if batch and (not item[1] or sum(d.count(b"\n") for _i, d in batch) >= BULK_QUADS):
                    store.load_new_graphs(b"".join(d for _i, d in batch), [i for i, _d in batch])
                    batch = []
            store.flush()
            spent["bulk write"] = time.process_time() - started
        with PolicyStore.open(work / "transactions") as store:
            started = time.process_time()
            for _graph_iri, data in payloads:
                store.oxigraph.load(data, format=RdfFormat.N_QUADS)
            store.flush()
            spent["transaction"] = time.process_time() - started
        quads = sum(data.count(b"\n") for _iri, data in payloads) / len(payloads)
    n = len(files)
    per = {k: v / (min(n, args.pyshacl_files) if k == "pySHACL" else n) for k, v in spent.items()}
    print(f"{n} plans of {size_for(args.tasks).tasks_per_plan} tasks, {quads:.0f} quads each; CPU s per plan:")
    for name, value in per.items():
        print(f"  {name:<16} {value:.4f}")
    worker = per["extract"] + per["build"] + per["validate"] + per["N-Quads"]
    for writer in ("bulk write", "transaction"):
        print(
            f"  worker share {worker:.4f} + {writer} {per[writer]:.4f}"
            f" → on 2 idle cores at most {2 / (worker + per[writer]):.1f} plans/s (all CPU counted, no contention)"
        )


if __name__ == "__main__":
    main()
