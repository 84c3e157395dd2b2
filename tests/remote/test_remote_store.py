"""The remote store itself: naming a server, signing in, bindings, batches, limits, errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode

from graph.ingest.run import ensure_reference
from graph.store.embedded import PolicyStore, QueryError, StoreError
from graph.store.location import is_remote, open_store, parse_endpoint, store_label
from graph.store.remote.store import RemoteStore, ServerCut
from graph.store.sparql.bindings import bind_values, where_group_start
from tests.remote.virtuoso_server import PASSWORD, USER, VirtuosoServer, running_virtuoso

POL = "https://w3id.org/policykg/ontology#"
ONTOLOGY_GRAPH = "https://w3id.org/policykg/id/graph-ontology"
UNION_LISTS = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?property ?first ?second WHERE {
  GRAPH ?g { ?property ?where ?class . ?class owl:unionOf ?list .
             ?list rdf:first ?first ; rdf:rest ?rest . ?rest rdf:first ?second ; rdf:rest rdf:nil }
}
"""


# ----------------------------------------------------------- naming a server


def test_a_store_value_names_the_query_and_update_endpoints_and_the_account() -> None:
    endpoint = parse_endpoint("sparql+http://dba:s%40cret@127.0.0.1:8890/sparql?update=/sparql-auth")
    assert endpoint.query_url == "http://127.0.0.1:8890/sparql"
    assert endpoint.update_url == "http://127.0.0.1:8890/sparql-auth"
    assert (endpoint.user, endpoint.password) == ("dba", "s@cret")
    other = parse_endpoint("sparql+https://db.example/ds/query?update=https://db.example/ds/update")
    assert other.query_url == "https://db.example/ds/query" and other.update_url == "https://db.example/ds/update"
    assert other.user is None
    assert is_remote("sparql+https://db.example/ds") and not is_remote("/data/store") and not is_remote(":memory:")


def test_credentials_come_from_the_environment_when_the_url_has_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYKG_STORE_USER", "reader")
    monkeypatch.setenv("POLICYKG_STORE_PASSWORD", "pw")
    assert parse_endpoint("sparql+http://h:1/sparql").user == "reader"
    assert parse_endpoint("sparql+http://h:1/sparql").password == "pw"
    assert parse_endpoint("sparql+http://other@h:1/sparql").user == "other"
    monkeypatch.delenv("POLICYKG_STORE_USER")
    with pytest.raises(StoreError, match="without a user"):
        parse_endpoint("sparql+http://h:1/sparql")


def test_a_label_never_shows_the_password() -> None:
    label = store_label("sparql+http://dba:topsecret@127.0.0.1:8890/sparql")
    assert "topsecret" not in label and "127.0.0.1:8890/sparql" in label
    assert store_label(":memory:") == "an in-memory store"


@pytest.mark.parametrize(
    "spec",
    [
        "sparql+ftp://h/sparql",
        "sparql+http:///sparql",
        "sparql+http://h:99999/sparql",
        "sparql+http://h/s?update=a&update=b",
    ],
)
def test_malformed_server_urls_are_refused_with_a_reason(spec: str) -> None:
    with pytest.raises(StoreError):
        parse_endpoint(spec)


# ------------------------------------------------------------------ bindings


def test_bindings_open_the_where_group_whatever_the_text_around_it() -> None:
    query = (
        "# a { in a comment\nPREFIX ex: <http://ex/{}>\n"
        'SELECT ?x (CONCAT("{", ?y) AS ?z) WHERE { ?x ex:p "WHERE {" ; ex:q ?y }'
    )
    bound = bind_values(query, {"x": NamedNode("http://ex/a"), "y": Literal('he said "}"', language="vi")})
    assert bound.endswith(
        'WHERE { VALUES (?x ?y) { (<http://ex/a> "he said \\"}\\""@vi) }\n ?x ex:p "WHERE {" ; ex:q ?y }'
    )
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert construct[: where_group_start(construct)].endswith("WHERE {")
    assert where_group_start("CONSTRUCT { ?s ?p ?o } ") is None


def test_bindings_that_cannot_be_sent_are_refused() -> None:
    with pytest.raises(QueryError, match="blank node"):
        bind_values("SELECT ?x WHERE { ?x ?p ?o }", {"x": BlankNode()})
    with pytest.raises(QueryError, match="variable name"):
        bind_values("SELECT ?x WHERE { ?x ?p ?o }", {"x } ; DROP ALL": "a"})
    with pytest.raises(QueryError, match="no WHERE group"):
        bind_values("CONSTRUCT { ?s ?p ?o }", {"s": NamedNode("http://ex/a")})


