"""Bounded work on /sparql, with real servers: nesting, memory, the queue, request size and
charset. None of them may crash a worker unannounced, the server, or answer 500."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from bench.processes import free_port

POL = "https://w3id.org/policykg/ontology#"
POLID = "https://w3id.org/policykg/id/"
PLAN_GRAPH = POLID + "graph-an-giang-kh-trien-khai-cd-17-2025"
TOKEN = "s3cret-update-token-for-tests"
REPO_ROOT = Path(__file__).resolve().parents[2]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
DEPTH = 5000
# a less-than operator before a string: a tokenizer reads <'> as an IRI and then a string up
# to the next quote, so the braces between are invisible to it; the engine nests them all
HIDDEN = "BIND(1 AS ?x) FILTER(?x<'>') "
HIDDEN_END = " FILTER('a'='a') "
# 10^6 rows of 100 characters to sort: about 400 bytes of query text
TEN = " ".join(str(n) for n in range(10))
SORTED_CROSS_PRODUCT = (
    "SELECT ?v WHERE { "
    + " ".join(f"VALUES ?{name} {{ {TEN} }}" for name in "abcdef")
    + " BIND(CONCAT(STR(?a), STR(?b), STR(?c), STR(?d), STR(?e), STR(?f), '"
    + "x" * 64
    + "') AS ?v) } ORDER BY DESC(?v) LIMIT 1"
)


def nested_groups(depth: int, hidden: bool = False) -> str:
    prefix, inner = (HIDDEN, HIDDEN_END) if hidden else ("", "")
    return "SELECT * WHERE { " + prefix + "{" * depth + inner + " ?s ?p ?o " + "}" * depth + " }"


def nested_parentheses(depth: int) -> str:
    return "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * depth + "true" + ")" * depth + ") }"


def count(server: Any) -> int:
    response = httpx.get(server.url("/sparql"), params={"query": COUNT}, timeout=30)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def store(make_store: Callable[[Mapping[str, str]], Path], sample_graphs: dict[str, str]) -> Path:
    return make_store(sample_graphs)


@pytest.fixture(scope="module")
def server(serve_app: Callable[[Mapping[str, str]], Any], store: Path) -> Any:
    return serve_app({"POLICYKG_STORE": str(store), "POLICYKG_UPDATE_TOKEN": TOKEN, "POLICYKG_WORKER_MEMORY_MB": "200"})


def test_deep_nesting_is_400_and_every_worker_survives(server: Any) -> None:
    url = server.url("/sparql")
    triples = count(server)
    with httpx.Client(timeout=60) as client:
        for query in (nested_groups(DEPTH), nested_parentheses(DEPTH)):
            for response in (
                client.get(url, params={"query": query}),
                client.post(url, content=query, headers={"Content-Type": "application/sparql-query"}),
            ):
                assert response.status_code == 400, response.text
                assert "levels deep; at most 256 levels of { }, ( ) and [ ] are allowed" in response.json()["detail"]
        # nesting a tokenizer cannot see reaches the engine, which overflows its stack in a
        # worker: the answer says so and the worker is replaced
        hidden = client.get(url, params={"query": nested_groups(DEPTH, hidden=True)})
        assert hidden.status_code == 400, hidden.text
        assert "ended the worker running it" in hidden.json()["detail"]
        assert client.get(url, params={"query": nested_groups(200)}).status_code == 200
    assert count(server) == triples
    assert server.process.poll() is None


def test_a_deeply_nested_update_with_the_token_leaves_the_server_running(server: Any) -> None:
    url = server.url("/sparql")
    triples = count(server)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    graph = f"<{PLAN_GRAPH}>"
    deep = f"INSERT {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ {'{' * DEPTH} ?s ?p ?o {'}' * DEPTH} }}"
    hidden_groups = "{" * DEPTH + HIDDEN_END + "}" * DEPTH
    hidden = f"INSERT {{ GRAPH {graph} {{ <urn:x:s> <urn:x:p> ?x }} }} WHERE {{ {HIDDEN}{hidden_groups} }}"
    with httpx.Client(timeout=60) as client:
        plain = client.post(url, data={"update": deep}, headers=auth)
        assert plain.status_code == 400, plain.text
        assert plain.json()["detail"].startswith(f"the update is nested {DEPTH + 1} levels deep; at most 256")
        obfuscated = client.post(url, data={"update": hidden}, headers=auth)
        assert obfuscated.status_code == 400, obfuscated.text
        assert "ended the worker running it" in obfuscated.json()["detail"]
    assert server.process.poll() is None
    assert count(server) == triples
    # updates still apply
    triple = f"<{POLID}task-an-giang-cd-17-2025-v-1-1> <{POL}timeframe> 'Năm 2025'"
    applied = httpx.post(url, data={"update": f"INSERT DATA {{ GRAPH {graph} {{ {triple} }} }}"}, headers=auth)
    assert applied.status_code == 204, applied.text
    assert count(server) == triples + 1
    removed = httpx.post(url, data={"update": f"DELETE DATA {{ GRAPH {graph} {{ {triple} }} }}"}, headers=auth)
    assert removed.status_code == 204
    assert count(server) == triples


def test_a_query_over_the_worker_memory_limit_is_422_and_its_worker_replaced(server: Any) -> None:
    assert len(SORTED_CROSS_PRODUCT.encode()) < 1024
    url = server.url("/sparql")
    started = time.perf_counter()
    response = httpx.get(url, params={"query": SORTED_CROSS_PRODUCT}, timeout=60)
    assert response.status_code == 422, response.text
    assert response.json()["detail"] == "query exceeded the 200 MB memory limit of a query worker and was stopped"
    assert time.perf_counter() - started < 8
    for _ in range(3):  # both workers answer again
        assert count(server) > 0


def test_an_unknown_charset_is_415_and_an_undecodable_body_400(server: Any) -> None:
    url = server.url("/sparql")
    query = b"ASK { ?s ?p ?o }"
    for charset in ("x-bogus", "rot13"):
        for media_type, body in (
            ("application/sparql-query", query),
            ("application/x-www-form-urlencoded", b"query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"),
        ):
            response = httpx.post(url, content=body, headers={"Content-Type": f"{media_type}; charset={charset}"})
            assert response.status_code == 415, response.text
            assert response.json()["detail"] == f"unknown charset {charset!r}"
    # a known charset other than UTF-8: the sparql-query and sparql-update media types are UTF-8 only
    for charset, body in (("punycode", query), ("utf-16", "ASK { ?s ?p 'Năm' }".encode("utf-16"))):
        other = httpx.post(url, content=body, headers={"Content-Type": f"application/sparql-query; charset={charset}"})
        assert other.status_code == 415, other.text
        assert "must be UTF-8" in other.json()["detail"]
    undecodable = httpx.post(url, content=b"ASK { ?s ?p '\xff' }", headers={"Content-Type": "application/sparql-query"})
    assert undecodable.status_code == 400, undecodable.text
    assert undecodable.json()["detail"].startswith("the body is not valid UTF-8")


def test_policykg_serve_answers_long_get_queries_up_to_the_limit(
    make_store: Callable[[Mapping[str, str]], Path], sample_graphs: dict[str, str], tmp_path: Path
) -> None:
    store = make_store(sample_graphs)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "api.cli.main", "serve", "--store", str(store), "--port", str(port)],
            cwd=REPO_ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={"PATH": "/usr/bin:/bin", "POLICYKG_WARM": "false"},
        )
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        padding = "# " + "x" * 200 + "\n"
        long_query = padding * 500 + "ASK { ?s ?p ?o }"  # about 100 KB
        status, answered = long_get(port, long_query)
        assert status == 200, answered
        assert answered["boolean"] is True
        status, too_long = long_get(port, "#" + "x" * 1_100_000 + "\nASK {}")
        assert status == 413, too_long
        assert "longer than 1048576 bytes" in too_long["detail"]
    finally:
        process.terminate()
        process.wait(timeout=10)


def long_get(port: int, query: str) -> tuple[int, Any]:
    """GET /sparql?query=... with a URL longer than httpx sends."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", "/sparql?" + urlencode({"query": query}))
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def one_worker_server(
    make_store: Callable[[Mapping[str, str]], Path],
    serve_app: Callable[[Mapping[str, str]], Any],
    sample_graphs: dict[str, str],
) -> Any:
    spans = "\n".join(f'<{POLID}span-q{n}> <{POL}quote> "nhiệm vụ {n}" .' for n in range(3000))
    graphs = {**sample_graphs, POLID + "graph-generated-spans": spans}
    return serve_app(
        {
            "POLICYKG_STORE": str(make_store(graphs)),
            "POLICYKG_WORKERS": "1",
            "POLICYKG_MAX_QUEUED": "1",
            "POLICYKG_QUERY_TIMEOUT_S": "2",
        }
    )


SLOW = f"""SELECT (COUNT(*) AS ?pairs) WHERE {{
  ?a <{POL}quote> ?x . ?b <{POL}quote> ?y .
  FILTER(CONTAINS(CONCAT(UCASE(?x), LCASE(?y)), "không có"))
}}"""


def test_queries_beyond_the_queue_are_429_at_once(one_worker_server: Any) -> None:
    url = one_worker_server.url("/sparql")
    answers: list[tuple[int, float, str | None]] = []
    lock = threading.Lock()

    def send(delay: float) -> None:
        time.sleep(delay)
        started = time.perf_counter()
        with httpx.Client(timeout=60) as client:
            response = client.get(url, params={"query": SLOW})
        with lock:
            answers.append((response.status_code, time.perf_counter() - started, response.headers.get("retry-after")))

    # one runs, one waits, the other four find the queue full
    threads = [threading.Thread(target=send, args=(0.0 if n == 0 else 0.3,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    busy = [answer for answer in answers if answer[0] == 429]
    assert len(busy) >= 4, answers
    assert all(seconds < 1.0 and retry == "1" for _, seconds, retry in busy), answers
    assert {status for status, _, _ in answers} <= {422, 429}, answers
    assert max(seconds for _, seconds, _ in answers) < 8, answers
