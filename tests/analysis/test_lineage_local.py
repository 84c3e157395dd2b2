"""The lineage tree of one document grown from the store for that document alone is the tree
drawn from the whole lineage graph: for every document of the samples and the extra plans, at
every depth."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from graph.analysis.lineage.dag import DOCUMENT_KINDS, lineage_graph, lineage_tree
from graph.analysis.lineage.local import document_graph, lineage_below
from graph.analysis.overlaps.analysis import find_overlaps
from graph.analysis.target_gaps import target_gaps
from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore

REPO = Path(__file__).resolve().parents[2]
EXTRA = REPO.parent / "shared" / "corpus-extra"
QD_889 = "doc-889-qd-ttg-2020"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PolicyStore]:
    with PolicyStore.open(tmp_path_factory.mktemp("lineage-local") / "store") as opened:
        files = sorted((REPO / "data" / "samples").glob("*.txt")) + sorted(EXTRA.glob("*.txt"))
        assert all(r.ok for r in ingest(opened, files, validate=False))
        yield opened


def test_every_document_has_the_same_tree_both_ways(store: PolicyStore) -> None:
    whole = lineage_graph(store)
    documents = [n for n, kind in whole.nodes(data="kind") if kind in DOCUMENT_KINDS]
    assert len(documents) > 100
    compared = 0
    for doc in documents:
        for depth in (None, 1, 2):
            expected = lineage_tree(whole, doc, depth)
            assert lineage_tree(lineage_below(store, doc, depth), doc, depth) == expected, (doc, depth)
            compared += 1
    assert compared == 3 * len(documents)


def test_the_tree_of_qd_889_reaches_plans_tasks_and_agencies(store: PolicyStore) -> None:
    tree = lineage_tree(lineage_below(store, QD_889), QD_889)
    assert tree.counts["plan"] >= 2
    assert tree.counts["task"] > 50
    assert tree.counts["agency"] > 10


def test_overlaps_and_gaps_read_the_same_ancestors_from_the_document_graph(store: PolicyStore) -> None:
    whole = lineage_graph(store)
    assert find_overlaps(store) == find_overlaps(store, lineage=whole)
    assert target_gaps(store) == target_gaps(store, lineage=whole)
    documents = document_graph(store)
    for plan in (n for n, kind in whole.nodes(data="kind") if kind == "plan"):
        assert nx.ancestors(documents, plan) == {
            n for n in nx.ancestors(whole, plan) if whole.nodes[n]["kind"] in DOCUMENT_KINDS
        }
