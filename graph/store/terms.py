"""Conversions between Python values and pyoxigraph RDF terms, shared by both stores: a
query's solutions come back as the same Python values whichever store ran it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeAlias

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, Triple

from graph.store.errors import StoreError

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Term: TypeAlias = NamedNode | BlankNode | Literal | Triple
PythonValue: TypeAlias = str | int | float | bool | Decimal | dt.date | dt.datetime | None

_INTEGER_TYPES = frozenset(
    XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "nonPositiveInteger",
        "positiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
)


def iri(value: str) -> NamedNode:
    """An IRI term, for bindings: ``store.select(q, agency=iri("https://..."))``."""
    return NamedNode(value)


def graph_node(graph_iri: str) -> NamedNode:
    """The name of a graph as a term; a StoreError if it is no IRI.

    >>> graph_node("https://w3id.org/policykg/id/graph/a")
    <NamedNode value=https://w3id.org/policykg/id/graph/a>
    >>> graph_node("not an iri")
    Traceback (most recent call last):
    ...
    graph.store.errors.StoreError: invalid graph IRI 'not an iri': Invalid IRI code point ' '
    """
    try:
        return NamedNode(graph_iri)
    except ValueError as error:
        raise StoreError(f"invalid graph IRI {graph_iri!r}: {error}") from error


def to_term(value: Any) -> Term:
    """A Python value as an RDF term.

    Terms pass through. ``str`` becomes a plain string literal (wrap IRIs with :func:`iri`),
    ``bool`` xsd:boolean, ``int`` xsd:integer, ``Decimal`` xsd:decimal, ``float`` xsd:double,
    ``datetime`` xsd:dateTime and ``date`` xsd:date.
    """
    if isinstance(value, NamedNode | BlankNode | Literal | Triple):
        return value
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, Decimal):
        return Literal(format(value, "f"), datatype=NamedNode(XSD + "decimal"))
    if isinstance(value, float):
        return Literal(repr(value), datatype=NamedNode(XSD + "double"))
    if isinstance(value, dt.datetime):
        return Literal(value.isoformat(), datatype=NamedNode(XSD + "dateTime"))
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=NamedNode(XSD + "date"))
    if isinstance(value, str):
        return Literal(value)
    raise TypeError(f"cannot use a {type(value).__name__} as an RDF term: {value!r}")


def _boolean(lexical: str) -> bool | str:
    if lexical in ("true", "1"):
        return True
    if lexical in ("false", "0"):
        return False
    return lexical


def _floating(lexical: str) -> float:
    return float(lexical.replace("INF", "inf"))


# Datatype IRI → how its lexical form becomes a Python value (others keep the lexical form).
_CONVERTERS: dict[str, Callable[[str], PythonValue]] = {
    **dict.fromkeys(_INTEGER_TYPES, int),
    XSD + "decimal": Decimal,
    XSD + "double": _floating,
    XSD + "float": _floating,
    XSD + "boolean": _boolean,
    XSD + "date": dt.date.fromisoformat,
    XSD + "dateTime": lambda lexical: dt.datetime.fromisoformat(lexical.replace("Z", "+00:00")),
}


def to_python(term: Term | None) -> PythonValue:
    """An RDF term as a plain Python value.

    IRIs become their string, blank nodes ``_:id``, literals a value of their datatype
    (integers ``int``, xsd:decimal ``Decimal``, xsd:double/float ``float``, xsd:boolean
    ``bool``, xsd:date ``date``, xsd:dateTime ``datetime``); any other literal, or one whose
    lexical form is invalid for its datatype, its lexical form.
    """
    kind = type(term)
    if kind is NamedNode:
        return term.value  # type: ignore[union-attr]
    if kind is Literal:
        if term.language is not None:  # type: ignore[union-attr]
            return term.value  # type: ignore[union-attr]
        convert = _CONVERTERS.get(term.datatype.value)  # type: ignore[union-attr]
        if convert is None:
            return term.value  # type: ignore[union-attr]
        try:
            return convert(term.value)  # type: ignore[union-attr]
        except (ValueError, InvalidOperation):
            return term.value  # type: ignore[union-attr]
    if term is None:
        return None
    if kind is BlankNode:
        return f"_:{term.value}"  # type: ignore[union-attr]
    return str(term)


def solution_rows(result: QuerySolutions) -> list[dict[str, PythonValue]]:
    """The solutions of a SELECT as dicts of Python values (unbound variables are absent)."""
    names = [variable.value for variable in result.variables]
    return [
        {name: to_python(term) for name, term in zip(names, solution, strict=True) if term is not None}
        for solution in result
    ]
