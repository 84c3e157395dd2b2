"""Comparing SPARQL result documents as the result-format specifications define them.

- SPARQL JSON, XML and TSV results are read into RDF terms (pyoxigraph's result parsers, which
  keep lexical forms as written) and compared term by term, RDF 1.1 term equality: same
  lexical form, datatype and language tag. A literal without datatype is an ``xsd:string``.
- CSV results carry no types (SPARQL 1.1 CSV: IRIs, lexical forms and ``_:`` labels), so
  they are compared as the text of their cells, after RFC 4180 unquoting.
- Blank nodes are compared by isomorphism: labels differ freely, but one label on one side
  must always stand for the same label on the other (a bijection over the whole result).
- Rows are compared in order when the query orders them (ORDER BY), as a multiset otherwise.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Hashable, Sequence

from pyoxigraph import BlankNode, QueryBoolean, QueryResultsFormat, QuerySolutions, parse_query_results

Row = tuple[Hashable | None, ...]

RESULT_MEDIA_TYPES = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/tab-separated-values": QueryResultsFormat.TSV,
    "text/csv": QueryResultsFormat.CSV,
}
BOOLEAN_MEDIA_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
RDF_MEDIA_TYPES = {
    "application/rdf+xml": "xml",
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
}


class ResultMismatch(AssertionError):
    """The response is not the result the test expects; the message says how."""


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def read_boolean(body: bytes, media: str) -> bool:
    if media not in BOOLEAN_MEDIA_TYPES:
        raise ResultMismatch(f"a boolean result must be SPARQL JSON or XML, got {media!r}")
    result = parse_query_results(body, RESULT_MEDIA_TYPES[media])
    if not isinstance(result, QueryBoolean):
        raise ResultMismatch("the result is not a boolean")
    return bool(result)


def read_table(body: bytes, media: str) -> tuple[list[str], list[Row]]:
    """Variables and rows of a SELECT result (terms; text cells for CSV)."""
    if media == "text/csv":
        return read_csv(body)
    if media not in RESULT_MEDIA_TYPES:
        raise ResultMismatch(f"a SELECT result must be SPARQL JSON, XML, CSV or TSV, got {media!r}")
    result = parse_query_results(body, RESULT_MEDIA_TYPES[media])
    if not isinstance(result, QuerySolutions):
        raise ResultMismatch("the result is not a table of solutions")
    names = [variable.value for variable in result.variables]
    return names, [tuple(solution[name] for name in names) for solution in result]


def read_csv(body: bytes) -> tuple[list[str], list[Row]]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    if not rows:
        raise ResultMismatch("the CSV result has no header line")
    header, *cells = rows
    return header, [tuple(cell if cell != "" else None for cell in row) for row in cells]


def _is_blank(value: Hashable | None) -> bool:
    return isinstance(value, BlankNode) or (isinstance(value, str) and value.startswith("_:"))


def _blank_key(value: Hashable) -> str:
    return value.value if isinstance(value, BlankNode) else str(value)[2:]


def compare_tables(
    expected: tuple[list[str], list[Row]],
    actual: tuple[list[str], list[Row]],
    *,
    ordered: bool,
) -> None:
    """Raise ResultMismatch unless both tables hold the same solutions (see the module text)."""
    expected_vars, expected_rows = expected
    actual_vars, actual_rows = actual
    if sorted(expected_vars) != sorted(actual_vars):
        raise ResultMismatch(f"variables {actual_vars} instead of {expected_vars}")
    order = [actual_vars.index(name) for name in expected_vars]
    actual_rows = [tuple(row[i] if i < len(row) else None for i in order) for row in actual_rows]
    if len(expected_rows) != len(actual_rows):
        raise ResultMismatch(f"{len(actual_rows)} rows instead of {len(expected_rows)}: {actual_rows}")
    if not _match(list(expected_rows), list(actual_rows), {}, {}, ordered):
        raise ResultMismatch(f"rows differ:\n expected {expected_rows}\n got      {actual_rows}")


def _row_fits(
    expected: Row, actual: Row, forward: dict[str, str], backward: dict[str, str]
) -> list[tuple[str, str]] | None:
    """The new blank-node pairs that make ``actual`` equal ``expected``, None if none do."""
    added: list[tuple[str, str]] = []
    for want, got in zip(expected, actual, strict=True):
        if _is_blank(want) or _is_blank(got):
            if not (_is_blank(want) and _is_blank(got)):
                return None
            a, b = _blank_key(want), _blank_key(got)  # type: ignore[arg-type]
            pending = dict(added)
            mapped = forward.get(a, pending.get(a))
            if mapped is None:
                if b in backward or b in {pair[1] for pair in added}:
                    return None
                added.append((a, b))
            elif mapped != b:
                return None
        elif want != got:
            return None
    return added


def _match(
    expected: list[Row],
    actual: list[Row],
    forward: dict[str, str],
    backward: dict[str, str],
    ordered: bool,
) -> bool:
    if not expected:
        return not actual
    first, rest = expected[0], expected[1:]
    candidates: Sequence[int] = [0] if ordered else range(len(actual))
    for index in candidates:
        added = _row_fits(first, actual[index], forward, backward)
        if added is None:
            continue
        for a, b in added:
            forward[a], backward[b] = b, a
        if _match(rest, actual[:index] + actual[index + 1 :], forward, backward, ordered):
            return True
        for a, b in added:
            del forward[a], backward[b]
    return False


ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)


def is_ordered(query: str) -> bool:
    return ORDER_BY.search(query) is not None


def expected_reader(suffix: str) -> Callable[[bytes], tuple[list[str], list[Row]] | bool]:
    """How to read an expected result file of the manifests (``.srj``, ``.csv``, ``.tsv``)."""

    def read(body: bytes) -> tuple[list[str], list[Row]] | bool:
        media = {".srj": "application/sparql-results+json", ".csv": "text/csv", ".tsv": "text/tab-separated-values"}[
            suffix
        ]
        if media != "text/csv":
            result = parse_query_results(body, RESULT_MEDIA_TYPES[media])
            if isinstance(result, QueryBoolean):
                return bool(result)
        return read_table(body, media)

    return read
