"""The use-case queries on one N-Quads dump in two engines in this process: Oxigraph (in
memory) and rdflib's in-memory store, each query timed a few times within a budget.

    python -m bench.engines.in_process DUMP.nq --plan ID --agency ID [--repeat 3 --budget 60]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from bench.engines.rdflib_side import load_dataset, rdflib_runner
from bench.measure import fmt_ms, fmt_ratio, markdown_table, repeat
from bench.usecases import USE_CASES, oxigraph_runner
from graph.store.embedded import PolicyStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", type=Path)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--agency", required=True)
    parser.add_argument("--successor", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=60.0)
    parser.add_argument("--only", nargs="*", default=None, help="names of the use cases to run")
    args = parser.parse_args()
    ids = {"plan": args.plan, "document": args.plan, "agency": args.agency, "successor": args.successor or args.agency}
    started = time.perf_counter()
    oxigraph = Store()
    oxigraph.bulk_load(path=str(args.dump), format=RdfFormat.N_QUADS)
    store = PolicyStore(oxigraph, None)
    print(f"Oxigraph: {len(oxigraph)} quads loaded in {time.perf_counter() - started:.1f} s")
    dataset, seconds = load_dataset(args.dump)
    print(f"rdflib: {len(dataset)} triples loaded in {seconds:.1f} s")
    rows = []
    for case in USE_CASES:
        if case.sparql() is None or (args.only and case.name not in args.only):
            continue
        ours = repeat(oxigraph_runner(store, case, ids), args.repeat, budget_s=args.budget)  # type: ignore[arg-type]
        theirs = repeat(rdflib_runner(dataset, case, ids), args.repeat, budget_s=args.budget)  # type: ignore[arg-type]
        rows.append(
            [case.label + (" *" if case.join_heavy else ""), fmt_ms(ours.p50), fmt_ms(theirs.p50),
             fmt_ratio(theirs.p50, ours.p50), f"{ours.rows} / {theirs.rows}", theirs.note or len(theirs.samples)]
        )  # fmt: skip
        print(" | ".join(str(c) for c in rows[-1]), flush=True)
    print(
        markdown_table(["query", "Oxigraph p50 ms", "rdflib p50 ms", "rdflib ÷ Oxigraph", "rows", "rdflib runs"], rows)
    )


if __name__ == "__main__":
    main()
