"""The embedded graph store: an Oxigraph dataset, one named graph per ingested file.

Queries run inside Oxigraph as SPARQL strings; bound values join them as a ``VALUES`` block
(:mod:`graph.store.sparql.bindings`), never as rdflib prepared queries, which would silently
fall back to rdflib's own engine. By default the query's default graph is the union of all
named graphs.

The store never fetches anything from the network: text that uses ``SERVICE`` or ``LOAD``
is refused before it reaches Oxigraph, as is text nested too deeply for Oxigraph's parser
(see :mod:`graph.store.sparql.guard`). :class:`PolicyStore` is one of the two
implementations of :class:`graph.store.protocol.GraphStore`; what it asks of pyoxigraph
beyond single calls (opening a directory, dataset options, errors) is in
:mod:`graph.store.oxigraph`.

The errors, the formats and the store values used to live here; they are still importable
from this module, under the same names.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from pyoxigraph import DefaultGraph, NamedNode, QueryBoolean, QuerySolutions, QueryTriples, RdfFormat, Store, parse

from graph.store.bulk import bulk_load_graphs, recover_interrupted
from graph.store.errors import QueryError, StoreError, StoreLocked
from graph.store.formats import PREFIXES, prefixes_for, rdf_format, serialize_rdf
from graph.store.oxigraph import (
    classify_error,
    dataset_options,
    open_directory,
    open_directory_read_only,
)
from graph.store.protocol import GraphStore, QueryResult
from graph.store.sparql.bindings import bind_values
from graph.store.sparql.guard import guard, might_fetch
from graph.store.spec import DEFAULT_LOCATION, MEMORY, REMOTE_SCHEMES, STORE_ENV, resolve_location
from graph.store.terms import PythonValue, graph_node, iri, solution_rows
from graph.store.update_dataset import DatasetConflict, UsingGraphs, rewrite_update


class PolicyStore:
    """A PolicyKG dataset in Oxigraph, on disk or in memory (a :class:`GraphStore`).

    Open with :meth:`open` (read-write) or :meth:`open_read_only`; use as a context manager
    or call :meth:`close`, which releases the directory lock.
    """

    def __init__(self, store: Store, location: Path | None, *, read_only: bool = False):
        self._store: Store | None = store
        self._location = location
        self._read_only = read_only
        self._generation = 0
        # graphs of an interrupted bulk load, dropped when the store was opened
        self.recovered: list[str] = []

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(cls, location: str | os.PathLike[str] | None = None) -> PolicyStore:
        """Open (creating if missing) a store read-write.

        ``location``: a directory for an embedded on-disk store, ``":memory:"`` for an
        in-memory one, None for ``$POLICYKG_STORE`` else ``.policykg/store`` in the cwd.
        Only one process at a time can hold a directory read-write. The graphs an ingest
        derives are not repaired here (the store knows nothing of ingests): the openers of
        :mod:`graph.ingest.opening` do that.
        """
        path = resolve_location(location)
        if path is None:
            return cls(Store(), None)
        opened = cls(open_directory(path), path)
        opened.recovered = recover_interrupted(opened.oxigraph, path)
        return opened

    @classmethod
    def open_read_only(cls, location: str | os.PathLike[str] | None = None) -> PolicyStore:
        """Open an existing on-disk store read-only.

        The instance sees the store as it was when opened (later writes by the read-write
        owner need a fresh open); it takes no lock, so it can sit beside the writer (opening
        is retried while the writer compacts: :func:`graph.store.oxigraph.open_directory_read_only`).
        """
        path = resolve_location(location)
        if path is None:
            raise StoreError("an in-memory store cannot be opened read-only from elsewhere")
        return cls(open_directory_read_only(path), path, read_only=True)

    # -------------------------------------------------------------- properties

    @property
    def location(self) -> Path | None:
        """The store directory, None for an in-memory store."""
        return self._location

    @property
    def is_memory(self) -> bool:
        return self._location is None

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def is_remote(self) -> bool:
        """Whether the data lives on a SPARQL server (graph.store.remote.store) rather than here."""
        return False

    @property
    def generation(self) -> int:
        """A counter increased by every write made through this object."""
        return self._generation

    @property
    def oxigraph(self) -> Store:
        """The underlying pyoxigraph store."""
        if self._store is None:
            raise StoreError("the store is closed")
        return self._store

    # ------------------------------------------------------------------ graphs

    def graph_iris(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(graph.value for graph in self.oxigraph.named_graphs() if isinstance(graph, NamedNode))

    def graph_size(self, graph_iri: str) -> int:
        """The number of triples in one named graph (0 if it does not exist)."""
        rows = self.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            g=graph_node(graph_iri),
        )
        return int(rows[0]["n"]) if rows else 0  # type: ignore[arg-type]

    def triple_count(self) -> int:
        """The number of triples in the whole dataset, all graphs together."""
        return len(self.oxigraph)

    def replace_graph(self, graph_iri: str, data: bytes | str, format: str | RdfFormat = "application/n-quads") -> int:
        """Replace the content of one named graph, atomically; return its new triple count.

        ``data`` is N-Quads, N-Triples or Turtle (any format pyoxigraph parses); triples and
        default-graph quads go into ``graph_iri``; a quad naming another graph is an error.
        The old content is dropped and the new one inserted in one transaction: if parsing
        or writing fails the store is left exactly as it was. An empty payload removes the
        graph. Blank nodes get fresh labels (as in any SPARQL INSERT DATA).
        """
        self._check_writable()
        graph = graph_node(graph_iri)
        fmt = rdf_format(format)
        try:
            quads = list(parse(data, format=fmt))
        except SyntaxError as error:
            raise StoreError(f"cannot parse the data for {graph_iri}: {error}") from error
        statements = []
        for quad in quads:
            if not isinstance(quad.graph_name, DefaultGraph) and quad.graph_name != graph:
                raise StoreError(f"the data for {graph_iri} has a quad in another graph: {quad.graph_name}")
            statements.append(f"{quad.subject} {quad.predicate} {quad.object} .")
        update = f"DROP SILENT GRAPH {graph} ;\n"
        if statements:
            body = "\n".join(statements)
            update += f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}"
        self._run_update(update)
        return len(set(statements))

    def load_new_graphs(self, data: bytes, graph_iris: list[str]) -> None:
        """Add named graphs that are not in the store yet, from N-Quads whose quads all lie in
        ``graph_iris``, with the bulk loader (see :mod:`graph.store.bulk` for how an
        interrupted load is undone). Parse errors leave the store as it was."""
        self._check_writable()
        try:
            bulk_load_graphs(self.oxigraph, self._location, data, graph_iris)
        except SyntaxError as error:
            raise StoreError(f"cannot parse the data for {', '.join(graph_iris)}: {error}") from error
        except OSError as error:
            raise StoreError(f"the store could not write: {error}") from error
        finally:
            self._generation += 1

    def remove_graph(self, graph_iri: str) -> bool:
        """Remove one named graph and its triples; return whether it existed."""
        self._check_writable()
        graph = graph_node(graph_iri)
        existed = self.oxigraph.contains_named_graph(graph)
        self._run_update(f"DROP SILENT GRAPH {graph}")
        return existed

    # ----------------------------------------------------------------- queries

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        default_graph_uris: Iterable[str] | None = None,
        named_graph_uris: Iterable[str] | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """Run a SPARQL query in Oxigraph and return pyoxigraph's result.

        ``bindings`` maps variable names to terms or Python values (see
        :func:`graph.store.terms.to_term`); they join the query as a ``VALUES`` block opening
        its WHERE group (:mod:`graph.store.sparql.bindings`). The default graph is the
        union of all named graphs unless ``default_graph_uris`` is given or the query has a
        FROM clause; ``named_graph_uris`` restricts what ``GRAPH`` sees. Relative IRIs
        resolve against ``base_iri`` (the SPARQL endpoint passes its own URL); without one
        they are a syntax error.
        """
        text = guard(sparql)
        options = dataset_options(text, default_graph_uris, named_graph_uris)
        if bindings:
            sparql = bind_values(sparql, bindings)
        try:
            return self.oxigraph.query(sparql, base_iri=base_iri, **options)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from error
        except (RuntimeError, ValueError) as error:
            raise classify_error(error) from error

    def select(self, sparql: str, **bindings: Any) -> list[dict[str, PythonValue]]:
        """Run a SELECT query; rows as dicts of Python values (unbound variables are absent)."""
        result = self.query(sparql, bindings=bindings)
        if not isinstance(result, QuerySolutions):
            raise QueryError("select() needs a SELECT query")
        return solution_rows(result)

    def ask(self, sparql: str, **bindings: Any) -> bool:
        """Run an ASK query."""
        result = self.query(sparql, bindings=bindings)
        if not isinstance(result, QueryBoolean):
            raise QueryError("ask() needs an ASK query")
        return bool(result)

    def update(self, sparql_update: str, *, base_iri: str | None = None, using: UsingGraphs | None = None) -> None:
        """Run a SPARQL 1.1 Update in one transaction (LOAD and SERVICE are refused).

        Its default graph is the union of the named graphs, as for queries, and ``using``
        (the Protocol's ``using-graph-uri`` / ``using-named-graph-uri``) replaces it by the
        graphs named: see :mod:`graph.store.update_dataset` for how. Relative IRIs resolve
        against ``base_iri``.
        """
        self._check_writable()
        guard(sparql_update, update=True)
        try:
            rewritten = rewrite_update(sparql_update, self.graph_iris(), using)
        except DatasetConflict as error:
            raise QueryError(str(error)) from error
        if rewritten != sparql_update and might_fetch(sparql_update):
            # The rewrite copies spans of the text and adds USING clauses and GRAPH blocks of
            # this store's IRIs; only a text that names SERVICE or LOAD somewhere (in a string,
            # say) could come out holding one, so only then is the result checked again.
            guard(rewritten, update=True)
        self._run_update(rewritten, base_iri=base_iri)

    # ------------------------------------------------------------------ export

    def dump(self, format: str | RdfFormat, graph_iri: str | None = None) -> bytes:
        """Serialise the dataset, or one named graph, in an RDF format.

        Dataset formats (TriG, N-Quads, JSON-LD) keep graph names; triple formats (Turtle,
        N-Triples, RDF/XML) of the whole dataset hold the union of all graphs.
        """
        fmt = rdf_format(format)
        store = self.oxigraph
        if graph_iri is not None:
            graph = graph_node(graph_iri)
            if fmt.supports_datasets:
                quads = store.quads_for_pattern(None, None, None, graph)
                return serialize_rdf(quads, fmt)
            return store.dump(format=fmt, from_graph=graph, prefixes=prefixes_for(fmt)) or b""
        if fmt.supports_datasets:
            return store.dump(format=fmt, prefixes=prefixes_for(fmt)) or b""
        union = store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
            use_default_graph_as_union=True,
        )
        assert isinstance(union, QueryTriples)
        return serialize_rdf(union, fmt)

    # -------------------------------------------------------------- lifecycle

    def size_on_disk(self) -> int:
        """Bytes used by the store directory (0 in memory)."""
        if self._location is None:
            return 0
        total = 0
        for root, _dirs, files in os.walk(self._location):
            for name in files:
                try:
                    total += (Path(root) / name).stat().st_size
                except OSError:
                    continue
        return total

    def flush(self) -> None:
        """Make sure every write is on disk."""
        if self._store is not None and not self._read_only and self._location is not None:
            self._store.flush()

    def compact(self) -> None:
        """Merge the store's files into fewer sorted ones, as after a large ingest.

        Each bulk load adds files that every lookup has to consult; once merged, the
        use-case queries run a quarter to a third faster (`python -m bench.ingest.compaction`). A
        no-op in memory and read-only.
        """
        if self._store is not None and not self._read_only and self._location is not None:
            self._store.optimize()

    def close(self) -> None:
        """Flush and release the store (and its directory lock). Idempotent."""
        if self._store is None:
            return
        try:
            self.flush()
        finally:
            self._store = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        where = MEMORY if self._location is None else str(self._location)
        mode = "read-only" if self._read_only else "read-write"
        state = "closed" if self._store is None else mode
        return f"PolicyStore({where!r}, {state})"

    # ---------------------------------------------------------------- helpers

    def _check_writable(self) -> None:
        if self._read_only:
            raise StoreError("this store was opened read-only")

    def _run_update(self, update: str, *, base_iri: str | None = None) -> None:
        try:
            self.oxigraph.update(update, base_iri=base_iri)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from error
        except (RuntimeError, ValueError) as error:
            raise classify_error(error) from error
        except OSError as error:
            raise StoreError(f"the store could not write: {error}") from error
        finally:
            self._generation += 1


__all__ = [
    "DEFAULT_LOCATION",
    "MEMORY",
    "PREFIXES",
    "REMOTE_SCHEMES",
    "STORE_ENV",
    "GraphStore",
    "PolicyStore",
    "QueryError",
    "QueryResult",
    "StoreError",
    "StoreLocked",
    "classify_error",
    "dataset_options",
    "guard",
    "iri",
    "rdf_format",
    "resolve_location",
]
