"""Results from a remote server as the pyoxigraph values the embedded store returns.

SELECT / ASK results are asked for as SPARQL JSON and parsed by pyoxigraph, after two
normalisations: blank node labels are made valid Turtle labels (Virtuoso sends
``nodeID://b10001``), and an ASK answered as a one-column SELECT (Virtuoso's
``__ASK_RETVAL``, 1 or no row) becomes a boolean. CONSTRUCT / DESCRIBE results are asked for
as N-Triples and handed back as pyoxigraph ``QueryTriples``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pyoxigraph import (
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    parse_query_results,
)

from graph.store.errors import QueryError, StoreError

SOLUTIONS_ACCEPT = "application/sparql-results+json"
TRIPLES_ACCEPT = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"
ASK_COLUMN = "__ASK_RETVAL"
_TRIPLE_FORMATS = {
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/plain": RdfFormat.N_TRIPLES,
    "text/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
}
_BLANK_LABEL = re.compile(r"[^A-Za-z0-9]")


def solutions(body: bytes, form: str | None) -> tuple[QuerySolutions | QueryBoolean, int]:
    """Parse a SPARQL JSON result; also return its number of rows (1 for a boolean)."""
    try:
        document: dict[str, Any] = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise StoreError(f"the SPARQL server sent a result that is not SPARQL JSON: {error}") from error
    if "boolean" in document:
        return _parse({"head": {}, "boolean": bool(document["boolean"])}), 1
    head = document.get("head") or {}
    bindings = (document.get("results") or {}).get("bindings") or []
    if form == "ASK" and head.get("vars") == [ASK_COLUMN]:
        answer = any(_truthy(row.get(ASK_COLUMN)) for row in bindings)
        return _parse({"head": {}, "boolean": answer}), 1
    for row in bindings:
        for value in row.values():
            if isinstance(value, dict) and value.get("type") == "bnode":
                value["value"] = _blank_label(str(value.get("value", "")))
    parsed = _parse({"head": {"vars": head.get("vars") or []}, "results": {"bindings": bindings}})
    if form == "ASK" and isinstance(parsed, QuerySolutions):
        raise QueryError("the SPARQL server answered an ASK query with solutions")
    return parsed, len(bindings)


def triples(body: bytes, content_type: str) -> tuple[QueryTriples, int]:
    """Parse a CONSTRUCT / DESCRIBE result into pyoxigraph triples; also return their number."""
    fmt = _TRIPLE_FORMATS.get(content_type.lower())
    if fmt is None:
        raise StoreError(f"the SPARQL server sent a graph result as {content_type!r}, not N-Triples or Turtle")
    scratch = Store()
    try:
        scratch.load(body, format=fmt)
    except SyntaxError as error:
        raise StoreError(f"the SPARQL server sent a graph result that does not parse: {error}") from error
    result = scratch.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(result, QueryTriples)
    return result, len(scratch)


def _parse(document: dict[str, Any]) -> QuerySolutions | QueryBoolean:
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    try:
        parsed = parse_query_results(data, QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as error:
        raise StoreError(f"the SPARQL server sent a result pyoxigraph cannot read: {error}") from error
    assert isinstance(parsed, QuerySolutions | QueryBoolean)
    return parsed


def _truthy(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    return str(value.get("value", "")).strip().lower() in ("1", "true")


def _blank_label(label: str) -> str:
    """A valid label, one per server label (other characters are written as ``_<hex>_``)."""
    return "b" + _BLANK_LABEL.sub(lambda match: f"_{ord(match.group()):x}_", label)
