"""Serialising query results with a row cap that is never silent."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
import rdflib
from pyoxigraph import QueryResultsFormat, QuerySolutions, parse_query_results

from graph.serve.results import NotAcceptable, QueryJob, execute
from graph.store.embedded import PolicyStore, QueryError

POLID = "https://w3id.org/policykg/id/"
TASKS = 25
SELECT_TASKS = "SELECT ?task ?code WHERE { ?task <https://w3id.org/policykg/ontology#taskCode> ?code }"


@pytest.fixture(scope="module")
def store() -> PolicyStore:
    policy_store = PolicyStore.open(":memory:")
    turtle = "\n".join(
        f'<{POLID}task-{n}> <https://w3id.org/policykg/ontology#taskCode> "{n}\\t\\"tab\\"" .' for n in range(TASKS)
    )
    policy_store.replace_graph(POLID + "graph-tasks", turtle, "text/turtle")
    return policy_store


def job(sparql: str, max_rows: int, solutions: str | None = None, graph: str | None = None) -> QueryJob:
    return QueryJob(sparql, solutions, graph, max_rows)


def test_a_cut_json_result_says_so_and_still_parses(store: PolicyStore) -> None:
    outcome = execute(store, job(SELECT_TASKS, 10, "application/sparql-results+json"))
    assert outcome.truncated
    assert outcome.rows == 10
    document = json.loads(outcome.body)
    assert document["truncated"] is True
    assert len(document["results"]["bindings"]) == 10
    solutions = parse_query_results(outcome.body, QueryResultsFormat.JSON)
    assert isinstance(solutions, QuerySolutions)
    assert len(list(solutions)) == 10
    parsed = rdflib.query.Result.parse(io.BytesIO(outcome.body), format="json")
    assert len(list(parsed)) == 10


def test_a_result_at_the_limit_is_whole(store: PolicyStore) -> None:
    outcome = execute(store, job(SELECT_TASKS, TASKS, "application/sparql-results+json"))
    assert not outcome.truncated
    assert outcome.rows == TASKS
    assert "truncated" not in json.loads(outcome.body)


@pytest.mark.parametrize(
    "media_type",
    ["application/sparql-results+xml", "text/csv", "text/tab-separated-values"],
)
def test_every_result_format_is_cut_at_the_limit(store: PolicyStore, media_type: str) -> None:
    outcome = execute(store, job(SELECT_TASKS, 7, media_type))
    assert outcome.truncated
    text = outcome.body.decode()
    if media_type.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        results = ET.fromstring(text).findall(".//r:result", ns)
        assert len(results) == 7
        first_code = results[0].find("r:binding[@name='code']/r:literal", ns)
        assert first_code is not None
        assert str(first_code.text).endswith('\t"tab"')
    elif media_type == "text/csv":
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0] == ["task", "code"]
        assert len(rows) == 8
        assert rows[1][1].endswith('\t"tab"')
    else:
        lines = text.splitlines()
        assert lines[0] == "?task\t?code"
        assert len(lines) == 8
        assert lines[1].endswith('\\t\\"tab\\""')


def test_values_survive_the_cut_unchanged(store: PolicyStore) -> None:
    whole = execute(store, job(SELECT_TASKS, 100, "application/sparql-results+json"))
    cut = execute(store, job(SELECT_TASKS, 5, "application/sparql-results+json"))
    whole_rows = json.loads(whole.body)["results"]["bindings"]
    assert json.loads(cut.body)["results"]["bindings"] == whole_rows[:5]
    assert whole_rows[0]["code"]["value"].endswith('\t"tab"')


def test_construct_results_are_cut_too(store: PolicyStore) -> None:
    construct = "CONSTRUCT WHERE { ?task <https://w3id.org/policykg/ontology#taskCode> ?code }"
    outcome = execute(store, job(construct, 4, graph="application/n-triples"))
    assert outcome.truncated
    assert len(rdflib.Graph().parse(data=outcome.body, format="nt")) == 4


def test_ask_and_select_without_an_acceptable_format(store: PolicyStore) -> None:
    ask = execute(store, job("ASK { ?s ?p ?o }", 1, "text/csv"))
    assert ask.kind == "boolean"
    assert ask.body == b"true"
    with pytest.raises(NotAcceptable):
        execute(store, job(SELECT_TASKS, 5, graph="text/turtle"))
    with pytest.raises(QueryError, match="syntax"):
        execute(store, job("SELECT ?x WHERE {", 5, "text/csv"))
