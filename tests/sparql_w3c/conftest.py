"""Servers for the W3C tests: ``policykg serve`` on an empty embedded store, and on a Virtuoso."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.store.embedded import PolicyStore
from tests.serving.policykg_server import PolicykgServer, policykg_serve

TOKEN = "w3c-conformance-token"


@pytest.fixture(scope="module")
def oxigraph_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PolicykgServer]:
    folder = tmp_path_factory.mktemp("w3c-oxigraph")
    PolicyStore.open(folder / "store").close()
    with policykg_serve(str(folder / "store"), folder / "serve.log", {"POLICYKG_UPDATE_TOKEN": TOKEN}) as server:
        yield server
