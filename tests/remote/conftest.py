"""Fixtures for the remote store: a Virtuoso server on loopback for the tests of this folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.remote.virtuoso_server import VirtuosoServer, running_virtuoso


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A fresh Virtuoso (Debian ``virtuoso-opensource-7-bin``) for the session, then stopped."""
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
