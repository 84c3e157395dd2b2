"""A remote SPARQL 1.1 server as the graph store (Virtuoso, Fuseki, GraphDB, Neptune, ...).

:class:`RemoteStore` is a :class:`graph.store.protocol.GraphStore`, as the embedded
:class:`graph.store.embedded.PolicyStore` is (neither inherits from the other), speaking the
SPARQL 1.1 Protocol: queries and updates are form-encoded POSTs (:mod:`graph.store.remote.http`),
results come back as the same Python values and pyoxigraph terms the embedded store gives
(:mod:`graph.store.remote.results`), and bindings travel as a VALUES block
(:mod:`graph.store.sparql.bindings`). Graph writes go in batches (:mod:`graph.store.remote.batches`).

Semantics kept from the embedded store, and what the server must provide:

- The default graph of a query is the union of the named graphs: Virtuoso, GraphDB and
  Neptune do this by default; Fuseki needs ``tdb2:unionDefaultGraph true``. The union is of
  every graph the server holds, so give PolicyKG a server (or database) of its own. Virtuoso's
  own system graphs (``VIRTUOSO_SYSTEM_GRAPHS``) stay visible to ``GRAPH ?g`` in queries, but
  are left out of :meth:`RemoteStore.graph_iris`, :meth:`RemoteStore.triple_count` and
  exports. (Virtuoso 7.2's ``input:*-graph-exclude`` pragmas were measured to give wrong
  counts, so they are not used.)
- :meth:`RemoteStore.replace_graph` writes the new content in batches of INSERT DATA into a
  fresh staging graph, then replaces the target with one ``MOVE``. If a batch fails the
  staging graph is dropped and the old graph is untouched. (Between the first batch and the
  MOVE, queries from other processes that read the whole default graph also see the staging
  triples; the API gates its own queries while it writes.)
- A result the server cut short (Virtuoso's ``ResultSetMaxRows``, signalled only by an
  ``X-SPARQL-MaxRows`` header) is an error for :meth:`select` and :meth:`query`, never a
  silent partial answer; exports page through graphs below that limit.
- LOAD and SERVICE are refused before anything is sent, as in the embedded store, and so are
  server extensions that reach beyond the dataset (:mod:`graph.store.remote.guard`).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, NoReturn, Self

from pyoxigraph import NamedNode, Quad, QueryBoolean, QuerySolutions, RdfFormat, Triple

from graph.store.errors import QueryError, StoreError
from graph.store.formats import rdf_format, serialize_rdf
from graph.store.protocol import QueryResult
from graph.store.remote.batches import batches, insert, statements
from graph.store.remote.endpoint import RemoteEndpoint
from graph.store.remote.guard import refuse_extensions
from graph.store.remote.http import RemoteTimeout, SparqlHttp
from graph.store.remote.results import SOLUTIONS_ACCEPT, TRIPLES_ACCEPT, solutions, triples
from graph.store.sparql.bindings import bind_values
from graph.store.sparql.guard import guard
from graph.store.terms import PythonValue, graph_node, solution_rows, to_python
from graph.store.update_dataset import DatasetConflict, UsingGraphs, rewrite_update

STAGING_PREFIX = "urn:policykg:staging:"
VIRTUOSO_SYSTEM_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
)
MAX_ROWS_HEADER = "X-SPARQL-MaxRows"
DEFAULT_TIMEOUT_S = 60.0
BATCH_TRIPLES = 1000
BATCH_BYTES = 256_000
PAGE_ROWS = 5000

__all__ = ["RemoteStore", "RemoteTimeout", "ServerCut"]


class ServerCut(StoreError):
    """The server returned fewer rows than the query has (its own row limit)."""

    def __init__(self, limit: int, where: str):
        super().__init__(
            f"{where} cut the result at {limit} rows (its own result limit, e.g. Virtuoso's "
            "ResultSetMaxRows): raise that limit or narrow the query with LIMIT"
        )
        self.limit = limit


class RemoteStore:
    """A PolicyKG dataset on a SPARQL 1.1 server. Open it with :func:`graph.store.location.open_store`."""

    def __init__(
        self,
        endpoint: RemoteEndpoint,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        batch_triples: int = BATCH_TRIPLES,
        batch_bytes: int = BATCH_BYTES,
        read_only: bool = False,
    ):
        self.endpoint = endpoint
        self.timeout_s = timeout_s
        self.batch_triples = batch_triples
        self.batch_bytes = batch_bytes
        self._http: SparqlHttp | None = SparqlHttp(endpoint, timeout_s)
        self._read_only = read_only
        self._virtuoso: bool | None = None
        self._updates = 0
        self._page_rows = PAGE_ROWS

    def check(self) -> None:
        """Ask the server a trivial query: fails early if it is unreachable or refuses us."""
        reply = self.http.query("ASK { }", SOLUTIONS_ACCEPT)
        self._virtuoso = "virtuoso" in reply.server.lower()

    # -------------------------------------------------------------- properties

    @property
    def location(self) -> Path | None:
        """None: the data has no directory here."""
        return None

    @property
    def is_memory(self) -> bool:
        return False

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def is_remote(self) -> bool:
        return True

    @property
    def generation(self) -> int | None:
        """None: the server is written by other clients too, so a local write counter would
        not tell whether it changed (read models cached over it expire by time instead)."""
        return None

    @property
    def updates_sent(self) -> int:
        """SPARQL updates sent by this object (each batch of a graph write is one)."""
        return self._updates

    @property
    def label(self) -> str:
        return self.endpoint.label

    @property
    def http(self) -> SparqlHttp:
        if self._http is None:
            raise StoreError("the store is closed")
        return self._http

    @property
    def oxigraph(self) -> NoReturn:
        """Refused: code that reaches for the embedded dataset gets a StoreError, not an AttributeError."""
        raise StoreError("a remote store has no embedded Oxigraph dataset")

    @property
    def is_virtuoso(self) -> bool:
        if self._virtuoso is None:
            self.check()
        return bool(self._virtuoso)

    # ------------------------------------------------------------------ graphs

    def graph_iris(self) -> list[str]:
        """The IRIs of the named graphs that hold triples, sorted (staging graphs left out)."""
        return sorted(self._graph_sizes())

    def graph_size(self, graph_iri: str) -> int:
        graph = graph_node(graph_iri)
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"]) if rows else 0  # type: ignore[arg-type]

    def triple_count(self) -> int:
        return sum(self._graph_sizes().values())

    def replace_graph(self, graph_iri: str, data: bytes | str, format: str | RdfFormat = "application/n-quads") -> int:
        """Replace the content of one named graph; return its new triple count.

        The data is parsed and checked first (as in the embedded store); then written in
        batches to a staging graph that one MOVE puts in place of the old graph. A failure
        before the MOVE leaves the old graph as it was. Blank nodes that link triples stay
        in one batch, so they remain one node. An empty payload removes the graph.
        """
        self._check_writable()
        graph = graph_node(graph_iri)
        written = statements(graph, data, rdf_format(format), graph_iri)
        if not written:
            self._update(f"DROP SILENT GRAPH {graph}")
            return 0
        staging = NamedNode(STAGING_PREFIX + uuid.uuid4().hex)
        try:
            for batch in batches(written, self.batch_triples, self.batch_bytes):
                self._update(insert(staging, batch))
            self._update(f"MOVE SILENT GRAPH {staging} TO GRAPH {graph}")
        except BaseException:
            with contextlib.suppress(StoreError):
                self._update(f"DROP SILENT GRAPH {staging}")
            raise
        return len(written)

    def load_new_graphs(self, data: bytes, graph_iris: list[str]) -> None:
        """Refused: the bulk loader writes the embedded store's files (an ingest into a server
        writes each graph with :meth:`replace_graph`)."""
        self._check_writable()
        raise StoreError("a remote store has no embedded Oxigraph dataset to bulk-load into")

    def remove_graph(self, graph_iri: str) -> bool:
        self._check_writable()
        graph = graph_node(graph_iri)
        existed = self.ask(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        self._update(f"DROP SILENT GRAPH {graph}")
        return existed

    # ----------------------------------------------------------------- queries

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

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        default_graph_uris: Iterable[str] | None = None,
        named_graph_uris: Iterable[str] | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """Run a query on the server; pyoxigraph results as from the embedded store.

        A result cut by the server's own row limit raises :class:`ServerCut`.
        """
        result, cut = self.fetch(
            sparql,
            bindings=bindings,
            default_graph_uris=default_graph_uris,
            named_graph_uris=named_graph_uris,
            base_iri=base_iri,
        )
        if cut is not None:
            raise ServerCut(cut, self.endpoint.label)
        return result

    def fetch(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        default_graph_uris: Iterable[str] | None = None,
        named_graph_uris: Iterable[str] | None = None,
        timeout_s: float | None = None,
        base_iri: str | None = None,
    ) -> tuple[QueryResult, int | None]:
        """Run a query; return the result and, if the server cut it short, its row limit.
        Relative IRIs resolve against ``base_iri`` (sent as a BASE opening the query)."""
        text = guard(sparql)
        refuse_extensions(sparql)
        if text.is_update or text.form is None:
            raise QueryError("this is not a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)")
        if bindings:
            sparql = bind_values(sparql, bindings)
        if base_iri is not None:
            sparql = f"BASE <{base_iri}>\n{sparql}"
        params = [("default-graph-uri", iri) for iri in default_graph_uris or ()]
        params += [("named-graph-uri", iri) for iri in named_graph_uris or ()]
        graph_form = text.form in ("CONSTRUCT", "DESCRIBE")
        accept = TRIPLES_ACCEPT if graph_form else SOLUTIONS_ACCEPT
        reply = self.http.query(sparql, accept, params, timeout_s)
        result: QueryResult
        if graph_form:
            result, rows = triples(reply.body, reply.content_type)
        else:
            result, rows = solutions(reply.body, text.form)
        limit = reply.headers.get(MAX_ROWS_HEADER)
        cut = int(limit) if limit and limit.strip().isdigit() and rows >= int(limit) else None
        return result, cut

    def update(self, sparql_update: str, *, base_iri: str | None = None, using: UsingGraphs | None = None) -> None:
        """Send a SPARQL 1.1 Update (LOAD and SERVICE are refused). Whether a request with
        several operations is one transaction is up to the server (Virtuoso: it is not).

        ``using`` becomes USING / USING NAMED clauses of the text; ``base_iri`` a BASE
        opening it (the server's own default graph is left to the server)."""
        self._check_writable()
        text = guard(sparql_update, update=True)
        refuse_extensions(sparql_update, update=True)
        if text.form is not None:
            raise QueryError(f"this is a SPARQL {text.form} query, not an update")
        try:
            sparql_update = rewrite_update(sparql_update, (), using, union=False)
        except DatasetConflict as error:
            raise QueryError(str(error)) from error
        if base_iri is not None:
            sparql_update = f"BASE <{base_iri}>\n{sparql_update}"
        self._update(sparql_update)

    # ------------------------------------------------------------------ export

    def dump(self, format: str | RdfFormat, graph_iri: str | None = None) -> bytes:
        """Serialise the dataset, or one named graph, like the embedded store does."""
        fmt = rdf_format(format)
        graphs = [graph_iri] if graph_iri is not None else self.graph_iris()
        if graph_iri is not None:
            graph_node(graph_iri)
        if fmt.supports_datasets:
            quads = [
                Quad(triple.subject, triple.predicate, triple.object, NamedNode(name))
                for name in graphs
                for triple in self._graph_triples(name)
            ]
            return serialize_rdf(quads, fmt)
        if graph_iri is not None:
            return serialize_rdf(self._graph_triples(graph_iri), fmt)
        union = {triple for name in graphs for triple in self._graph_triples(name)}
        return serialize_rdf(sorted(union, key=str), fmt)

    # -------------------------------------------------------------- lifecycle

    def size_on_disk(self) -> int:
        return 0

    def flush(self) -> None:
        """Nothing to flush: every update is sent when it is made."""

    def compact(self) -> None:
        """Nothing to do here: the server looks after its own files."""

    def close(self) -> None:
        """Forget the connection settings; idempotent (each request had its own connection)."""
        self._http = None

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
        mode = "read-only" if self._read_only else "read-write"
        state = "closed" if self._http is None else mode
        return f"RemoteStore({self.endpoint.query_url!r}, {state})"

    # ---------------------------------------------------------------- helpers

    def _check_writable(self) -> None:
        if self._read_only:
            raise StoreError("this store was opened read-only")

    def _update(self, update: str) -> None:
        self._updates += 1
        self.http.update(update)

    def _graph_sizes(self) -> dict[str, int]:
        """Triples per named graph, without the server's own graphs and staging graphs."""
        sizes: dict[str, int] = {}
        for row in self._pages("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"):
            name = str(row.get("g", ""))
            if name and not name.startswith(STAGING_PREFIX) and name not in VIRTUOSO_SYSTEM_GRAPHS:
                sizes[name] = int(row["n"])
        return sizes

    def _graph_triples(self, graph_iri: str) -> list[Triple]:
        graph = graph_node(graph_iri)
        rows = self._pages(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o", terms=True)
        return [Triple(row["s"], row["p"], row["o"]) for row in rows]

    def _pages(self, sparql: str, *, terms: bool = False) -> list[dict[str, Any]]:
        """All rows of an ordered SELECT, read with LIMIT / OFFSET below the server's row limit
        (learnt from the first page it cuts). ``terms``: pyoxigraph terms, not Python values."""
        rows: list[dict[str, Any]] = []
        while True:
            page_size = self._page_rows
            try:
                result = self.query(f"{sparql} LIMIT {page_size} OFFSET {len(rows)}")
            except ServerCut as cut:
                self._page_rows = max(1, min(page_size, cut.limit) - 1)
                continue
            assert isinstance(result, QuerySolutions)
            names = [variable.value for variable in result.variables]
            page = [
                {name: term if terms else to_python(term) for name in names if (term := solution[name]) is not None}
                for solution in result
            ]
            rows += page
            if len(page) < page_size:
                return rows
