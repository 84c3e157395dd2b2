"""Bindings as an inline ``VALUES`` block, not text pasted by hand.

Both stores receive bound values as a ``VALUES`` block at the start of the query's WHERE
group, which joins them before anything else. (Oxigraph's own substitutions leave its
planner unaware that the variable is bound, so a join can start from the wrong end and scan
the store; a VALUES block is planned like a constant.) Each value is first made an RDF term
(:func:`graph.store.terms.to_term`: IRIs are validated by pyoxigraph, literals escaped by its
N-Triples serialiser), so no caller text can end the block or the query. Blank nodes cannot
be bound (SPARQL forbids them in VALUES).

The WHERE group is found with the SPARQL tokenizer of :mod:`graph.store.sparql.lexer`, so braces and
keywords inside strings, IRIs and comments are not mistaken for the query's own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import product
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode

from graph.store.errors import QueryError
from graph.store.sparql.lexer import SPARQL_TOKEN, kept_for_short_texts
from graph.store.terms import to_term

_VARIABLE = re.compile(r"\w+")


def term_text(value: Any) -> str:
    """A value as SPARQL term text (an IRI or a literal)."""
    try:
        term = to_term(value)
    except (TypeError, ValueError) as error:
        raise QueryError(f"cannot bind {value!r}: {error}") from error
    if isinstance(term, BlankNode):
        raise QueryError("a blank node cannot be bound in a query sent to a SPARQL server")
    if not isinstance(term, NamedNode | Literal):
        raise QueryError(f"cannot bind {value!r} in a query sent to a SPARQL server")
    return str(term)


def values_block(bindings: Mapping[str, Any]) -> str:
    """``VALUES (?a ?b) { (<x> "y") }`` for the bindings. A list or tuple binds its variable
    to each of its values in turn (one row each; with several lists, every combination)."""
    names = []
    for name in bindings:
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"invalid variable name for a binding: {name!r}")
        names.append(f"?{name}")
    columns = [
        [term_text(item) for item in value] if isinstance(value, list | tuple) else [term_text(value)]
        for value in bindings.values()
    ]
    rows = " ".join(f"({' '.join(combination)})" for combination in product(*columns))
    return f"VALUES ({' '.join(names)}) {{ {rows} }}"


def bind_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """The query with the bindings as a VALUES block opening its WHERE group."""
    if not bindings:
        return sparql
    position = where_group_start(sparql)
    if position is None:
        raise QueryError("cannot bind values in this query: it has no WHERE group")
    return f"{sparql[:position]} {values_block(bindings)}\n{sparql[position:]}"


@kept_for_short_texts
def where_group_start(sparql: str) -> int | None:
    """The offset just after the ``{`` that opens the query's WHERE group.

    That is the first ``{`` after a top-level WHERE keyword; without the keyword (it is
    optional in SELECT, ASK and DESCRIBE) the first top-level ``{``. A CONSTRUCT without the
    keyword opens with its template, so it has no place for bindings.
    """
    braces = parens = 0
    first_brace: int | None = None
    after_where = False
    construct = False
    for match in SPARQL_TOKEN.finditer(sparql):
        kind, token = match.lastgroup, match.group()
        if kind == "word" and braces == 0 and parens == 0:
            word = token.upper()
            if word == "CONSTRUCT":
                construct = True
            elif word == "WHERE":
                after_where = True
            continue
        if kind != "other":
            continue
        if token == "(":
            parens += 1
        elif token == ")":
            parens = max(0, parens - 1)
        elif token == "{":
            if braces == 0 and parens == 0:
                if after_where:
                    return match.end()
                if first_brace is None:
                    first_brace = match.end()
            braces += 1
        elif token == "}":
            braces = max(0, braces - 1)
    return None if construct else first_brace
