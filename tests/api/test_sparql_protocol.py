"""The SPARQL 1.1 Protocol at /sparql, over real HTTP against a running server."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
import rdflib

POLID = "https://w3id.org/policykg/id/"
PLAN_GRAPH = POLID + "graph-an-giang-kh-trien-khai-cd-17-2025"
REFERENCE_GRAPH = POLID + "graph-reference-agencies"
LEAD_AGENCY = POLID + "agency-so-cong-thuong-an-giang-pre2025"

WHO_LEADS = """
PREFIX pol: <https://w3id.org/policykg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?code ?agency ?label WHERE {
  ?task pol:taskCode ?code ; pol:leadAgency ?agency .
  ?agency rdfs:label ?label .
}"""
DOCUMENTS = """
PREFIX pol: <https://w3id.org/policykg/ontology#>
SELECT ?doc WHERE { ?doc a pol:LegalDocument } ORDER BY ?doc"""
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
PLAN_CONSTRUCT = """
PREFIX pol: <https://w3id.org/policykg/ontology#>
CONSTRUCT { ?plan pol:implements ?doc } WHERE { ?plan pol:implements ?doc }"""
SPARQL_JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def client(
    make_store: Callable[[Mapping[str, str]], Path],
    serve_app: Callable[[Mapping[str, str]], Any],
    sample_graphs: dict[str, str],
) -> Iterator[httpx.Client]:
    server = serve_app({"POLICYKG_STORE": str(make_store(sample_graphs))})
    with httpx.Client(base_url=server.base_url, timeout=30) as http:
        yield http


def bindings(response: httpx.Response, variable: str) -> list[str]:
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    return [row[variable]["value"] for row in rows]


def detail(response: httpx.Response) -> str:
    assert response.headers["content-type"] == "application/json"
    return str(response.json()["detail"])


def test_who_leads_the_task_by_get(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": WHO_LEADS})
    assert response.status_code == 200
    assert response.headers["content-type"] == SPARQL_JSON
    assert response.headers["vary"] == "Accept"
    assert response.headers["x-policykg-truncated"] == "false"
    assert response.headers["x-policykg-row-limit"] == "10000"
    row = response.json()["results"]["bindings"][0]
    assert row["code"]["value"] == "V.1"
    assert row["agency"]["value"] == LEAD_AGENCY
    assert row["label"] == {
        "type": "literal",
        "value": "Sở Công Thương tỉnh An Giang",
        "xml:lang": "vi",
    }


def test_get_form_post_and_direct_post_give_the_same_answer(client: httpx.Client) -> None:
    by_get = client.get("/sparql", params={"query": DOCUMENTS})
    by_form = client.post("/sparql", data={"query": DOCUMENTS})
    direct = client.post(
        "/sparql",
        content=DOCUMENTS.encode(),
        headers={"Content-Type": "application/sparql-query; charset=UTF-8"},
    )
    expected = [POLID + "doc-135-2024-nd-cp", POLID + "doc-17-cd-ttg-2025"]
    assert bindings(by_get, "doc") == expected
    assert bindings(by_form, "doc") == expected
    assert bindings(direct, "doc") == expected


def test_default_graph_uri_chooses_the_default_graph(client: httpx.Client) -> None:
    def documents(params: list[tuple[str, str]]) -> list[str]:
        return bindings(client.get("/sparql", params=[("query", DOCUMENTS), *params]), "doc")

    assert documents([("default-graph-uri", REFERENCE_GRAPH)]) == [POLID + "doc-17-cd-ttg-2025"]
    assert documents([("default-graph-uri", PLAN_GRAPH)]) == [POLID + "doc-135-2024-nd-cp"]
    both = [("default-graph-uri", PLAN_GRAPH), ("default-graph-uri", REFERENCE_GRAPH)]
    assert documents(both) == [POLID + "doc-135-2024-nd-cp", POLID + "doc-17-cd-ttg-2025"]
    # The request's dataset replaces the query's FROM.
    with_from = DOCUMENTS.replace("SELECT ?doc", f"SELECT ?doc FROM <{PLAN_GRAPH}>")
    assert bindings(client.get("/sparql", params={"query": with_from}), "doc") == [POLID + "doc-135-2024-nd-cp"]
    overridden = client.get("/sparql", params=[("query", with_from), ("default-graph-uri", REFERENCE_GRAPH)])
    assert bindings(overridden, "doc") == [POLID + "doc-17-cd-ttg-2025"]


def test_named_graph_uri_chooses_the_named_graphs(client: httpx.Client) -> None:
    assert bindings(client.get("/sparql", params={"query": GRAPHS}), "g") == [
        PLAN_GRAPH,
        REFERENCE_GRAPH,
    ]
    only_plan = client.post("/sparql", data={"query": GRAPHS, "named-graph-uri": PLAN_GRAPH})
    assert bindings(only_plan, "g") == [PLAN_GRAPH]
    # Naming only graphs leaves the default graph empty, as the Protocol says.
    assert bindings(client.get("/sparql", params={"query": DOCUMENTS, "named-graph-uri": PLAN_GRAPH}), "doc") == []


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        (None, SPARQL_JSON),
        ("*/*", SPARQL_JSON),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        (
            f"{SPARQL_JSON};q=0.1, text/tab-separated-values;q=0.9",
            "text/tab-separated-values; charset=utf-8",
        ),
        ("text/*", "text/csv; charset=utf-8"),
        ("*/*;q=0.1, text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("application/json", "application/json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml"),
    ],
)
def test_select_results_follow_the_accept_header(client: httpx.Client, accept: str | None, content_type: str) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    response = client.get("/sparql", params={"query": WHO_LEADS}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == content_type
    assert response.headers["vary"] == "Accept"
    assert LEAD_AGENCY in response.text


@pytest.mark.parametrize(
    ("accept", "content_type", "rdflib_format"),
    [
        (None, "text/turtle; charset=utf-8", "turtle"),
        ("application/ld+json;q=0.9, text/turtle;q=0.8", "application/ld+json", "json-ld"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml, */*;q=0.1", "application/rdf+xml", "xml"),
        ("application/n-quads", "application/n-quads", "nquads"),
    ],
)
def test_construct_results_follow_the_accept_header(
    client: httpx.Client, accept: str | None, content_type: str, rdflib_format: str
) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    response = client.get("/sparql", params={"query": PLAN_CONSTRUCT}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == content_type
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert set(graph) == {
        (
            rdflib.URIRef(POLID + "doc-kh-trien-khai-cd-17-2025-an-giang-pre2025"),
            rdflib.URIRef("https://w3id.org/policykg/ontology#implements"),
            rdflib.URIRef(POLID + "doc-17-cd-ttg-2025"),
        )
    }


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        (WHO_LEADS, "image/png"),
        (WHO_LEADS, "text/turtle"),
        (PLAN_CONSTRUCT, SPARQL_JSON),
        (WHO_LEADS, f"{SPARQL_JSON};q=0, text/html"),
        ("ASK { ?s ?p ?o }", "application/ld+json"),
    ],
)
def test_nothing_acceptable_is_406(client: httpx.Client, query: str, accept: str) -> None:
    response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 406
    assert "no acceptable format" in detail(response)
    assert response.headers["vary"] == "Accept"


def test_a_syntax_error_is_400_with_the_parser_message(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    message = detail(response)
    assert message.startswith("SPARQL syntax error: error at 1:")
    assert "expected" in message
    assert response.headers["vary"] == "Accept"


def test_two_query_parameters_are_400(client: httpx.Client) -> None:
    twice = client.get("/sparql", params=[("query", DOCUMENTS), ("query", GRAPHS)])
    assert twice.status_code == 400
    assert "more than one query" in detail(twice)
    in_url_and_form = client.post("/sparql", params={"query": DOCUMENTS}, data={"query": GRAPHS})
    assert in_url_and_form.status_code == 400


def test_a_missing_or_empty_query_is_400(client: httpx.Client) -> None:
    for response in (
        client.get("/sparql", params={"default-graph-uri": PLAN_GRAPH}),
        client.get("/sparql", params={"query": "  "}),
        client.post("/sparql", data={"default-graph-uri": PLAN_GRAPH}),
        client.post("/sparql", content=b"", headers={"Content-Type": "application/sparql-query"}),
    ):
        assert response.status_code == 400, response.text
        assert "query" in detail(response)


def test_a_query_and_an_update_together_are_400(client: httpx.Client) -> None:
    response = client.post("/sparql", data={"query": DOCUMENTS, "update": "CLEAR ALL"})
    assert response.status_code == 400
    assert "not both" in detail(response)


def test_an_update_sent_by_get_is_400(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"update": f"CLEAR GRAPH <{PLAN_GRAPH}>"})
    assert response.status_code == 400
    assert "must be sent by POST" in detail(response)
    as_query = client.get("/sparql", params={"query": f"CLEAR GRAPH <{PLAN_GRAPH}>"})
    assert as_query.status_code == 400
    assert "update, not a query" in detail(as_query)
    assert bindings(client.get("/sparql", params={"query": GRAPHS}), "g") == [
        PLAN_GRAPH,
        REFERENCE_GRAPH,
    ]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"])
def test_other_methods_are_405(client: httpx.Client, method: str) -> None:
    response = client.request(method, "/sparql", params={"query": DOCUMENTS})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert response.headers["vary"] == "Accept"
    if method != "HEAD":
        assert method in detail(response)


def test_a_post_of_another_content_type_is_415(client: httpx.Client) -> None:
    response = client.post("/sparql", content=DOCUMENTS.encode(), headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert "application/sparql-query" in detail(response)


def test_an_oversized_request_is_413(client: httpx.Client) -> None:
    padding = "#" + "x" * 1_100_000 + "\n"
    big_form = client.post("/sparql", data={"query": padding + DOCUMENTS})
    assert big_form.status_code == 413
    assert "larger than 1048576 bytes" in detail(big_form)
    assert big_form.headers["vary"] == "Accept"

    def chunks() -> Iterator[bytes]:
        yield DOCUMENTS.encode()
        for _ in range(20):
            yield b"\n#" + b"y" * 100_000

    streamed = client.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert streamed.status_code == 413
    assert "content-length" not in streamed.request.headers
    # A request just under the limit is fine.
    fits = client.post("/sparql", data={"query": "#" + "x" * 1_000_000 + "\n" + DOCUMENTS})
    assert fits.status_code == 200


def test_get_without_parameters_describes_the_service(client: httpx.Client) -> None:
    response = client.get("/sparql")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    assert response.headers["vary"] == "Accept"
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = graph.value(predicate=rdflib.RDF.type, object=sd.Service)
    assert service is not None
    assert graph.value(service, sd.endpoint) == rdflib.URIRef(str(client.base_url) + "/sparql")
    assert set(graph.objects(service, sd.supportedLanguage)) == {sd.SPARQL11Query}
    names = {str(name) for name in graph.objects(None, sd.name)}
    assert names == {PLAN_GRAPH, REFERENCE_GRAPH}
    as_json_ld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert as_json_ld.headers["content-type"] == "application/ld+json"
    assert isinstance(json.loads(as_json_ld.text), list)