# ------------------------------------------------------- against a real server


@pytest.fixture(scope="module")
def store(virtuoso: VirtuosoServer) -> Iterator[PolicyStore]:
    with open_store(virtuoso.store_spec) as remote:
        yield remote


def test_opening_an_unreachable_server_or_with_a_wrong_password_fails_clearly(virtuoso: VirtuosoServer) -> None:
    with pytest.raises(StoreError, match="cannot reach"):
        open_store("sparql+http://127.0.0.1:9/sparql")
    spec = f"sparql+http://{USER}:wrong@127.0.0.1:{virtuoso.http_port}/sparql?update=/sparql-auth"
    with open_store(spec) as store, pytest.raises(StoreError, match="refused the request \\(401\\)"):
        store.update("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> 'c' } }")
    anonymous = f"sparql+http://127.0.0.1:{virtuoso.http_port}/sparql"
    with open_store(anonymous) as store, pytest.raises(StoreError, match="no SPARQL update permission"):
        store.update("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> 'c' } }")
    assert PASSWORD  # the right one works: every other test here signs in with it


def test_blank_nodes_stay_linked_across_small_batches(store: RemoteStore, tmp_path: Path) -> None:
    ensure_reference(store)
    small = RemoteStore(store.endpoint, batch_triples=3)
    ontology = store.dump("text/turtle", ONTOLOGY_GRAPH)
    count = small.replace_graph(ONTOLOGY_GRAPH, ontology, "text/turtle")
    assert small.updates_sent > 100  # really written three triples at a time
    with PolicyStore.open(":memory:") as embedded:
        assert embedded.replace_graph(ONTOLOGY_GRAPH, ontology, "text/turtle") == count
        expected = sorted(map(repr, embedded.select(UNION_LISTS)))
    got = sorted(map(repr, store.select(UNION_LISTS)))
    assert got == expected and len(got) >= 3
    assert store.graph_size(ONTOLOGY_GRAPH) == count
    assert not any(name.startswith("urn:policykg:staging:") for name in store.graph_iris())


def test_remove_graph_and_update_and_their_errors(store: RemoteStore) -> None:
    graph = "urn:policykg:test:removable"
    assert store.replace_graph(graph, '<urn:a> <urn:b> "c" .\n', "application/n-triples") == 1
    store.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:b> 'd' }} }}")
    assert store.graph_size(graph) == 2
    assert store.remove_graph(graph) is True and store.remove_graph(graph) is False
    assert graph not in store.graph_iris()
    with pytest.raises(QueryError, match="LOAD"):
        store.update("LOAD <http://example.org/data.ttl>")
    with pytest.raises(QueryError, match="SERVICE"):
        store.select("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="server extension"):
        store.select('define get:soft "replace" SELECT * FROM <http://127.0.0.1:9/x> WHERE { ?s ?p ?o }')
    with pytest.raises(QueryError, match="server built-in"):
        store.select('SELECT (bif:file_to_string("/etc/passwd") AS ?x) WHERE { }')
    assert store.select('SELECT ?x WHERE { BIND("define bif:x" AS ?x) }') == [{"x": "define bif:x"}]
    with pytest.raises(QueryError, match="SP030"):
        store.select("SELECT ?x WHERE { ?x")
    with pytest.raises(StoreError, match="another graph"):
        store.replace_graph(graph, '<urn:a> <urn:b> "c" <urn:other> .\n', "application/n-quads")


@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteStore]:
    """A server whose ResultSetMaxRows is 40, holding the reference graphs."""
    with (
        running_virtuoso(tmp_path_factory.mktemp("virtuoso-capped"), max_rows=40) as server,
        open_store(server.store_spec) as remote,
    ):
        assert isinstance(remote, RemoteStore)
        ensure_reference(remote)
        yield remote


def test_a_result_cut_by_the_server_is_an_error_not_a_partial_answer(capped: RemoteStore) -> None:
    with pytest.raises(ServerCut, match="cut the result at 40 rows"):
        capped.select("SELECT ?s WHERE { ?s ?p ?o }")
    assert len(capped.select("SELECT ?s WHERE { ?s ?p ?o } LIMIT 39")) == 39
    # what the store reads for itself pages below the limit
    assert len(capped.graph_iris()) >= 5
    assert capped.graph_size(ONTOLOGY_GRAPH) > 40
    triples = capped.dump("application/n-triples", ONTOLOGY_GRAPH).decode().strip().splitlines()
    assert len(triples) == capped.graph_size(ONTOLOGY_GRAPH)
