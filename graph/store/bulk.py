"""Loading many new named graphs at once with Oxigraph's bulk loader, safely.

The bulk loader writes sorted files straight into the database and is about twice as fast
as a transaction, but it is not atomic: a crash in the middle can leave part of the data.
So the graphs being loaded are first written to a pending list in the store directory, and
the list is removed once the load is on disk. Opening the store read-write with a pending
list still there (the last load was interrupted) drops those graphs, whole, and reports
them: they were new to the store, so nothing that was there before is lost, and ingesting
their files again restores them.

Only graphs absent from the store are loaded this way (a replacement goes through one
transaction), and only by the process holding the store read-write, so no reader in
another process sees a graph half-loaded.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store

PENDING_FILE = "policykg-pending-graphs.txt"

log = logging.getLogger(__name__)


def _pending(location: Path) -> Path:
    return location / PENDING_FILE


def bulk_load_graphs(store: Store, location: Path | None, data: bytes, graph_iris: list[str]) -> None:
    """Load N-Quads ``data`` whose quads all lie in ``graph_iris``, graphs new to the store."""
    pending = _pending(location) if location is not None else None
    if pending is not None:
        with open(pending, "w", encoding="utf-8") as out:
            out.write("\n".join(graph_iris) + "\n")
            out.flush()
            os.fsync(out.fileno())
    try:
        store.bulk_load(data, format=RdfFormat.N_QUADS)
    except BaseException:
        _drop(store, graph_iris)  # a bad quad part-way: take back what was loaded before it
        if pending is not None:
            pending.unlink()
        raise
    if pending is not None:
        store.flush()
        pending.unlink()


def _drop(store: Store, graph_iris: list[str]) -> None:
    if graph_iris:
        store.update(" ;\n".join(f"DROP SILENT GRAPH {NamedNode(iri)}" for iri in graph_iris))
        store.flush()


def recover_interrupted(store: Store, location: Path) -> list[str]:
    """Drop the graphs of a bulk load that did not finish; return their IRIs."""
    pending = _pending(location)
    if not pending.is_file():
        return []
    graphs = [line.strip() for line in pending.read_text(encoding="utf-8").splitlines() if line.strip()]
    _drop(store, graphs)
    pending.unlink()
    log.warning(
        "the last ingest into %s was interrupted; removed %d partly loaded graph(s), ingest their files again: %s",
        location,
        len(graphs),
        ", ".join(graphs),
    )
    return graphs
