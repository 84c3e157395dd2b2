"""Join hints change how Oxigraph joins, never what a query answers: every named query with
``{ SELECT * WHERE { ... } }`` gives the same rows as its text without them, on the three
sample plans, in Oxigraph and in rdflib."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, NamedNode, QuerySolutions, RdfFormat
from pyoxigraph import Literal as OxLiteral
from rdflib import BNode, Dataset, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.query import ResultRow

from graph.queries.named import named_query, query_names, without_join_hints
from graph.store.embedded import PolicyStore, StoreError
from tests.conftest import ingest_samples

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
HINTED = [name for name in query_names() if without_join_hints(named_query(name).text) != named_query(name).text]
Row = tuple[str | None, ...]


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_samples(tmp_path_factory.mktemp("hints") / "store")


@pytest.fixture(scope="module")
def sample_dataset(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    dump = tmp_path_factory.mktemp("hints-dump") / "samples.nq"
    with PolicyStore.open_read_only(sample_store) as store:
        store.oxigraph.dump(str(dump), RdfFormat.N_QUADS)
    dataset = Dataset(default_union=True)
    dataset.parse(dump, format="nquads")
    return dataset


def _term_key(term: object) -> str | None:
    """A pyoxigraph or rdflib term as text the two give alike (blank nodes by position only)."""
    match term:
        case None:
            return None
        case NamedNode():
            return f"<{term.value}>"
        case URIRef():
            return f"<{term}>"
        case OxLiteral():
            return _literal_key(term.value, term.language, term.datatype.value)
        case RdfLiteral():
            return _literal_key(str(term), term.language, str(term.datatype or XSD_STRING))
        case BlankNode() | BNode():
            return "_:"
    raise AssertionError(f"not an RDF term: {term!r}")


def _literal_key(value: str, language: str | None, datatype: str) -> str:
    return f"{value!r}@{language}" if language else f"{value!r}^^{datatype}"


def _oxigraph_rows(store_path: Path, text: str) -> Counter[Row]:
    with PolicyStore.open_read_only(store_path) as store:
        solutions = store.oxigraph.query(text, use_default_graph_as_union=True)
        assert isinstance(solutions, QuerySolutions)
        names = [variable.value for variable in solutions.variables]
        return Counter(tuple(_term_key(solution[name]) for name in names) for solution in solutions)


def test_the_whole_store_queries_carry_hints() -> None:
    assert {"targets", "search_corpus", "example_lineage"} <= set(HINTED)


def test_a_hint_is_written_as_its_patterns_and_other_sub_selects_are_kept() -> None:
    text = (
        "SELECT ?a ?n WHERE { # { SELECT * WHERE { a hint in a comment } }\n"
        "?a ?p '{ SELECT * WHERE { ?x } }' . { select  *\n where { ?b ?q ?c . } }\n"
        "OPTIONAL { SELECT * WHERE { ?c ?r ?d FILTER(isIRI(?d)) } }\n"
        "{ SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?s ?t } GROUP BY ?a } }"
    )
    assert without_join_hints(text) == (
        "SELECT ?a ?n WHERE { # { SELECT * WHERE { a hint in a comment } }\n"
        "?a ?p '{ SELECT * WHERE { ?x } }' . ?b ?q ?c .\n"
        "OPTIONAL { ?c ?r ?d FILTER(isIRI(?d)) }\n"
        "{ SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?s ?t } GROUP BY ?a } }"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("SELECT * WHERE { { SELECT * WHERE { ?a ?b ?c ", "not closed"),
        ("SELECT * WHERE { { SELECT * WHERE { ?a ?b ?c } ?d ?e ?f } }", "must hold one group"),
        ("SELECT * WHERE { { SELECT * WHERE { ?a ?b ?c } # }\n ?d ?e ?f } }", "must hold one group"),
    ],
)
def test_a_malformed_hint_is_refused(text: str, problem: str) -> None:
    with pytest.raises(StoreError, match=problem):
        without_join_hints(text)


@pytest.mark.parametrize("name", HINTED)
def test_oxigraph_answers_the_same_with_and_without_hints(sample_store: Path, name: str) -> None:
    text = named_query(name).text
    hinted = _oxigraph_rows(sample_store, text)
    plain = _oxigraph_rows(sample_store, without_join_hints(text))
    assert sum(hinted.values()) > 10
    assert hinted == plain


@pytest.mark.parametrize("name", HINTED)
def test_rdflib_on_the_plain_text_answers_what_oxigraph_answers_with_hints(
    sample_store: Path, sample_dataset: Dataset, name: str
) -> None:
    text = named_query(name).text
    result = sample_dataset.query(without_join_hints(text))
    names = [str(variable) for variable in result.vars or []]
    rows = [row.asdict() for row in result if isinstance(row, ResultRow)]
    theirs = Counter(tuple(_term_key(row.get(variable)) for variable in names) for row in rows)
    assert theirs == _oxigraph_rows(sample_store, text)
