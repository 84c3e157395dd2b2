"""Updates see the union default graph the service description advertises, and the
Protocol's using-graph-uri / using-named-graph-uri act as USING / USING NAMED."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from graph.store.embedded import PolicyStore, QueryError
from graph.store.update_dataset import UPDATES_GRAPH, UsingGraphs

POL = "https://w3id.org/policykg/ontology#"
PLAN_GRAPH = "https://w3id.org/policykg/id/graph-an-giang-kh-trien-khai-cd-17-2025"
REFERENCE_GRAPH = "https://w3id.org/policykg/id/graph-reference-agencies"
PREFIXES = "PREFIX pol: <https://w3id.org/policykg/ontology#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"


@pytest.fixture()
def store(tmp_path: Path, sample_graphs: Mapping[str, str]) -> PolicyStore:
    opened = PolicyStore.open(tmp_path / "store")
    for iri, turtle in sample_graphs.items():
        opened.replace_graph(iri, turtle, "text/turtle")
    return opened


def codes(store: PolicyStore) -> list[str]:
    return [str(row["code"]) for row in store.select(PREFIXES + "SELECT ?code WHERE { ?t pol:taskCode ?code }")]


def test_delete_where_without_using_matches_the_union(store: PolicyStore) -> None:
    assert codes(store) == ["V.1"]
    store.update(PREFIXES + "DELETE WHERE { ?task pol:taskCode ?code }")
    assert codes(store) == []
    # the rest of the plan's graph is untouched
    assert store.graph_size(PLAN_GRAPH) > 10


def test_delete_insert_where_rewrites_in_the_graph_holding_the_triple(store: PolicyStore) -> None:
    store.update(PREFIXES + 'DELETE { ?t pol:taskCode "V.1" } INSERT { GRAPH ?g { ?t pol:taskCode "V.1a" } } '
                 'WHERE { GRAPH ?g { ?t pol:taskCode "V.1" } }')  # fmt: skip
    assert codes(store) == ["V.1a"]
    assert store.ask(PREFIXES + f'ASK {{ GRAPH <{PLAN_GRAPH}> {{ ?t pol:taskCode "V.1a" }} }}')


def test_triples_inserted_outside_graph_are_seen_by_the_next_update(store: PolicyStore) -> None:
    store.update('INSERT DATA { <http://example.org/a> <http://example.org/p> "x" }')
    assert store.ask(f'ASK {{ GRAPH <{UPDATES_GRAPH}> {{ <http://example.org/a> ?p "x" }} }}')
    store.update("DELETE WHERE { <http://example.org/a> ?p ?o }")
    assert not store.ask("ASK { <http://example.org/a> ?p ?o }")


def test_using_graph_uri_limits_the_where_to_that_graph(store: PolicyStore) -> None:
    copy = (
        PREFIXES
        + "INSERT { GRAPH <http://example.org/copy> { ?d a pol:LegalDocument } } WHERE { ?d a pol:LegalDocument }"
    )
    store.update(copy, using=UsingGraphs(default=(REFERENCE_GRAPH,)))
    found = store.select("SELECT ?d WHERE { GRAPH <http://example.org/copy> { ?d ?p ?o } }")
    # the reference graph holds one legal document; the plan's graph holds another
    assert [str(row["d"]) for row in found] == ["https://w3id.org/policykg/id/doc-17-cd-ttg-2025"]


def test_using_parameters_with_using_or_with_in_the_text_are_refused(store: PolicyStore) -> None:
    before = store.triple_count()
    for text in (
        f"WITH <{PLAN_GRAPH}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
        f"DELETE {{ ?s ?p ?o }} USING <{PLAN_GRAPH}> WHERE {{ ?s ?p ?o }}",
    ):
        with pytest.raises(QueryError, match="USING or WITH"):
            store.update(text, using=UsingGraphs(named=("http://example/people",)))
    assert store.triple_count() == before


def test_a_relative_iri_resolves_against_the_base(store: PolicyStore) -> None:
    store.update("INSERT DATA { GRAPH <http://example.org/g> { <s> <p> <o> } }", base_iri="http://host/sparql")
    assert store.ask("ASK { <http://host/s> <http://host/p> <http://host/o> }")
    with pytest.raises(QueryError):
        store.update("INSERT DATA { GRAPH <http://example.org/g> { <s> <p> <o> } }")


def test_delete_data_removes_the_triple_from_the_graph_holding_it(store: PolicyStore) -> None:
    task = "https://w3id.org/policykg/id/task-an-giang-cd-17-2025-v-1-1"
    store.update(f'prefix pol: <{POL}> delete data {{ <{task}> pol:taskCode "V.1" }} ; '
                 f'insert data {{ <{task}> pol:taskCode "V.2" }}')  # fmt: skip
    assert codes(store) == ["V.2"]
    assert not store.ask(f'ASK {{ GRAPH <{PLAN_GRAPH}> {{ <{task}> <{POL}taskCode> "V.1" }} }}')
    assert store.ask(f'ASK {{ GRAPH <{UPDATES_GRAPH}> {{ <{task}> <{POL}taskCode> "V.2" }} }}')


def test_with_names_its_own_graph_and_is_left_as_written(store: PolicyStore) -> None:
    store.update(f'WITH <{PLAN_GRAPH}> DELETE {{ ?t <{POL}taskCode> ?c }} INSERT {{ ?t <{POL}taskCode> "W" }} '
                 f"WHERE {{ ?t <{POL}taskCode> ?c }}")  # fmt: skip
    assert codes(store) == ["W"]
    assert store.ask(f'ASK {{ GRAPH <{PLAN_GRAPH}> {{ ?t <{POL}taskCode> "W" }} }}')
