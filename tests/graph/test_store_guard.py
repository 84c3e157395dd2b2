"""The grammar check that keeps SERVICE and LOAD from any engine, on real Oxigraph stores."""

from __future__ import annotations

import pytest

from graph.store.embedded import PolicyStore, QueryError
from graph.store.sparql.guard import MAX_NESTING, GuardError, check, might_fetch, readings

REMOTE = "http://127.0.0.1:9"
# texts a tokenizer misreads: <'> looks like an IRI and hides what follows in a "string"
HIDDEN_SERVICE = [
    f"SELECT * WHERE {{ BIND(1 AS ?x) FILTER(?x<'>' || true) SERVICE <{REMOTE}/> {{ ?s ?p ?o }} FILTER('a'='a') }}",
    f"SELECT * WHERE {{ BIND(1 AS ?x) FILTER(?x<'>') sErViCe SILENT <{REMOTE}/> {{ }} BIND('' AS ?y) }}",
    f'SELECT * WHERE {{ ?s ?p "x\\u0022" SERVICE <{REMOTE}/> {{ ?s ?p ?o }} "\\u0022" . }}',
    f"SELECT * WHERE {{ \\u0053ERVICE <{REMOTE}/> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ SERVICE # comment\n <{REMOTE}/> {{ ?s ?p ?o }} }}",
]
HIDDEN_LOAD = [
    f"INSERT DATA {{ <urn:x:s> <urn:x:p> '>' }} ; LOAD <{REMOTE}/a.ttl>",
    f"\\u004COAD <{REMOTE}/a.ttl>",
    f"INSERT {{ <urn:x:s> <urn:x:p> ?x }} WHERE {{ BIND(1 AS ?x) FILTER(?x<'>' || true) SERVICE <{REMOTE}/> {{ }} }}",
]


@pytest.mark.parametrize("query", HIDDEN_SERVICE)
def test_service_is_found_by_the_grammar_however_it_is_written(query: str) -> None:
    with pytest.raises(GuardError, match=r"^SERVICE is not allowed"):
        check(query, update=False)
    with PolicyStore.open(":memory:") as store, pytest.raises(QueryError, match="SERVICE is not allowed"):
        store.query(query)


@pytest.mark.parametrize("update", HIDDEN_LOAD)
def test_load_and_service_in_updates_are_found(update: str) -> None:
    with PolicyStore.open(":memory:") as store:
        with pytest.raises(QueryError, match="is not allowed"):
            store.update(update)
        assert store.triple_count() == 0


def test_the_words_alone_are_harmless() -> None:
    with PolicyStore.open(":memory:") as store:
        store.update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:download> <urn:x:service> 'LOAD the SERVICE' } }")
        rows = store.select("SELECT ?o WHERE { ?s <urn:x:service> ?o FILTER(CONTAINS(?o, 'SERVICE')) }")
        assert rows == [{"o": "LOAD the SERVICE"}]
        assert store.select("SELECT ?service WHERE { BIND('caf\\u00e9 load' AS ?service) }") == [
            {"service": "café load"}
        ]


def test_only_texts_with_the_words_are_parsed() -> None:
    assert not might_fetch("SELECT * WHERE { ?s <urn:x:p> 'nhiệm vụ' }")
    assert might_fetch("SELECT * WHERE { ?s ?p 'Download' }")
    assert might_fetch("SELECT * WHERE { \\u0073ervice }")
    assert readings("ASK {}") == ["ASK {}"]
    assert readings("ASK { ?s ?p '\\u00e9' }") == ["ASK { ?s ?p '\\u00e9' }", "ASK { ?s ?p 'a' }"]


def test_a_text_with_the_words_that_the_grammar_cannot_read_is_refused() -> None:
    with pytest.raises(GuardError, match=r"could not be read with the SPARQL 1\.1 grammar"):
        check("SELECT * WHERE { ?s ?p 'download' ", update=False)


def test_nesting_beyond_the_limit_is_refused_before_the_engine_sees_it() -> None:
    inside = "{" * MAX_NESTING + " ?s ?p ?o " + "}" * MAX_NESTING
    deep = "{" * (MAX_NESTING + 1) + " ?s ?p ?o " + "}" * (MAX_NESTING + 1)
    with PolicyStore.open(":memory:") as store:
        assert store.select(f"SELECT * WHERE {inside[1:-1]}") == []
        with pytest.raises(QueryError, match=f"nested {MAX_NESTING + 1} levels deep"):
            store.select(f"SELECT * WHERE {deep}")
        escaped = "\\u007B" * 3000
        with pytest.raises(QueryError, match="levels deep"):
            store.select(f"SELECT * WHERE {{ {escaped} }}")
