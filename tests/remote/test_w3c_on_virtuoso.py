"""The W3C SPARQL 1.1 tests through ``policykg serve`` whose store is a Virtuoso server: the
score is the remote store's own and is reported, not held to a target; the run must reach
every test and the endpoint must stay up."""

from __future__ import annotations

import httpx
import pytest

from tests.remote.virtuoso_server import VirtuosoServer
from tests.serving.policykg_server import policykg_serve
from tests.sparql_w3c.manifests import read_suite
from tests.sparql_w3c.runner import Endpoint, report, run_suite, score

TOKEN = "w3c-conformance-token"


def test_w3c_score_on_virtuoso(virtuoso: VirtuosoServer, tmp_path_factory: pytest.TempPathFactory) -> None:
    suite = read_suite()
    folder = tmp_path_factory.mktemp("w3c-virtuoso")
    with policykg_serve(virtuoso.store_spec, folder / "serve.log", {"POLICYKG_UPDATE_TOKEN": TOKEN}) as server:
        endpoint = Endpoint(server.sparql_url, TOKEN)
        try:
            outcomes = run_suite(endpoint, suite)
        finally:
            endpoint.close()
        print("\n" + report(f"policykg serve over Virtuoso ({virtuoso.query_url})", outcomes))
        assert httpx.get(server.sparql_url, timeout=10).status_code == 200, server.log_text()
    table = score(outcomes)
    assert {name: run for name, (_, run) in table.items()} == {
        "protocol": 34,
        "json-res": 4,
        "csv-tsv-res": 6,
        "service-description": 3,
    }
    assert "Traceback" not in server.log_text()
