"""Graphs new to the store are written in batches by the bulk loader: the store ends the same
as with one transaction per file, a bad batch leaves nothing behind, and an interrupted load
is undone, whole, the next time the store is opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat

from graph.build.ids import graph_id
from graph.ingest.run import ingest
from graph.store.bulk import PENDING_FILE
from graph.store.embedded import PolicyStore, StoreError

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"
EXTRA = REPO.parent / "shared" / "corpus-extra"
POLID = "https://w3id.org/policykg/id/"
HA_TINH_GRAPH = POLID + graph_id(str(SAMPLES / "ha-tinh_kh-sxtdbv-2026-2030.txt"))


def _files() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt")) + sorted(EXTRA.glob("*.txt"))[:5]


def _quads(store: PolicyStore) -> set[str]:
    """The quads without blank nodes (the ontology's get fresh labels in every store), and
    without the time each file was ingested."""
    return {str(q) for q in store.oxigraph if "_:" not in str(q) and "#ingestedAt>" not in str(q)}


def test_bulk_and_transactional_ingest_give_the_same_store(tmp_path: Path) -> None:
    with PolicyStore.open(tmp_path / "bulk") as bulk, PolicyStore.open(tmp_path / "one-by-one") as single:
        bulk_reports = ingest(bulk, _files(), bulk=True, jobs=2)
        single_reports = ingest(single, _files(), bulk=False)
        assert [r.ok for r in bulk_reports] == [r.ok for r in single_reports] == [True] * len(_files())
        assert [r.triples for r in bulk_reports] == [r.triples for r in single_reports]
        assert len(bulk.graph_iris()) == len(single.graph_iris()) > len(_files())
        assert _quads(bulk) == _quads(single)
        assert not (tmp_path / "bulk" / PENDING_FILE).exists()


def test_reingesting_in_bulk_replaces_rather_than_duplicates(tmp_path: Path) -> None:
    with PolicyStore.open(tmp_path / "store") as store:
        ingest(store, _files(), bulk=True)
        before = _quads(store)
        ingest(store, _files(), bulk=True)
        assert _quads(store) == before


def test_a_bad_batch_is_taken_back_and_the_rest_is_kept(tmp_path: Path) -> None:
    with PolicyStore.open(tmp_path / "store") as store:
        ingest(store, [SAMPLES / "an-giang_kh-trien-khai-cd-17-2025.txt"])
        before = _quads(store)
        good = f'<{POLID}x> <{POLID}p> "v" <{POLID}graph-new-a> .\n'.encode() * 1
        many = b"".join(f'<{POLID}s{i}> <{POLID}p> "{i}" <{POLID}graph-new-a> .\n'.encode() for i in range(50_000))
        bad = f'<{POLID}y> <not an iri> "w" <{POLID}graph-new-b> .\n'.encode()
        with pytest.raises(StoreError, match="graph-new-a"):
            store.load_new_graphs(good + many + bad, [POLID + "graph-new-a", POLID + "graph-new-b"])
        assert _quads(store) == before
        assert not (tmp_path / "store" / PENDING_FILE).exists()


def test_an_interrupted_bulk_load_is_undone_when_the_store_is_next_opened(tmp_path: Path) -> None:
    location = tmp_path / "store"
    with PolicyStore.open(location) as store:
        ingest(store, [SAMPLES / "an-giang_kh-trien-khai-cd-17-2025.txt"])
        kept = _quads(store)
        # what a process killed during a bulk load leaves: the pending list, and part of the data
        (location / PENDING_FILE).write_text(HA_TINH_GRAPH + "\n", encoding="utf-8")
        store.oxigraph.bulk_load(
            f'<{POLID}task-partial> <{POLID}p> "half" <{HA_TINH_GRAPH}> .\n'.encode(), format=RdfFormat.N_QUADS
        )
        assert store.oxigraph.contains_named_graph(NamedNode(HA_TINH_GRAPH))
    with PolicyStore.open(location) as store:
        assert store.recovered == [HA_TINH_GRAPH]
        assert not store.oxigraph.contains_named_graph(NamedNode(HA_TINH_GRAPH))
        assert _quads(store) == kept
        assert not (location / PENDING_FILE).exists()
    with PolicyStore.open(location) as store:
        assert store.recovered == []


def _tables(location: Path) -> int:
    return len(list(location.glob("*.sst")))


def _two_bulk_ingests(store: PolicyStore, *, compact: bool) -> None:
    files = _files()
    ingest(store, files[:4], bulk=True, compact=compact)
    ingest(store, files[4:], bulk=True, compact=compact)
    store.flush()


def test_a_bulk_ingest_leaves_the_store_compacted(tmp_path: Path) -> None:
    with PolicyStore.open(tmp_path / "compacted") as store:
        _two_bulk_ingests(store, compact=True)
        compacted = _tables(tmp_path / "compacted")
        quads = _quads(store)
    with PolicyStore.open(tmp_path / "loose") as store:
        _two_bulk_ingests(store, compact=False)
        loose = _tables(tmp_path / "loose")
        assert compacted < loose
        store.compact()
        assert _tables(tmp_path / "loose") < loose
        assert _quads(store) == quads
