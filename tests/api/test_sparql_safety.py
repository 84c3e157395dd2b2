"""The endpoint is read-only unless a token is configured, and never fetches remote data."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.store.embedded import PolicyStore

POL = "https://w3id.org/policykg/ontology#"
POLID = "https://w3id.org/policykg/id/"
PLAN_GRAPH = POLID + "graph-an-giang-kh-trien-khai-cd-17-2025"
TOKEN = "s3cret-update-token-for-tests"
NEW_TRIPLE = f'<{POLID}task-an-giang-cd-17-2025-v-1-1> <{POL}timeframe> "Năm 2025"'
INSERT = f"INSERT DATA {{ GRAPH <{PLAN_GRAPH}> {{ {NEW_TRIPLE} }} }}"
HAS_NEW_TRIPLE = f"ASK {{ {NEW_TRIPLE} }}"


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        body = b"<http://e/a> <http://e/b> <http://e/c> ."
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server recording every request: nothing should ever reach it."""
    hits: list[str] = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("Recorder", (_Recorder,), {"hits": hits}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def stores(make_store: Callable[[Mapping[str, str]], Path], sample_graphs: dict[str, str]) -> dict[str, Path]:
    return {"read_only": make_store(sample_graphs), "token": make_store(sample_graphs)}


@pytest.fixture(scope="module")
def read_only_server(serve_app: Callable[[Mapping[str, str]], Any], stores: dict[str, Path]) -> Any:
    return serve_app({"POLICYKG_STORE": str(stores["read_only"])})


@pytest.fixture(scope="module")
def token_server(serve_app: Callable[[Mapping[str, str]], Any], stores: dict[str, Path]) -> Any:
    return serve_app({"POLICYKG_STORE": str(stores["token"]), "POLICYKG_UPDATE_TOKEN": TOKEN})


def dump(path: Path) -> bytes:
    """The whole store as N-Quads, read beside the running server."""
    return PolicyStore.open_read_only(path).dump("application/n-quads")


def ask(server: Any, query: str) -> bool:
    response = httpx.get(server.url("/sparql"), params={"query": query})
    assert response.status_code == 200, response.text
    return bool(response.json()["boolean"])


def test_updates_are_refused_when_no_token_is_configured(read_only_server: Any, stores: dict[str, Path]) -> None:
    url = read_only_server.url("/sparql")
    before = dump(stores["read_only"])
    attempts = [
        httpx.post(url, data={"update": INSERT}),
        httpx.post(url, content=INSERT, headers={"Content-Type": "application/sparql-update"}),
        httpx.post(
            url,
            data={"update": f"DROP GRAPH <{PLAN_GRAPH}>"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        ),
    ]
    for response in attempts:
        assert response.status_code == 403
        assert response.json() == {"detail": "SPARQL Update is disabled on this server"}
    assert dump(stores["read_only"]) == before
    assert not ask(read_only_server, HAS_NEW_TRIPLE)


def test_updates_need_the_configured_bearer_token(token_server: Any, stores: dict[str, Path]) -> None:
    url = token_server.url("/sparql")
    before = dump(stores["token"])
    for headers in (
        {},
        {"Authorization": "Bearer wrong-token-of-enough-length"},
        {"Authorization": TOKEN},
        {"Authorization": f"Basic {TOKEN}"},
    ):
        refused = httpx.post(url, data={"update": INSERT}, headers=headers)
        assert refused.status_code == 403
        assert "Authorization: Bearer" in refused.json()["detail"]
    assert dump(stores["token"]) == before

    applied = httpx.post(
        url,
        content=INSERT.encode(),
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert applied.status_code == 204
    after = dump(stores["token"])
    added = set(after.splitlines()) - set(before.splitlines())
    assert added == {f"{NEW_TRIPLE} <{PLAN_GRAPH}> .".encode()}
    assert set(before.splitlines()) <= set(after.splitlines())
    # The query workers see the write at once.
    assert ask(token_server, HAS_NEW_TRIPLE)

    removed = httpx.post(
        url,
        data={"update": f"DELETE DATA {{ GRAPH <{PLAN_GRAPH}> {{ {NEW_TRIPLE} }} }}"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert removed.status_code == 204
    assert dump(stores["token"]) == before
    assert not ask(token_server, HAS_NEW_TRIPLE)

    description = httpx.get(url).text
    assert "SPARQL11Update" in description


def test_a_bad_update_is_400_and_changes_nothing(token_server: Any, stores: dict[str, Path]) -> None:
    url = token_server.url("/sparql")
    before = dump(stores["token"])
    auth = {"Authorization": f"Bearer {TOKEN}"}
    broken = httpx.post(url, data={"update": "INSERT DATA { <a> "}, headers=auth)
    assert broken.status_code == 400
    assert "syntax error" in broken.json()["detail"]
    half = httpx.post(url, data={"update": f"{INSERT} ; CREATE GRAPH <{PLAN_GRAPH}>"}, headers=auth)
    assert half.status_code == 400
    assert "already exists" in half.json()["detail"]
    query_as_update = httpx.post(url, data={"update": "SELECT * WHERE { ?s ?p ?o }"}, headers=auth)
    assert query_as_update.status_code == 400
    assert dump(stores["token"]) == before


def test_service_is_refused_without_any_request_going_out(
    read_only_server: Any, listener: tuple[str, list[str]]
) -> None:
    remote, hits = listener
    url = read_only_server.url("/sparql")
    queries = [
        f"SELECT * WHERE {{ SERVICE <{remote}/sparql> {{ ?s ?p ?o }} }}",
        f"select * where {{ optional {{ service silent <{remote}/silent> {{ ?s ?p ?o }} }} }}",
    ]
    for query in queries:
        for response in (
            httpx.get(url, params={"query": query}),
            httpx.post(url, content=query, headers={"Content-Type": "application/sparql-query"}),
        ):
            assert response.status_code == 400
            assert response.json()["detail"].startswith("SERVICE is not allowed")
    assert hits == []


def test_from_names_local_graphs_and_fetches_nothing(read_only_server: Any, listener: tuple[str, list[str]]) -> None:
    remote, hits = listener
    url = read_only_server.url("/sparql")
    from_remote = httpx.get(url, params={"query": f"SELECT * FROM <{remote}/data.ttl> WHERE {{ ?s ?p ?o }}"})
    assert from_remote.status_code == 200
    assert from_remote.json()["results"]["bindings"] == []
    named_remote = httpx.get(
        url,
        params={"query": f"SELECT * FROM NAMED <{remote}/named.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
    )
    assert named_remote.status_code == 200
    assert named_remote.json()["results"]["bindings"] == []
    by_parameter = httpx.get(url, params={"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": remote + "/p"})
    assert by_parameter.json()["results"]["bindings"] == []
    assert hits == []


def test_load_is_refused_even_with_the_token(
    token_server: Any, listener: tuple[str, list[str]], stores: dict[str, Path]
) -> None:
    remote, hits = listener
    before = dump(stores["token"])
    response = httpx.post(
        token_server.url("/sparql"),
        data={"update": f"LOAD <{remote}/data.ttl> INTO GRAPH <{PLAN_GRAPH}>"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("LOAD is not allowed")
    assert hits == []
    assert dump(stores["token"]) == before
