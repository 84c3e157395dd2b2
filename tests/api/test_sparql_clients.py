"""Real SPARQL clients (SPARQLWrapper, rdflib's SPARQLStore) against a running server."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

POL = rdflib.Namespace("https://w3id.org/policykg/ontology#")
POLID = rdflib.Namespace("https://w3id.org/policykg/id/")
TASK = POLID["task-an-giang-cd-17-2025-v-1-1"]
AGENCY = POLID["agency-so-cong-thuong-an-giang-pre2025"]

WHO_LEADS = """
PREFIX pol: <https://w3id.org/policykg/ontology#>
SELECT ?task ?code ?agency WHERE { ?task pol:taskCode ?code ; pol:leadAgency ?agency }"""
IS_LED = f"ASK {{ <{TASK}> <{POL.leadAgency}> <{AGENCY}> }}"
IS_NOT_LED = f"ASK {{ <{TASK}> <{POL.leadAgency}> <{POLID['agency-nobody']}> }}"
TASK_GRAPH = f"CONSTRUCT {{ <{TASK}> ?p ?o }} WHERE {{ <{TASK}> ?p ?o }}"


@pytest.fixture(scope="module")
def endpoint(
    make_store: Callable[[Mapping[str, str]], Path],
    serve_app: Callable[[Mapping[str, str]], Any],
    sample_graphs: dict[str, str],
) -> str:
    server = serve_app({"POLICYKG_STORE": str(make_store(sample_graphs))})
    return str(server.url("/sparql"))


@pytest.fixture(scope="module")
def task_graph(sample_graphs: dict[str, str]) -> rdflib.Graph:
    """The triples about the task, read from the fixture data with rdflib."""
    everything = rdflib.Graph()
    for turtle in sample_graphs.values():
        everything.parse(data=turtle, format="turtle")
    result = rdflib.Graph()
    for triple in everything.triples((TASK, None, None)):
        result.add(triple)
    assert len(result) == 6
    return result


def wrapper(endpoint: str, query: str, fmt: str, method: str | None = None) -> Any:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method is not None:
        client.setMethod(method)
    return client.query().convert()


@pytest.mark.parametrize("method", [None, POST])
def test_sparqlwrapper_select_in_every_results_format(endpoint: str, method: str | None) -> None:
    as_json = wrapper(endpoint, WHO_LEADS, JSON, method)
    row = as_json["results"]["bindings"][0]
    assert (row["task"]["value"], row["code"]["value"], row["agency"]["value"]) == (
        str(TASK),
        "V.1",
        str(AGENCY),
    )

    as_xml = wrapper(endpoint, WHO_LEADS, XML, method)
    values = {
        binding.getAttribute("name"): binding.getElementsByTagName("literal") or binding.getElementsByTagName("uri")
        for binding in as_xml.getElementsByTagName("binding")
    }
    assert values["code"][0].firstChild.data == "V.1"
    assert values["agency"][0].firstChild.data == str(AGENCY)

    as_csv = list(csv.DictReader(io.StringIO(wrapper(endpoint, WHO_LEADS, CSV, method).decode())))
    assert as_csv == [{"task": str(TASK), "code": "V.1", "agency": str(AGENCY)}]

    tsv_lines = wrapper(endpoint, WHO_LEADS, TSV, method).decode().splitlines()
    assert tsv_lines == ["?task\t?code\t?agency", f'<{TASK}>\t"V.1"\t<{AGENCY}>']


def test_sparqlwrapper_ask(endpoint: str) -> None:
    assert wrapper(endpoint, IS_LED, JSON)["boolean"] is True
    assert wrapper(endpoint, IS_NOT_LED, JSON)["boolean"] is False
    xml = wrapper(endpoint, IS_LED, XML)
    assert xml.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD, RDFXML, XML])
def test_sparqlwrapper_construct(endpoint: str, task_graph: rdflib.Graph, fmt: str) -> None:
    converted = wrapper(endpoint, TASK_GRAPH, fmt)
    if isinstance(converted, bytes):
        graph = rdflib.Graph().parse(data=converted, format="turtle")
    else:
        graph = rdflib.Graph()
        for triple in converted.triples((None, None, None)):
            graph.add(triple)
    assert isomorphic(graph, task_graph)


@pytest.mark.parametrize("return_format", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore_select_and_ask(endpoint: str, return_format: str, method: str) -> None:
    graph = rdflib.Graph(SPARQLStore(endpoint, returnFormat=return_format, method=method))
    rows = list(graph.query(WHO_LEADS))
    assert len(rows) == 1
    task, code, agency = rows[0]  # type: ignore[misc]
    assert task == TASK
    assert agency == AGENCY
    assert str(code) == "V.1"
    if return_format in ("json", "xml"):
        assert graph.query(IS_LED).askAnswer is True
        assert graph.query(IS_NOT_LED).askAnswer is False


@pytest.mark.parametrize("return_format", ["turtle", "nt", "json-ld", "xml"])
def test_rdflib_sparqlstore_construct(endpoint: str, task_graph: rdflib.Graph, return_format: str) -> None:
    graph = rdflib.Graph(SPARQLStore(endpoint, returnFormat=return_format))
    result = graph.query(TASK_GRAPH)
    assert result.graph is not None
    assert isomorphic(result.graph, task_graph)


def test_rdflib_sparqlstore_reads_triples_by_pattern(endpoint: str) -> None:
    graph = rdflib.Graph(SPARQLStore(endpoint, returnFormat="json"))
    assert set(graph.objects(TASK, POL.leadAgency)) == {AGENCY}
    labels = {str(label) for label in graph.objects(AGENCY, rdflib.RDFS.label)}
    assert labels == {"Sở Công Thương tỉnh An Giang"}
