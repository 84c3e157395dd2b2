"""The three sample plans ingested once into a store that the analysis tests read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store.embedded import PolicyStore
from tests.conftest import ingest_samples


@pytest.fixture(scope="session")
def samples_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed on-disk store holding the sample plans (open it yourself, or serve it)."""
    return ingest_samples(tmp_path_factory.mktemp("analysis-samples") / "store")


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PolicyStore]:
    """An open store holding the sample plans, for the tests of one module."""
    path = ingest_samples(tmp_path_factory.mktemp("analysis-module") / "store")
    with PolicyStore.open(path) as store:
        yield store
