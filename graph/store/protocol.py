"""What a graph store is, for the code that takes one: the vocabulary both stores share.

Two classes implement it, without inheriting from each other: the embedded Oxigraph dataset
(:class:`graph.store.embedded.PolicyStore`) and a remote SPARQL 1.1 server
(:class:`graph.store.remote.store.RemoteStore`). A function that works on either takes a
:class:`GraphStore`; one that needs the embedded dataset itself (its Oxigraph handle, the
bulk loader's files) takes a ``PolicyStore``, and code that must tell them apart asks
:attr:`GraphStore.is_remote` or ``isinstance``.

Both give the same Python values and pyoxigraph results for the same query, refuse the same
texts (SERVICE, LOAD, nesting too deep) and raise the errors of :mod:`graph.store.errors`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self, TypeAlias

from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples, RdfFormat

from graph.store.terms import PythonValue
from graph.store.update_dataset import UsingGraphs

QueryResult: TypeAlias = QuerySolutions | QueryTriples | QueryBoolean


class Queryable(Protocol):
    """Anything that answers a SPARQL query as pyoxigraph does (the serialiser of
    :mod:`graph.serve.results` needs only this)."""

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        default_graph_uris: Iterable[str] | None = None,
        named_graph_uris: Iterable[str] | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """Run a query. ``bindings`` join it as a VALUES block; the default graph is the
        union of the named graphs unless ``default_graph_uris`` or a FROM clause say otherwise."""
        ...


class GraphStore(Queryable, Protocol):
    """A PolicyKG dataset: named graphs, one per ingested file, queried with SPARQL."""

    # ------------------------------------------------------------- what it is

    @property
    def location(self) -> Path | None:
        """The store directory; None in memory and on a server."""
        ...

    @property
    def is_memory(self) -> bool:
        """Whether the data lives in this process only."""
        ...

    @property
    def is_remote(self) -> bool:
        """Whether the data lives on a SPARQL server."""
        ...

    @property
    def read_only(self) -> bool:
        """Whether writes are refused (with a StoreError)."""
        ...

    @property
    def generation(self) -> int | None:
        """A counter increased by every write through this object; None where other clients
        write too (a server), so that a cache cannot trust it."""
        ...

    # ---------------------------------------------------------------- reading

    def select(self, sparql: str, **bindings: Any) -> list[dict[str, PythonValue]]:
        """Rows of a SELECT as dicts of Python values (unbound variables are absent)."""
        ...

    def ask(self, sparql: str, **bindings: Any) -> bool:
        """The answer of an ASK query."""
        ...

    def graph_iris(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        ...

    def graph_size(self, graph_iri: str) -> int:
        """Triples in one named graph (0 if it does not exist)."""
        ...

    def triple_count(self) -> int:
        """Triples in the whole dataset."""
        ...

    def dump(self, format: str | RdfFormat, graph_iri: str | None = None) -> bytes:
        """The dataset, or one named graph, serialised in an RDF format."""
        ...

    # ---------------------------------------------------------------- writing

    def update(self, sparql_update: str, *, base_iri: str | None = None, using: UsingGraphs | None = None) -> None:
        """Run a SPARQL 1.1 Update (LOAD and SERVICE are refused)."""
        ...

    def replace_graph(self, graph_iri: str, data: bytes | str, format: str | RdfFormat = "application/n-quads") -> int:
        """Replace one named graph's content; its new triple count (an empty payload removes it)."""
        ...

    def load_new_graphs(self, data: bytes, graph_iris: list[str]) -> None:
        """Add named graphs not in the store yet from N-Quads (the bulk path of an ingest)."""
        ...

    def remove_graph(self, graph_iri: str) -> bool:
        """Remove one named graph; whether it existed."""
        ...

    # -------------------------------------------------------------- lifecycle

    def size_on_disk(self) -> int:
        """Bytes of the store's files (0 when it has none here)."""
        ...

    def flush(self) -> None:
        """Make sure every write is kept."""
        ...

    def compact(self) -> None:
        """Merge the store's files after a large ingest, where it has files to merge."""
        ...

    def close(self) -> None:
        """Release the store; idempotent."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...


__all__ = ["GraphStore", "QueryResult", "Queryable"]
