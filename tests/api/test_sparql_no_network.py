"""No query or update text makes the server open a connection, however it is written.

A bare TCP listener on loopback counts every connection it accepts; a family of SERVICE,
LOAD and FROM forms (case, comments, codepoint escapes, ``<`` operators before strings,
nesting in OPTIONAL / UNION / subqueries / FILTER EXISTS, updates with and without the
token, GET and POST) is sent to real servers, and the count stays at zero. The workers that
run client text are also checked to have no network, with the engine's own HTTP client and
with the guard left out.
"""

from __future__ import annotations

import multiprocessing
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.processes import free_port
from graph.serve.workers import QueryWorkers

POLID = "https://w3id.org/policykg/id/"
PLAN_GRAPH = POLID + "graph-an-giang-kh-trien-khai-cd-17-2025"
TOKEN = "s3cret-update-token-for-tests"
LISTEN_S = 600.0
REPO_ROOT = Path(__file__).resolve().parents[2]


class Listener:
    """A loopback TCP listener that counts connections and stops by itself."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        deadline = time.monotonic() + LISTEN_S
        while not self._stop.is_set() and time.monotonic() < deadline:
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            connection.close()
        self.server.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    running = Listener()
    yield running
    running.close()


@pytest.fixture(scope="module")
def server(
    make_store: Callable[[Mapping[str, str]], Path],
    serve_app: Callable[[Mapping[str, str]], Any],
    sample_graphs: dict[str, str],
) -> Any:
    return serve_app({"POLICYKG_STORE": str(make_store(sample_graphs)), "POLICYKG_UPDATE_TOKEN": TOKEN})


def query_forms(remote: str) -> list[str]:
    """SERVICE written every way the grammar allows, and some ways a tokenizer misreads."""
    host_escaped = remote.replace("http://", "http\\u003A//")
    pattern = f"<{remote}/sparql> {{ ?s ?p ?o }}"
    return [
        f"SELECT * WHERE {{ SERVICE {pattern} }}",
        f"select * where {{ service silent {pattern} }}",
        f"SeLeCt * WhErE {{ sErViCe {pattern} }}",
        f"SELECT * WHERE {{ SERVICE # a comment }}\n {pattern} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE {pattern} }}",
        f"SELECT * WHERE {{ SERVIC\\u0045 {pattern} }}",
        f"SELECT * WHERE {{ \\U00000053\\U00000045RVICE {pattern} }}",
        f"SELECT * WHERE {{ SERVICE <{host_escaped}/escaped> {{ ?s ?p ?o }} }}",
        # a less-than operator before a string: a tokenizer reads <'> as an IRI and the rest
        # up to the next quote as a string, hiding the SERVICE between them
        f"SELECT * WHERE {{ BIND(1 AS ?x) FILTER(?x<'>' || true) SERVICE {pattern} FILTER('a'='a') }}",
        f"SELECT * WHERE {{ BIND(1 AS ?x) FILTER(?x<'>' || true) OPTIONAL {{ SERVICE {pattern} }} BIND('' AS ?y) }}",
        f"SELECT * WHERE {{ BIND(1 AS ?x) FILTER(?x<'>' || true) {{ SERVICE {pattern} }} UNION {{ BIND('' AS ?y) }} }}",
        f"SELECT * WHERE {{ BIND(1 AS ?x) FILTER(?x<'>' || true) SERVICE SILENT {pattern} BIND('' AS ?y) }}",
        f'SELECT * WHERE {{ BIND(2 AS ?x) FILTER(?x<"a") SERVICE {pattern} }}',
        f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE {pattern} }} }}",
        f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE SILENT {pattern} }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE {pattern} }} LIMIT 1 }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE {pattern} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE {pattern} }} }}",
        f"SELECT * WHERE {{ GRAPH ?g {{ SERVICE {pattern} }} }}",
        f"SELECT * WHERE {{ VALUES ?endpoint {{ <{remote}/var> }} SERVICE ?endpoint {{ ?s ?p ?o }} }}",
        f"PREFIX remote: <{remote}/> SELECT * WHERE {{ SERVICE remote:pname {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE {pattern} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE {pattern} }}",
        f"DESCRIBE ?s WHERE {{ SERVICE {pattern} }}",
        f"SELECT * WHERE {{ BIND(1 AS ?x) FILTER(?x<'>' || true) OPTIONAL {{ {{ SELECT * WHERE {{"
        f" \\u0073ervice {pattern} }} }} }} }}",
    ]


def update_forms(remote: str) -> list[str]:
    graph = f"<{PLAN_GRAPH}>"
    return [
        f"LOAD <{remote}/data.ttl>",
        f"load silent <{remote}/data.ttl> into graph {graph}",
        f"\\u004COAD <{remote}/escaped.ttl> INTO GRAPH {graph}",
        f"LOA\\u0044 <{remote}/escaped.ttl>",
        f"# first a comment\nLOAD # and another\n<{remote}/commented.ttl>",
        f"CLEAR SILENT GRAPH <urn:x-empty:g> ; LOAD <{remote}/second.ttl>",
        f"INSERT {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{remote}/sparql> {{ ?s ?p ?o }} }}",
        f"INSERT {{ GRAPH {graph} {{ <urn:x:s> <urn:x:p> ?x }} }} WHERE {{ BIND(1 AS ?x) FILTER(?x<'>' || true)"
        f" SERVICE SILENT <{remote}/sparql> {{ ?s ?p ?o }} FILTER('a'='a') }}",
        f"INSERT DATA {{ GRAPH {graph} {{ <urn:x:s> <urn:x:p> '>' }} }} ; CLEAR SILENT GRAPH <urn:x:{{'> ;"
        f" LOAD SILENT <{remote}/after-a-string.ttl> ; CLEAR SILENT GRAPH <urn:x:'}}>",
        f"DELETE {{ ?s ?p ?o }} WHERE {{ \\u0053ERVICE <{remote}/sparql> {{ ?s ?p ?o }} }}",
        f"INSERT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{remote}/sparql> {{ ?s ?p ?o }} }} }}",
    ]


def assert_refused(response: httpx.Response, *statuses: int) -> None:
    assert response.status_code in statuses, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["detail"]


def test_no_service_form_reaches_the_network(server: Any, listener: Listener) -> None:
    url = server.url("/sparql")
    forms = query_forms(listener.url)
    with httpx.Client(timeout=30) as client:
        for query in forms:
            for response in (
                client.get(url, params={"query": query}),
                client.post(url, data={"query": query}),
                client.post(url, content=query.encode(), headers={"Content-Type": "application/sparql-query"}),
            ):
                assert_refused(response, 400)
                assert "SERVICE is not allowed" in response.json()["detail"], (query, response.text)
        assert client.get(url, params={"query": "ASK { ?s ?p ?o }"}).json() == {"head": {}, "boolean": True}
    assert listener.connections == 0


def test_no_load_or_service_update_reaches_the_network(server: Any, listener: Listener) -> None:
    url = server.url("/sparql")
    before = httpx.get(url, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    with httpx.Client(timeout=30) as client:
        for update in update_forms(listener.url):
            with_token = {"Authorization": f"Bearer {TOKEN}"}
            assert_refused(client.post(url, data={"update": update}, headers=with_token), 400)
            assert_refused(
                client.post(
                    url,
                    content=update.encode(),
                    headers={**with_token, "Content-Type": "application/sparql-update"},
                ),
                400,
            )
            assert_refused(client.post(url, data={"update": update}), 403)
            assert_refused(client.get(url, params={"update": update}), 400)
    after = httpx.get(url, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    assert after == before
    assert listener.connections == 0


def test_from_clauses_name_local_graphs_and_open_nothing(server: Any, listener: Listener) -> None:
    url = server.url("/sparql")
    remote = listener.url
    queries = [
        f"SELECT * FROM <{remote}/data.ttl> WHERE {{ ?s ?p ?o }}",
        f"select * from named <{remote}/named.ttl> where {{ graph ?g {{ ?s ?p ?o }} }}",
        f"ASK FROM <{remote}/ask.ttl> {{ ?s ?p ?o }}",
        f"SELECT * FROM <{remote}/one.ttl> FROM NAMED <{remote}/two.ttl>"
        " WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
    ]
    for query in queries:
        response = httpx.get(url, params={"query": query})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body.get("boolean") is False or body["results"]["bindings"] == []
    # an escaped keyword outside strings and IRIs is no keyword for the engine: a syntax error
    escaped = httpx.get(url, params={"query": f"SELECT * \\u0046ROM <{remote}/escaped.ttl> WHERE {{ ?s ?p ?o }}"})
    assert_refused(escaped, 400)
    assert "syntax error" in escaped.json()["detail"]
    assert listener.connections == 0


def test_the_service_description_says_the_workers_have_no_network(server: Any) -> None:
    described = httpx.get(server.url("/sparql"))
    assert described.status_code == 200
    assert described.headers["x-policykg-network-isolated"] == "true"


def _engine_call(remote: str, isolated: bool, results: Any) -> None:
    """In a fresh process: set up as a worker does (or not), then let Oxigraph's own HTTP
    client try the listener, with no guard in the way."""
    from pyoxigraph import Store

    from graph.serve.worker import prepare

    state = prepare(None, None) if isolated else None
    try:
        list(Store().query(f"SELECT * WHERE {{ SERVICE <{remote}/sparql> {{ ?s ?p ?o }} }}"))  # type: ignore[arg-type]
        outcome = "answered"
    except Exception as error:  # the engine's error, whatever its type
        outcome = str(error)
    probe = socket.socket()
    try:
        probe.connect(("127.0.0.1", int(remote.rsplit(":", 1)[1])))
        connect = "connected"
    except OSError as error:
        connect = error.strerror or str(error)
    finally:
        probe.close()
    results.put((state.isolation if state else "not isolated", outcome, connect))


def _in_child(remote: str, isolated: bool) -> tuple[str | None, str, str]:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    child = context.Process(target=_engine_call, args=(remote, isolated, results))
    child.start()
    found = results.get(timeout=60)
    child.join(timeout=10)
    return found


def test_a_worker_cannot_connect_even_when_the_guard_is_bypassed(listener: Listener) -> None:
    before = listener.connections
    isolation, outcome, connect = _in_child(listener.url, isolated=True)
    assert isolation is None
    assert "unreachable" in outcome.lower() or "error" in outcome.lower(), outcome
    assert connect == "Network is unreachable"
    assert listener.connections == before
    # the same call from a process set up otherwise reaches the listener: the count can move
    _, _, control = _in_child(listener.url, isolated=False)
    assert control == "connected"
    assert listener.connections > before


def test_pool_workers_report_no_network(make_store: Callable[[Mapping[str, str]], Path], sample_graphs: Any) -> None:
    pool = QueryWorkers(make_store(sample_graphs), size=1, timeout_s=10, memory_mb=512)
    try:
        state = pool.state()
        assert state.isolation is None
        assert state.memory_mb == 512
    finally:
        pool.close()


def _start_without_sys_admin(store: Path, log: Path, env: Mapping[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    """The server as a process without CAP_SYS_ADMIN: its workers can still make a user
    namespace and a network namespace in it, its (multithreaded) update thread cannot."""
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith("POLICYKG_")}
    environment.update({"POLICYKG_STORE": str(store), "POLICYKG_UPDATE_TOKEN": TOKEN, "POLICYKG_WARM": "false"})
    environment.update(env)
    command = [
        "setpriv", "--bounding-set", "-sys_admin", sys.executable, "-m", "uvicorn", "api.app:app_factory",
        "--factory", "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=environment, stdout=sink, stderr=subprocess.STDOUT)
    return process, port


def test_a_server_that_cannot_isolate_its_updates_says_so_or_refuses_to_start(
    make_store: Callable[[Mapping[str, str]], Path], sample_graphs: Any, tmp_path: Path, listener: Listener
) -> None:
    store = make_store(sample_graphs)
    refusing, _ = _start_without_sys_admin(
        store, tmp_path / "refusing.log", {"POLICYKG_REQUIRE_NETWORK_ISOLATION": "1"}
    )
    assert refusing.wait(timeout=60) != 0
    said = (tmp_path / "refusing.log").read_text()
    assert "client SPARQL cannot be kept off the network (update thread: unshare(CLONE_NEWNET)" in said

    warning, port = _start_without_sys_admin(store, tmp_path / "warning.log", {})
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        deadline = time.monotonic() + 60
        while True:
            assert warning.poll() is None, (tmp_path / "warning.log").read_text()
            try:
                described = httpx.get(url, timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert described.headers["x-policykg-network-isolated"] == "false"
        log = (tmp_path / "warning.log").read_text()
        assert "SPARQL update thread run with the network reachable: unshare(CLONE_NEWNET)" in log
        assert "query workers" not in log  # they made a user namespace of their own
        before = listener.connections
        for query in query_forms(listener.url)[:12]:
            assert httpx.get(url, params={"query": query}).status_code == 400
        assert httpx.get(url, params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
        assert listener.connections == before
    finally:
        warning.terminate()
        warning.wait(timeout=10)
