"""SPARQL updates over the Protocol: the body's character encoding, the update dataset
parameters and the base IRI, against a running server."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

TOKEN = "update-protocol-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PLAN_GRAPH = "https://w3id.org/policykg/id/graph-an-giang-kh-trien-khai-cd-17-2025"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture()
def client(
    make_store: Callable[[Mapping[str, str]], Path],
    serve_app: Callable[[Mapping[str, str]], Any],
    sample_graphs: dict[str, str],
) -> Iterator[httpx.Client]:
    server = serve_app({"POLICYKG_STORE": str(make_store(sample_graphs)), "POLICYKG_UPDATE_TOKEN": TOKEN})
    with httpx.Client(base_url=server.base_url, timeout=30) as http:
        yield http


def triples(client: httpx.Client) -> int:
    response = client.get("/sparql", params={"query": COUNT})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("kind", ["update", "query"])
def test_a_utf16_body_is_refused_and_nothing_is_applied(client: httpx.Client, kind: str) -> None:
    before = triples(client)
    assert before > 20
    text = "CLEAR NAMED" if kind == "update" else "ASK {}"
    response = client.post(
        "/sparql",
        content=text.encode("utf-16"),
        headers={**AUTH, "Content-Type": f"application/sparql-{kind}; charset=UTF-16"},
    )
    assert response.status_code == 415, response.text
    assert "UTF-8" in response.json()["detail"]
    assert triples(client) == before


def test_a_body_that_is_not_utf8_without_a_charset_is_400(client: httpx.Client) -> None:
    before = triples(client)
    response = client.post(
        "/sparql", content="CLEAR NAMED".encode("utf-16"), headers={**AUTH, "Content-Type": "application/sparql-update"}
    )
    assert response.status_code == 400, response.text
    assert triples(client) == before


def test_using_graph_uri_is_the_update_dataset_and_conflicts_with_with(client: httpx.Client) -> None:
    copy = "INSERT { GRAPH <http://example.org/copy> { ?s ?p ?o } } WHERE { ?s ?p ?o }"
    headers = {**AUTH, "Content-Type": "application/sparql-update"}
    response = client.post("/sparql", params={"using-graph-uri": PLAN_GRAPH}, content=copy, headers=headers)
    assert response.status_code == 204, response.text
    copied = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/copy> { ?s ?p ?o } }"
    plan = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{PLAN_GRAPH}> {{ ?s ?p ?o }} }}"
    counts = [
        client.get("/sparql", params={"query": q}).json()["results"]["bindings"][0]["n"]["value"]
        for q in (copied, plan)
    ]
    assert counts[0] == counts[1] and int(counts[0]) > 10
    conflict = f"WITH <{PLAN_GRAPH}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}"
    before = triples(client)
    response = client.post("/sparql", params={"using-graph-uri": PLAN_GRAPH}, content=conflict, headers=headers)
    assert response.status_code == 400 and "USING or WITH" in response.json()["detail"]
    assert triples(client) == before


def test_relative_iris_resolve_against_the_endpoint(client: httpx.Client) -> None:
    headers = {"Content-Type": "application/sparql-query", "Accept": "application/n-triples"}
    response = client.post("/sparql", content="CONSTRUCT { <s> <p> 1 } WHERE {}", headers=headers)
    assert response.status_code == 200, response.text
    assert response.text.startswith(f"<{client.base_url}/s> <{client.base_url}/p> ")
