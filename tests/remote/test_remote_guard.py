"""A SPARQL server as the store refuses the same texts as the embedded one, read with the
same grammar, and its own extensions however they are written."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.store.embedded import PolicyStore, QueryError
from graph.store.location import open_store
from tests.remote.virtuoso_server import VirtuosoServer

REMOTE = "http://127.0.0.1:9"


@pytest.fixture(scope="module")
def store(virtuoso: VirtuosoServer) -> Iterator[PolicyStore]:
    with open_store(virtuoso.store_spec) as remote:
        yield remote


@pytest.mark.parametrize(
    "query",
    [
        f"SELECT * WHERE {{ BIND(1 AS ?x) FILTER(?x<'>' || true) SERVICE <{REMOTE}/> {{ ?s ?p ?o }} FILTER('a'='a') }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{REMOTE}/> {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_however_it_is_written(store: PolicyStore, query: str) -> None:
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        store.select(query)


def test_load_is_refused_however_it_is_written(store: PolicyStore) -> None:
    with pytest.raises(QueryError, match="LOAD is not allowed"):
        store.update(f"INSERT DATA {{ GRAPH <urn:x:g> {{ <urn:x:s> <urn:x:p> '>' }} }} ; LOAD <{REMOTE}/a.ttl>")
    assert "urn:x:g" not in store.graph_iris()


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { BIND(1 AS ?x) FILTER(?x<'>' || true) BIND(bif:file_to_string('/etc/passwd') AS ?f)"
        " FILTER('a'='a') }",
        "PREFIX b: <bif:> SELECT (b:file_to_string('/etc/passwd') AS ?f) WHERE { }",
        "SELECT (<bif:file_to_string>('/etc/passwd') AS ?f) WHERE { }",
        "SELECT (\\u0062if:file_to_string('/etc/passwd') AS ?f) WHERE { }",
        '\\u0064efine get:soft "replace" SELECT * FROM <http://127.0.0.1:9/x> WHERE { ?s ?p ?o }',
    ],
)
def test_server_built_ins_are_refused_however_they_are_written(store: PolicyStore, query: str) -> None:
    with pytest.raises(QueryError, match=r"server built-in|server extension|could not be read"):
        store.select(query)
