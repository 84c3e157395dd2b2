"""The command line on a store that a running ``policykg serve`` holds: reading commands
answer as they do on the store alone, they see what the server has written, and ``ingest``
says what to do instead of failing obscurely."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import httpx

from tests.conftest import ingest_samples
from tests.serving.policykg_server import REPO_ROOT, policykg_command, policykg_serve

TOKEN = "cli-beside-server-token"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NEW_TASK = "https://w3id.org/policykg/id/task-added-through-the-server"


def policykg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*policykg_command(), *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)


def reading_commands(store: str) -> dict[str, str]:
    commands = {
        "query": ["query", COUNT, "--format", "json"],
        "mandates": ["mandates", "so cong thuong", "--format", "json"],
        "lineage": ["lineage", "889/QĐ-TTg", "--format", "json"],
        "export": ["export", "--format", "nt"],
    }
    outputs = {}
    for name, args in commands.items():
        done = policykg(*args, "--store", store)
        assert done.returncode == 0, (name, done.stderr)
        outputs[name] = done.stdout if name != "export" else "\n".join(sorted(done.stdout.splitlines()))
    return outputs


def test_reading_commands_answer_beside_a_running_server(tmp_path: Path) -> None:
    store = str(ingest_samples(tmp_path / "store", validate=False))
    alone = reading_commands(store)
    assert len(json.loads(alone["mandates"])) >= 20
    assert int(json.loads(alone["query"])["results"]["bindings"][0]["n"]["value"]) > 1000
    with policykg_serve(store, tmp_path / "serve.log", {"POLICYKG_UPDATE_TOKEN": TOKEN}) as server:
        beside = reading_commands(store)
        assert beside == alone

        # a write made through the server is seen by the next command
        triple = f'<{NEW_TASK}> <https://w3id.org/policykg/ontology#taskCode> "Z.9"'
        insert = f"INSERT DATA {{ GRAPH <{NEW_TASK}-graph> {{ {triple} }} }}"
        response = httpx.post(
            server.sparql_url,
            content=insert,
            headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
        )
        assert response.status_code == 204, response.text
        seen = policykg("query", f"SELECT ?code WHERE {{ <{NEW_TASK}> ?p ?code }}", "--format", "csv", "--store", store)
        assert seen.returncode == 0, seen.stderr
        assert seen.stdout.split() == ["code", "Z.9"]


def test_ingest_beside_a_running_server_says_what_to_do(tmp_path: Path) -> None:
    store = str(ingest_samples(tmp_path / "store", validate=False))
    with policykg_serve(store, tmp_path / "serve.log") as server:
        before = httpx.get(server.sparql_url, params={"query": COUNT}).json()
        done = policykg("ingest", str(REPO_ROOT / "data" / "samples"), "--store", store)
        assert done.returncode == 2, done.stdout + done.stderr
        assert "held by a running `policykg serve`" in done.stderr
        assert "stop the server, run this command, then start the server again" in done.stderr
        assert "Traceback" not in done.stderr
        assert httpx.get(server.sparql_url, params={"query": COUNT}).json() == before
