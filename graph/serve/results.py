"""Running one SPARQL query and serialising its result, with a row cap.

Shared by the query worker processes and the in-process runner, so that what a client gets
does not depend on where the query ran. Serialisation is done by pyoxigraph.

Row cap: SELECT results are written by pyoxigraph as TSV into a buffer that stops the
serialiser once one row more than the cap has arrived; the first ``max_rows`` rows are then
parsed back and written in the requested format (TSV terms are N-Triples terms, so the round
trip is lossless). CONSTRUCT / DESCRIBE results keep their first ``max_rows`` triples.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import IO, Literal, cast

from pyoxigraph import (
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    parse_query_results,
    serialize,
)

from graph.store.errors import QueryError
from graph.store.formats import PREFIXES
from graph.store.oxigraph import classify_error
from graph.store.protocol import Queryable

ResultKind = Literal["solutions", "boolean", "graph"]

SOLUTIONS_FORMATS: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/n-quads": RdfFormat.N_QUADS,
    "application/trig": RdfFormat.TRIG,
}

_JSON_RESULTS_KEY = b',"results":'
_JSON_TRUNCATED_KEY = b',"truncated":true,"results":'


@dataclass(frozen=True)
class QueryJob:
    """One query to run: its text, dataset, the formats the client accepts, the row cap."""

    sparql: str
    solutions_format: str | None
    """Media type (a key of SOLUTIONS_FORMATS) for SELECT / ASK results, None if none fits."""
    graph_format: str | None
    """Media type (a key of GRAPH_FORMATS) for CONSTRUCT / DESCRIBE results."""
    max_rows: int
    default_graph_uris: tuple[str, ...] | None = None
    named_graph_uris: tuple[str, ...] | None = None
    base_iri: str | None = None
    """What relative IRIs in the query resolve against (the endpoint's URL)."""


@dataclass(frozen=True)
class QueryOutcome:
    """A serialised result."""

    body: bytes
    media_type: str
    kind: ResultKind
    truncated: bool
    rows: int
    """Rows (SELECT), triples (CONSTRUCT / DESCRIBE) or 1 (ASK) in the body."""


class NotAcceptable(QueryError):
    """The result is of a kind for which the client accepts no format."""

    def __init__(self, kind: ResultKind):
        super().__init__(f"no acceptable format for a {kind} result")
        self.kind = kind


class _Enough(Exception):
    """Stops pyoxigraph's serialiser once the row cap is exceeded."""


class _CappedTsv:
    """A binary sink that keeps a TSV header and up to ``max_rows + 1`` rows."""

    def __init__(self, max_rows: int):
        self.buffer = bytearray()
        self.lines = 0
        self.max_lines = max_rows + 2  # header, max_rows rows, one more

    def write(self, data: bytes) -> int:
        self.buffer += data
        self.lines += data.count(b"\n")
        if self.lines >= self.max_lines:
            raise _Enough
        return len(data)

    def flush(self) -> None:
        return None


def execute(store: Queryable, job: QueryJob) -> QueryOutcome:
    """Run ``job`` on ``store`` (either store, or a result already fetched); raise QueryError
    for a bad query, NotAcceptable if the client accepts no format for the kind of result the
    query gives."""
    result = store.query(
        job.sparql,
        default_graph_uris=job.default_graph_uris,
        named_graph_uris=job.named_graph_uris,
        base_iri=job.base_iri,
    )
    try:
        if isinstance(result, QueryBoolean):
            media_type = _require(job.solutions_format, "boolean")
            body = result.serialize(format=SOLUTIONS_FORMATS[media_type]) or b""
            return QueryOutcome(body, media_type, "boolean", truncated=False, rows=1)
        if isinstance(result, QuerySolutions):
            media_type = _require(job.solutions_format, "solutions")
            return _solutions(result, media_type, job.max_rows)
        media_type = _require(job.graph_format, "graph")
        triples = list(islice(result, job.max_rows + 1))
        truncated = len(triples) > job.max_rows
        triples = triples[: job.max_rows]
        rdf_format = GRAPH_FORMATS[media_type]
        prefixes = PREFIXES if rdf_format in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
        body = serialize(triples, format=rdf_format, prefixes=prefixes) or b""
        return QueryOutcome(body, media_type, "graph", truncated, rows=len(triples))
    except (RuntimeError, ValueError) as error:
        raise classify_error(error) from error


def _require(media_type: str | None, kind: ResultKind) -> str:
    if media_type is None:
        raise NotAcceptable(kind)
    return media_type


def _solutions(result: QuerySolutions, media_type: str, max_rows: int) -> QueryOutcome:
    sink = _CappedTsv(max_rows)
    truncated = False
    try:
        result.serialize(cast(IO[bytes], sink), QueryResultsFormat.TSV)
    except _Enough:
        truncated = True
    lines = bytes(sink.buffer).split(b"\n")
    header, rows = lines[0], lines[1:]
    if rows and rows[-1] == b"" and not truncated:
        rows.pop()  # the final newline
    rows = rows[:max_rows]
    tsv = b"\n".join([header, *rows]) + b"\n"
    target = SOLUTIONS_FORMATS[media_type]
    if target is QueryResultsFormat.TSV:
        body = tsv
    else:
        parsed = parse_query_results(tsv, QueryResultsFormat.TSV)
        body = parsed.serialize(format=target) or b""
        if truncated and target is QueryResultsFormat.JSON:
            body = body.replace(_JSON_RESULTS_KEY, _JSON_TRUNCATED_KEY, 1)
    return QueryOutcome(body, media_type, "solutions", truncated, rows=len(rows))
