"""Where ingest time goes, per plan: processor time of each stage on a synthetic corpus.

    python -m bench.ingest_stages --tasks 1000 [--shacl-files 5]

Stages: read and extract (loaders), build the rdflib graph, serialise it to N-Triples, SHACL
validation (on the first --shacl-files plans only: it is slow), and the store write — both as
``PolicyStore.replace_graph`` (a SPARQL update) and as the atomic ``extend`` that the ingest
uses for a graph new to the store — on disk.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from bench.synth.corpus import size_for, write_corpus
from graph.build import build_plan_graph
from graph.store import PolicyStore
from graph.validate import violations
from loaders.extract import load_plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shacl-files", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_corpus(work / "corpus", size_for(args.tasks), args.seed)
        files = sorted(p for p in (work / "corpus").iterdir() if p.suffix in {".txt", ".md"})
        load_plan(files[0])  # warm the caches of reference data
        spent = dict.fromkeys(["extract", "build", "serialise", "shacl", "replace_graph", "extend"], 0.0)
        payloads = []
        for index, path in enumerate(files):
            started = time.process_time()
            record = load_plan(path)
            spent["extract"] += time.process_time() - started
            started = time.process_time()
            graph_iri, graph = build_plan_graph(record)
            spent["build"] += time.process_time() - started
            started = time.process_time()
            data = graph.serialize(format="nt", encoding="utf-8")
            spent["serialise"] += time.process_time() - started
            if index < args.shacl_files:
                started = time.process_time()
                violations(graph)
                spent["shacl"] += time.process_time() - started
            payloads.append((graph_iri, data))
        with PolicyStore.open(work / "a") as store:
            started = time.process_time()
            for graph_iri, data in payloads:
                store.replace_graph(graph_iri, data, format="application/n-triples")
            store.flush()
            spent["replace_graph"] = time.process_time() - started
        with PolicyStore.open(work / "b") as store:
            started = time.process_time()
            for graph_iri, data in payloads:
                graph_node = NamedNode(graph_iri)
                quads = [
                    Quad(t.subject, t.predicate, t.object, graph_node) for t in parse(data, format=RdfFormat.N_TRIPLES)
                ]
                store.oxigraph.extend(quads)
            store.flush()
            spent["extend"] = time.process_time() - started
        triples = sum(data.count(b"\n") for _iri, data in payloads) / len(payloads)
    n = len(files)
    per = {k: v / (min(n, args.shacl_files) if k == "shacl" else n) for k, v in spent.items()}
    print(f"{n} plans of {size_for(args.tasks).tasks_per_plan} tasks, {triples:.0f} triples each; CPU s per plan:")
    for name, value in per.items():
        print(f"  {name:<14} {value:.4f}")
    worker = per["extract"] + per["build"] + per["serialise"]
    print(
        f"  worker share without SHACL {worker:.4f}, with {worker + per['shacl']:.4f}; parent write {per['extend']:.4f}"
        f"\n  → on 2 idle cores at most {2 / (worker + per['extend']):.1f} plans/s without SHACL,"
        f" {2 / (worker + per['shacl'] + per['extend']):.1f} with (all CPU counted, no contention)"
    )


if __name__ == "__main__":
    main()
