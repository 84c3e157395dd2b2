"""The peers on the same data: rdflib's in-memory store (in this process) and rdflib-endpoint
0.6.3 serving it over HTTP (a subprocess).

    python -m bench.engines.rdflib_side serve DUMP.nq PORT   # rdflib-endpoint over an N-Quads dump
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Dataset, URIRef

from bench.usecases import POLID, UseCase


def load_dataset(dump: Path) -> tuple[Dataset, float]:
    """An rdflib Dataset whose default graph is the union of the named graphs (as the store's
    queries see it), and the seconds it took to parse the dump."""
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(dump, format="nquads")
    return dataset, time.perf_counter() - started


def rdflib_runner(dataset: Dataset, case: UseCase, ids: dict[str, str]) -> Callable[[], int] | None:
    text = case.sparql(plain=True)
    if text is None:
        return None
    bindings = {variable: URIRef(POLID + local_id) for variable, local_id in case.bound(ids).items()}
    return lambda: len(list(dataset.query(text, initBindings=bindings)))


def serve(dump: Path, port: int) -> None:
    import uvicorn
    from rdflib_endpoint import SparqlEndpoint

    dataset, seconds = load_dataset(dump)
    print(f"loaded {len(dataset)} quads in {seconds:.1f} s", flush=True)
    app = SparqlEndpoint(graph=dataset, title="rdflib-endpoint over the same data")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "serve":
        raise SystemExit(__doc__)
    serve(Path(sys.argv[2]), int(sys.argv[3]))
