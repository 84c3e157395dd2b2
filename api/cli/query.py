"""``policykg query``: a SPARQL query on the store; ``policykg export``: the whole graph, or
one plan's graph, in an RDF format (or, through ``api.cli.analysis``, as GraphML or XLSX)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from api.cli import analysis
from api.cli.commands import CommandError, open_store, store_label
from api.cli.output import clip, table
from api.cli.registry import store_option

if TYPE_CHECKING:
    from pyoxigraph import QueryBoolean, QuerySolutions

    from api.cli.registry import SubParsers

RDF_FORMATS = {
    "ttl": "text/turtle",
    "trig": "application/trig",
    "nq": "application/n-quads",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}


def register(sub: SubParsers) -> None:
    query_parser = sub.add_parser("query", help="run a SPARQL query ('-' reads it from stdin)")
    query_parser.add_argument("sparql")
    store_option(query_parser)
    query_parser.add_argument("--format", choices=["json", "csv", "tsv", "table"], default="table")
    query_parser.set_defaults(handler=run_query)

    export_parser = sub.add_parser("export", help="write the whole graph, or one plan's graph")
    store_option(export_parser)
    export_parser.add_argument("--format", choices=[*RDF_FORMATS, *analysis.EXPORT_FORMATS], default="trig")
    export_parser.add_argument("--province", default=None, help="with --format xlsx: the province of the matrix")
    export_parser.add_argument("--plan", default=None, help="id of a plan (e.g. doc-144-kh-ubnd-2025-bac-ninh)")
    export_parser.add_argument("--output", "-o", default=None, help="file to write (default: stdout)")
    export_parser.set_defaults(handler=run_export)


def run_query(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.sparql == "-" else args.sparql
    sys.stdout.write(query(args.store, text, args.format))
    return 0


def run_export(args: argparse.Namespace) -> int:
    if args.format in analysis.EXPORT_FORMATS:
        data = analysis.export(args.store, args.format, args.province)
    else:
        data = export(args.store, args.format, args.plan)
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def query(location: str | None, sparql: str, fmt: str) -> str:
    """The answer to ``sparql`` as ``fmt``: solutions as a table or as SPARQL results in JSON,
    CSV or TSV; the triples of a CONSTRUCT or DESCRIBE as N-Triples."""
    from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions

    from graph.store.embedded import StoreError

    with open_store(location) as store:
        try:
            result = store.query(sparql)
        except StoreError as error:
            raise CommandError(str(error)) from error
        if isinstance(result, (QuerySolutions, QueryBoolean)):
            if fmt == "table":
                return _table(result)
            results_format = {
                "json": QueryResultsFormat.JSON,
                "csv": QueryResultsFormat.CSV,
                "tsv": QueryResultsFormat.TSV,
            }[fmt]
            data = result.serialize(format=results_format)
            return data.decode("utf-8") if data is not None else ""
        # CONSTRUCT / DESCRIBE: Turtle-like N-Triples
        return "".join(f"{triple} .\n" for triple in result)


def _table(result: QuerySolutions | QueryBoolean) -> str:
    from pyoxigraph import QueryBoolean

    if isinstance(result, QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    names = [v.value for v in result.variables]
    rows = [[cell(solution[name]) for name in names] for solution in result]
    return table(names, rows, fit=clip) + f"({len(rows)} rows)\n"


def cell(term: object) -> str:
    """A term as one line of a table cell: its value (an IRI without brackets), or nothing.

    >>> cell(None), cell("two\\nlines")
    ('', 'two lines')
    """
    if term is None:
        return ""
    value = getattr(term, "value", str(term))
    return str(value).replace("\n", " ")


def export(location: str | None, fmt: str, plan: str | None) -> bytes:
    """The store (or the graph of ``plan``) in an RDF format; a plan's graph, being one graph,
    is written as Turtle for ``trig`` and N-Triples for ``nq``."""
    from graph.build.ids import node
    from graph.queries.named import run_named

    with open_store(location) as store:
        graph_iri = None
        if plan is not None:
            rows = run_named(store, "plan_graph", plan=node(plan))
            if not rows:
                raise CommandError(f"no plan with id '{plan}' in {store_label(location)}")
            graph_iri = str(rows[0]["g"])
        media = RDF_FORMATS[fmt]
        if graph_iri is not None and fmt in {"trig", "nq"}:
            media = RDF_FORMATS["ttl"] if fmt == "trig" else RDF_FORMATS["nt"]
        return store.dump(media, graph_iri)
