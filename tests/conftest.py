"""Shared fixtures: a small policy dataset, on-disk stores filled with it, a real HTTP server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bench.processes import free_port
from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = REPO_ROOT / "data" / "samples"


def ingest_samples(path: Path, *, validate: bool = True) -> Path:
    """The three sample plans ingested into a new store at ``path`` (closed again)."""
    with PolicyStore.open(path) as store:
        reports = ingest(store, [SAMPLES], validate=validate)
    assert [r.ok for r in reports] == [True, True, True], [r.error for r in reports]
    return path


POL = "https://w3id.org/policykg/ontology#"
POLID = "https://w3id.org/policykg/id/"

_PREFIXES = """\
@prefix pol: <https://w3id.org/policykg/ontology#> .
@prefix polid: <https://w3id.org/policykg/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# The An Giang plan implementing Công điện 17/CĐ-TTg (data/samples), as graph.build.plan does
# shapes it: one graph for the ingested file, one for curated reference data.
SAMPLE_GRAPHS: dict[str, str] = {
    POLID + "graph-reference-agencies": _PREFIXES
    + """
polid:type-so-cong-thuong a pol:AgencyType, skos:Concept ;
    skos:prefLabel "Sở Công Thương"@vi .
polid:agency-so-cong-thuong-an-giang-pre2025 a pol:Agency, org:Organization ;
    rdfs:label "Sở Công Thương tỉnh An Giang"@vi ;
    pol:agencyType polid:type-so-cong-thuong ;
    pol:province polid:province-an-giang-pre2025 .
polid:doc-17-cd-ttg-2025 a pol:LegalDocument ;
    pol:documentNumber "17/CĐ-TTg" ;
    pol:documentType polid:doctype-cd ;
    dcterms:issued "2025-02-20"^^xsd:date ;
    dcterms:source "Công điện số 17/CĐ-TTg ngày 20 tháng 02 năm 2025 của Thủ tướng Chính phủ" .
""",
    POLID + "graph-an-giang-kh-trien-khai-cd-17-2025": _PREFIXES
    + """
polid:doc-kh-trien-khai-cd-17-2025-an-giang-pre2025 a pol:Plan ;
    pol:documentType polid:doctype-kh ;
    dcterms:title "Kế hoạch triển khai thực hiện Công điện số 17/CĐ-TTg"@vi ;
    pol:province polid:province-an-giang-pre2025 ;
    pol:implements polid:doc-17-cd-ttg-2025 ;
    pol:hasTask polid:task-an-giang-cd-17-2025-v-1-1 ;
    pol:isDraft false ;
    pol:signer "Lê Văn Phước" ;
    pol:signingCapacity "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" ;
    prov:wasDerivedFrom polid:span-an-giang-cd-17-2025-l1-6 .
polid:task-an-giang-cd-17-2025-v-1-1 a pol:Task ;
    pol:taskCode "V.1" ;
    dcterms:description '''Chủ trì, phối hợp các Sở, ban, ngành, Ủy ban nhân dân các huyện,
thị xã, thành phố và các đơn vị, tổ chức liên quan tiếp tục triển khai thực hiện Chương
trình hành động quốc gia về sản xuất và tiêu dùng bền vững giai đoạn 2021-2030 trên địa
bàn tỉnh An Giang'''@vi ;
    pol:leadAgency polid:agency-so-cong-thuong-an-giang-pre2025 ;
    pol:cites polid:doc-135-2024-nd-cp ;
    prov:wasDerivedFrom polid:span-an-giang-cd-17-2025-l75-86 .
polid:doc-135-2024-nd-cp a pol:LegalDocument ;
    pol:documentNumber "135/2024/NĐ-CP" ;
    pol:documentType polid:doctype-nd ;
    dcterms:issued "2024-10-22"^^xsd:date ;
    prov:wasDerivedFrom polid:span-an-giang-cd-17-2025-l75-86 .
polid:span-an-giang-cd-17-2025-l1-6 a pol:SourceSpan, prov:Entity ;
    pol:sourceFile "an-giang_kh-trien-khai-cd-17-2025.txt" ;
    pol:startLine 1 ;
    pol:endLine 6 ;
    pol:quote "KẾ HOẠCH Triển khai thực hiện “Công điện số 17/CĐ-TTg ngày 20 tháng 02 năm 2025" .
polid:span-an-giang-cd-17-2025-l75-86 a pol:SourceSpan, prov:Entity ;
    pol:sourceFile "an-giang_kh-trien-khai-cd-17-2025.txt" ;
    pol:startLine 75 ;
    pol:endLine 86 ;
    pol:quote "1. Sở Công Thương - Chủ trì, phối hợp các Sở, ban, ngành" .
""",
}


@pytest.fixture(scope="session")
def sample_graphs() -> dict[str, str]:
    """Named graph IRI → Turtle: a plan, its task, the lead agency, the cited documents."""
    return dict(SAMPLE_GRAPHS)


@pytest.fixture(scope="module")
def make_store(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[Mapping[str, str | bytes]], Path]:
    """Make an on-disk store holding some graphs (IRI → Turtle), closed, and return its path."""

    def make(graphs: Mapping[str, str | bytes]) -> Path:
        path = tmp_path_factory.mktemp("store") / "store"
        with PolicyStore.open(path) as store:
            for iri, turtle in graphs.items():
                store.replace_graph(iri, turtle, "text/turtle")
        return path

    return make


@dataclass
class RunningServer:
    base_url: str
    process: subprocess.Popen[bytes]
    log: Path

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture(scope="module")
def serve_app(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[Mapping[str, str]], RunningServer]]:
    """Start ``uvicorn api.app:app_factory`` on a free loopback port with some environment
    (e.g. ``{"POLICYKG_STORE": ...}``); servers stop when the module's tests are done."""
    servers: list[RunningServer] = []

    def serve(env: Mapping[str, str]) -> RunningServer:
        port = free_port()
        log = tmp_path_factory.mktemp("server") / "uvicorn.log"
        environment = {key: value for key, value in os.environ.items() if not key.startswith("POLICYKG_")}
        environment.update(env)
        command = [
            sys.executable, "-m", "uvicorn", "api.app:app_factory", "--factory",
            "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
        ]  # fmt: skip
        with log.open("wb") as sink:
            process = subprocess.Popen(command, cwd=REPO_ROOT, env=environment, stdout=sink, stderr=subprocess.STDOUT)
        server = RunningServer(f"http://127.0.0.1:{port}", process, log)
        servers.append(server)
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"the server exited: {log.read_text(errors='replace')}")
            try:
                if httpx.get(server.url("/openapi.json"), timeout=1).status_code == 200:
                    return server
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the server did not start: {log.read_text(errors='replace')}")
            time.sleep(0.1)

    yield serve
    for server in servers:
        server.process.terminate()
    for server in servers:
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
