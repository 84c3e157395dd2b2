"""Limits of the endpoint: hard query timeout, row cap, CORS, with real servers."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
import rdflib
from SPARQLWrapper import JSON, SPARQLWrapper

POL = "https://w3id.org/policykg/ontology#"
POLID = "https://w3id.org/policykg/id/"
SPANS = 3000
SLOW = f"""
SELECT (COUNT(*) AS ?pairs) WHERE {{
  ?a <{POL}quote> ?x . ?b <{POL}quote> ?y .
  FILTER(CONTAINS(CONCAT(UCASE(?x), LCASE(?y)), "không có"))
}}"""


def point_lookup(n: int) -> str:
    return f"SELECT ?quote WHERE {{ <{POLID}span-g{n}> <{POL}quote> ?quote }}"


@pytest.fixture(scope="module")
def slow_server(
    make_store: Callable[[Mapping[str, str]], Path],
    serve_app: Callable[[Mapping[str, str]], Any],
    sample_graphs: dict[str, str],
) -> Any:
    spans = "\n".join(
        f'<{POLID}span-g{n}> <{POL}quote> "Sở Công Thương chủ trì, phối hợp nhiệm vụ {n}" .' for n in range(SPANS)
    )
    graphs = {**sample_graphs, POLID + "graph-generated-spans": spans}
    return serve_app({"POLICYKG_STORE": str(make_store(graphs)), "POLICYKG_QUERY_TIMEOUT_S": "2"})


@pytest.fixture(scope="module")
def configured_server(
    make_store: Callable[[Mapping[str, str]], Path],
    serve_app: Callable[[Mapping[str, str]], Any],
    sample_graphs: dict[str, str],
) -> Any:
    return serve_app(
        {
            "POLICYKG_STORE": str(make_store(sample_graphs)),
            "POLICYKG_MAX_ROWS": "3",
            "POLICYKG_CORS_ORIGINS": "https://policy.example.org, http://localhost:5173",
        }
    )


def test_a_slow_query_is_stopped_while_point_lookups_still_answer_fast(slow_server: Any) -> None:
    url = slow_server.url("/sparql")
    with httpx.Client(timeout=30) as warm:
        for n in range(4):  # both workers have opened the store
            assert warm.get(url, params={"query": point_lookup(n)}).status_code == 200

    slow_result: dict[str, Any] = {}

    def run_slow() -> None:
        started = time.perf_counter()
        with httpx.Client(timeout=30) as client:
            slow_result["response"] = client.get(url, params={"query": SLOW})
        slow_result["seconds"] = time.perf_counter() - started

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.5)
    lookup_times = []
    with httpx.Client(timeout=30) as client:
        for n in range(5):
            started = time.perf_counter()
            response = client.get(url, params={"query": point_lookup(n)})
            lookup_times.append(time.perf_counter() - started)
            assert response.status_code == 200
            quote = response.json()["results"]["bindings"][0]["quote"]["value"]
            assert quote == f"Sở Công Thương chủ trì, phối hợp nhiệm vụ {n}"
            time.sleep(0.1)
        assert thread.is_alive(), "the slow query finished early: it does not prove anything"
    thread.join(timeout=30)

    assert max(lookup_times) < 0.1, lookup_times
    response = slow_result["response"]
    assert response.status_code == 422
    assert response.json() == {"detail": "query exceeded the 2 s timeout"}
    assert response.headers["vary"] == "Accept"
    assert 2 <= slow_result["seconds"] < 4

    with httpx.Client(timeout=30) as client:
        # The killed worker was replaced: the endpoint still answers, and times out again.
        after = client.get(url, params={"query": point_lookup(7)})
        assert after.status_code == 200
        again = client.post(url, data={"query": SLOW})
        assert again.status_code == 422


def test_a_cut_result_is_flagged_in_headers_and_json(configured_server: Any) -> None:
    url = configured_server.url("/sparql")
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    response = httpx.get(url, params={"query": everything})
    assert response.status_code == 200
    assert response.headers["x-policykg-truncated"] == "true"
    assert response.headers["x-policykg-row-limit"] == "3"
    document = response.json()
    assert document["truncated"] is True
    assert len(document["results"]["bindings"]) == 3

    client = SPARQLWrapper(url)
    client.setQuery(everything)
    client.setReturnFormat(JSON)
    converted = client.query().convert()
    assert isinstance(converted, dict)
    assert len(converted["results"]["bindings"]) == 3
    parsed = rdflib.query.Result.parse(io.BytesIO(response.content), format="json")
    assert len(list(parsed)) == 3

    as_csv = httpx.get(url, params={"query": everything}, headers={"Accept": "text/csv"})
    assert as_csv.headers["x-policykg-truncated"] == "true"
    assert len(as_csv.text.strip().splitlines()) == 4

    graph = httpx.get(url, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert graph.headers["x-policykg-truncated"] == "true"
    assert len(rdflib.Graph().parse(data=graph.text, format="turtle")) == 3

    small = httpx.get(url, params={"query": "SELECT ?g WHERE { GRAPH ?g {} }"})
    assert small.headers["x-policykg-truncated"] == "false"
    assert "truncated" not in small.json()


def test_cors_is_closed_by_default(slow_server: Any) -> None:
    url = slow_server.url("/sparql")
    response = httpx.get(url, params={"query": point_lookup(1)}, headers={"Origin": "https://policy.example.org"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    preflight = httpx.options(
        url,
        headers={
            "Origin": "https://policy.example.org",
            "Access-Control-Request-Method": "POST",
        },
    )
    assert preflight.status_code == 405
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_opens_for_configured_origins_only(configured_server: Any) -> None:
    url = configured_server.url("/sparql")
    query = {"query": "ASK { ?s ?p ?o }"}
    allowed = httpx.get(url, params=query, headers={"Origin": "https://policy.example.org"})
    assert allowed.headers["access-control-allow-origin"] == "https://policy.example.org"
    exposed = allowed.headers["access-control-expose-headers"].lower()
    assert "x-policykg-truncated" in exposed
    assert "access-control-allow-credentials" not in allowed.headers
    assert set(allowed.headers["vary"].replace(" ", "").split(",")) == {"Accept", "Origin"}

    other = httpx.get(url, params=query, headers={"Origin": "https://evil.example.com"})
    assert other.status_code == 200
    assert "access-control-allow-origin" not in other.headers

    preflight = httpx.options(
        url,
        headers={
            "Origin": "http://localhost:5173",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "http://localhost:5173"
    assert "POST" in preflight.headers["access-control-allow-methods"]
