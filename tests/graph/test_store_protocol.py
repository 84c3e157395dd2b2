"""Both stores speak the vocabulary of graph.store.protocol.GraphStore, and neither inherits
from the other."""

from __future__ import annotations

import inspect

import pytest

import graph.store.embedded as embedded
from graph.store.embedded import PolicyStore
from graph.store.errors import QueryError, StoreError, StoreLocked
from graph.store.protocol import GraphStore, Queryable
from graph.store.remote.endpoint import RemoteEndpoint
from graph.store.remote.store import RemoteStore

MEMBERS = sorted(
    name
    for protocol in (GraphStore, Queryable)
    for name in vars(protocol)
    if not name.startswith("_") or name in ("__enter__", "__exit__")
)


def _parameters(member: object) -> list[str]:
    if isinstance(member, property):
        return ["property"]
    return list(inspect.signature(member).parameters)  # type: ignore[arg-type]


def test_the_protocol_names_what_callers_use() -> None:
    for name in ("query", "select", "ask", "update", "replace_graph", "load_new_graphs", "remove_graph"):
        assert name in MEMBERS
    for name in ("graph_iris", "dump", "flush", "close", "generation", "is_remote", "read_only", "location"):
        assert name in MEMBERS


@pytest.mark.parametrize("store_class", [PolicyStore, RemoteStore])
@pytest.mark.parametrize("name", MEMBERS)
def test_each_store_has_each_member_with_the_same_parameters(store_class: type, name: str) -> None:
    assert _parameters(getattr(store_class, name)) == _parameters(getattr(GraphStore, name))


def test_neither_store_inherits_from_the_other() -> None:
    assert not issubclass(RemoteStore, PolicyStore)
    assert not issubclass(PolicyStore, RemoteStore)


def test_the_stores_tell_what_they_are() -> None:
    remote = RemoteStore(RemoteEndpoint("http://127.0.0.1:9/sparql", "http://127.0.0.1:9/sparql"))
    with PolicyStore.open(":memory:") as local, remote:
        assert (local.is_remote, remote.is_remote) == (False, True)
        assert (local.is_memory, remote.is_memory) == (True, False)
        assert local.location is None and remote.location is None
        assert isinstance(remote, RemoteStore) and not isinstance(remote, PolicyStore)
        assert local.generation == 0 and remote.generation is None
        with pytest.raises(StoreError, match="no embedded Oxigraph dataset"):
            remote.load_new_graphs(b"", [])


def test_the_errors_are_still_importable_from_the_embedded_module() -> None:
    assert (embedded.StoreError, embedded.QueryError, embedded.StoreLocked) == (StoreError, QueryError, StoreLocked)
    assert issubclass(QueryError, StoreError) and issubclass(StoreLocked, StoreError)
