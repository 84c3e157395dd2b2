"""Ingest figures for a set of documents: per file what was found and how long it took, the
whole set's time and the store's size on disk.

    python bench/ingest/corpus.py data/samples ../shared/corpus-extra
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        with PolicyStore.open(Path(folder) / "store") as store:
            reports = ingest(store, args.paths, validate=not args.no_validate)
            store.flush()
            elapsed = time.perf_counter() - started
            size = store.size_on_disk()
            triples = store.triple_count()
    header = f"{'file':<66} {'tasks':>5} {'agencies':>8} {'unres.':>6} {'targets':>7} {'refs':>4} {'s':>5}"
    print(header)
    print("-" * len(header))
    leads = unresolved = 0
    for r in reports:
        if not r.ok:
            print(f"{r.path.name:<66} FAILED: {r.error}")
            continue
        leads += r.lead_mentions
        unresolved += r.lead_unresolved
        print(
            f"{r.path.name[:66]:<66} {r.tasks:>5} {r.agencies:>8} {r.unresolved:>6} {r.targets:>7}"
            f" {r.references:>4} {r.seconds:>5.2f}"
        )
    ok = sum(1 for r in reports if r.ok)
    print(
        f"\n{ok}/{len(reports)} files in {elapsed:.2f} s (with SHACL validation: {not args.no_validate});"
        f" {triples} triples; store {size / 1e6:.1f} MB on disk"
    )
    if leads:
        resolved = leads - unresolved
        print(f"lead-agency mentions resolved to a type: {resolved}/{leads} = {resolved / leads:.1%}")


if __name__ == "__main__":
    main()
