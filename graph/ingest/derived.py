"""The graphs derived from the plan graphs — the ontology and reference graphs, and the
agencies graph with the 2025 successions — kept consistent when an ingest is cut short.

An ingest into an on-disk store keeps a journal in the store directory for the whole run,
not only for the batch in flight: it is written before the first plan graph, and every
file's agencies are added to it before the file's graph is written; it is removed once the
agencies graph has been rewritten and the store flushed. Opening the store read-write with
the journal still there (the process was killed, the machine stopped) re-derives what the
run left stale: the reference graphs where they are not current, then the agencies graph
from the agencies the plan graphs name (those described before, and those of the journal),
and says so with a warning. Re-deriving is idempotent, so a crash during the repair is
repaired at the next opening.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path

from pyoxigraph import NamedNode

from graph.build.agency_keys import AgencyKey
from graph.build.ids import ONTOLOGY_GRAPH, REFERENCE_HASH_GRAPH
from graph.queries.named import run_named
from graph.store.protocol import GraphStore
from ontology import VOCABULARY_FILE, reference_graphs

JOURNAL_FILE = "policykg-ingest-journal.jsonl"

log = logging.getLogger(__name__)


def ensure_reference(store: GraphStore) -> bool:
    """Load (or refresh) the ontology and the curated reference graphs; True if anything changed."""
    files = [(VOCABULARY_FILE, ONTOLOGY_GRAPH)]
    files += [(ref.path, ref.graph_iri) for ref in reference_graphs()]
    digest = hashlib.sha256()
    for path, graph_iri in files:
        digest.update(graph_iri.encode())
        digest.update(Path(path).read_bytes())
    state = digest.hexdigest()
    current = run_named(store, "reference_state", g=NamedNode(REFERENCE_HASH_GRAPH))
    if current and current[0].get("hash") == state:
        return False
    for path, graph_iri in files:
        store.replace_graph(graph_iri, Path(path).read_bytes(), format="text/turtle")
    # written last: a run cut short before this line is redone by the next one
    store.replace_graph(
        REFERENCE_HASH_GRAPH,
        f'<{REFERENCE_HASH_GRAPH}> <https://w3id.org/policykg/ontology#sha256> "{state}" .\n',
        format="application/n-triples",
    )
    return True


class Journal:
    """The run journal of one ingest (a no-op for a store that is not a directory)."""

    def __init__(self, store: GraphStore) -> None:
        location = None if store.is_remote else store.location
        self.path = location / JOURNAL_FILE if location is not None else None
        if self.path is not None:
            self._append({"run": "started"})

    def record(self, agencies: Mapping[AgencyKey, bool]) -> None:
        """Note the agencies of a file about to be written."""
        if self.path is not None and agencies:
            self._append({"agencies": [[t, p, c] for (t, p), c in agencies.items()]})

    def finish(self, store: GraphStore) -> None:
        """The derived graphs are written: the run is complete."""
        if self.path is not None:
            store.flush()
            self.path.unlink(missing_ok=True)

    def _append(self, entry: dict[str, object]) -> None:
        assert self.path is not None
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")
            out.flush()
            os.fsync(out.fileno())


def _journal_agencies(path: Path) -> dict[AgencyKey, bool]:
    named: dict[AgencyKey, bool] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:  # the last line of a journal cut mid-write
            continue
        for type_id, province, collective in entry.get("agencies", []):
            key = (str(type_id), str(province) if province else None)
            named[key] = named.get(key, False) or bool(collective)
    return named


def repair_derived(store: GraphStore) -> str | None:
    """Re-derive the derived graphs if the last ingest did not finish; say what was repaired."""
    location = None if store.is_remote or store.read_only else store.location
    path = location / JOURNAL_FILE if location is not None else None
    if path is None or not path.is_file():
        return None
    from graph.ingest.succession import refresh_succession  # it reads the store through this module's peers

    named = _journal_agencies(path)
    references = ensure_reference(store)
    triples = refresh_succession(store, named)
    # imported here: the analyses (networkx, scipy) would cost every command its start-up
    from graph.ingest.coverage import refresh_coverage

    refresh_coverage(store)
    store.flush()
    path.unlink(missing_ok=True)
    message = (
        f"the last ingest into {location} was cut short; repaired: the agencies graph, the 2025 successions"
        " and the national coverage,"
        f" re-derived from the plan graphs ({triples} triples)"
        + ("; the reference graphs, reloaded" if references else "")
    )
    log.warning(message)
    return message
