"""What a SPARQL text may ask of the engine: nothing from the network, no runaway nesting.

Oxigraph evaluates ``SERVICE`` by calling the remote endpoint and ``LOAD`` by fetching the
document, and its Python bindings have no switch to turn that off (nor a parser of their
own to call). So every text is checked here, with a real SPARQL 1.1 grammar, before it
reaches an engine; and the processes that run client text have no network at all
(:mod:`graph.serve.netns`), so that a text this check misreads still opens no socket.

The check, in order:

1. Codepoint escapes (``\\uXXXX``, ``\\UXXXXXXXX``) are read both ways engines read them.
   SPARQL 1.1 (section 19.2) and rdflib replace them over the whole text before parsing, so
   that ``\\u0053ERVICE`` is the keyword SERVICE; Oxigraph 0.5 follows SPARQL 1.2 and
   replaces them only inside strings and IRIs (measured: ``\\u0053ERVICE`` is a syntax error
   for it, ``"a\\u0022"`` a string that goes on). A text is checked in each reading that
   differs: (a) escapes replaced everywhere, and (b) as written, with each escape turned into
   the letter ``a`` (in a string or an IRI, where Oxigraph accepts escapes, one ordinary
   character stands for another and cannot end the string or IRI; anywhere else Oxigraph
   refuses the text anyway).
2. Nesting of ``{``, ``(`` and ``[`` is counted on the tokens of both readings
   (:func:`graph.store.sparql.lexer.analyse`); deeper than :data:`MAX_NESTING` is refused. Oxigraph's
   parser recurses once per level and overflows the stack of its thread between 2,000 and
   3,000 nested groups, killing the process (measured with pyoxigraph 0.5 in a main thread
   with an 8 MB stack); 256 leaves a tenfold margin and is far beyond any written query.
3. The only operations that make Oxigraph open a connection are the ``SERVICE`` pattern and
   the ``LOAD`` update (FROM and FROM NAMED name local graphs). Both are keywords made of
   ASCII letters, matched without regard to case, in the text an engine parses, which is one
   of the two readings. So a text neither of whose readings, lower-cased, contains
   ``service`` or ``load`` cannot hold either operation, whatever its strings, IRIs,
   comments or operators (lower-casing maps ASCII letters one to one; what it does to other
   characters can only add matches, never remove one). Only texts that contain one of the
   two words are parsed, with rdflib's SPARQL 1.1 grammar (``parseQuery`` / ``parseUpdate``),
   in each reading, and every parse tree is walked for ``ServiceGraphPattern`` and ``Load``
   nodes. A reading that grammar cannot read is refused too: what cannot be checked does
   not run.

Cost, measured on this machine (2 shared cores): steps 1 and 3 take 2.5 µs for a
100-character point lookup and 4 µs for a 260-character one; the tokens of step 2 are read
anyway for the query form (30-50 µs, kept for repeated texts). Over 1,000 interleaved
requests the endpoint's p50 for a point lookup on the sample plans went from 3.52 ms to
3.78 ms. A text that must be parsed takes rdflib 3 ms (a LOAD update) to 20-30 ms (a
260-character query that mentions "download") and about 1 s per 140 KB; that parse runs in
the query worker (killable, time-limited: :mod:`graph.serve.workers`) for client queries,
never in the server's event loop. rdflib's parser recurses about 30 Python frames per nesting
level: :func:`allow_deep_parsing` raises the recursion limit where a crash is contained (a
worker); elsewhere a text too deep for the default limit is refused with a clear message.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from graph.store.errors import QueryError
from graph.store.sparql.lexer import CODEPOINT_ESCAPE, SparqlText, analyse, kept_for_short_texts, unescape_codepoints

MAX_NESTING = 256
REMOTE_WORDS = ("service", "load")
REMOTE_NODES = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}
DEEP_RECURSION_LIMIT = 60_000

_REFUSED = "{names} is not allowed: this store never fetches data from other servers"


class GuardError(ValueError):
    """The text may not run; the message says why."""


def readings(text: str) -> list[str]:
    """The texts engines may parse for ``text``: itself, or (a) and (b) of step 1 when it has
    codepoint escapes (a as written, rdflib replaces them itself)."""
    if unescape_codepoints(text) == text:
        return [text]
    return [text, CODEPOINT_ESCAPE.sub("a", text)]


def might_fetch(text: str) -> bool:
    """Whether ``text`` could hold SERVICE or LOAD at all (see step 3 of the module notes)."""
    folded = (text + "\n" + unescape_codepoints(text)).lower()
    return any(word in folded for word in REMOTE_WORDS)


def allow_deep_parsing() -> None:
    """Let rdflib's recursive parser read texts as deep as :data:`MAX_NESTING` (in a worker)."""
    if sys.getrecursionlimit() < DEEP_RECURSION_LIMIT:
        sys.setrecursionlimit(DEEP_RECURSION_LIMIT)


def too_deep(kind: str, depth: int) -> str:
    """The message for a text nested deeper than :data:`MAX_NESTING`."""
    return f"the {kind} is nested {depth} levels deep; at most {MAX_NESTING} levels of {{ }}, ( ) and [ ] are allowed"


def check(text: str, *, update: bool) -> SparqlText:
    """Raise GuardError if ``text`` is nested too deeply or would fetch from the network;
    otherwise return what its tokens tell (:func:`graph.store.sparql.lexer.analyse`)."""
    analysed = analyse(text)
    if analysed.depth > MAX_NESTING:
        raise GuardError(too_deep("update" if update else "query", analysed.depth))
    if analysed.fetches_remote:
        raise GuardError(_REFUSED.format(names=" and ".join(analysed.remote_keywords)))
    if might_fetch(text):
        found = _remote_operations(text, update)
        if found:
            raise GuardError(_REFUSED.format(names=" and ".join(found)))
    return analysed


def guard(sparql: str, *, update: bool = False) -> SparqlText:
    """:func:`check` for the stores: the refusal is a QueryError (the text's fault).

    >>> guard("SELECT * WHERE { ?s ?p ?o }").form
    'SELECT'
    >>> guard("LOAD <http://example.org/data.ttl>", update=True)
    Traceback (most recent call last):
    ...
    graph.store.errors.QueryError: LOAD is not allowed: this store never fetches data from other servers
    """
    try:
        return check(sparql, update=update)
    except GuardError as error:
        raise QueryError(str(error)) from error


@kept_for_short_texts
def _remote_operations_of_query(text: str) -> tuple[str, ...]:
    return tuple(sorted(_remote_nodes(parse_trees(text, update=False))))


@kept_for_short_texts
def _remote_operations_of_update(text: str) -> tuple[str, ...]:
    return tuple(sorted(_remote_nodes(parse_trees(text, update=True))))


def _remote_operations(text: str, update: bool) -> tuple[str, ...]:
    return _remote_operations_of_update(text) if update else _remote_operations_of_query(text)


def parse_trees(text: str, *, update: bool) -> list[Any]:
    """rdflib's SPARQL 1.1 parse trees of the readings of ``text``; GuardError if the grammar
    cannot read one of them."""
    return [_parse(reading, update) for reading in readings(text)]


def _parse(text: str, update: bool) -> Any:
    # imported here: rdflib's parser takes about a second to import, and most texts never need it
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    kind = "update" if update else "query"
    try:
        return parseUpdate(text) if update else parseQuery(text)
    except RecursionError as error:
        raise GuardError(f"the {kind} is nested too deeply to be checked here") from error
    except (ParseBaseException, ValueError, TypeError) as error:
        message = re.sub(r"\s+", " ", str(error))[:300]
        raise GuardError(
            f"SPARQL syntax error: the {kind} could not be read with the SPARQL 1.1 grammar"
            f" (which every text that might reach another server must pass): {message}"
        ) from error


def walk(tree: Any) -> Iterator[Any]:
    """Every node and leaf of an rdflib parse tree, walked without recursion."""
    from pyparsing import ParseResults

    stack: list[Any] = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend(list(node))


def _remote_nodes(trees: list[Any]) -> set[str]:
    found: set[str] = set()
    for node in walk(trees):
        name = getattr(node, "name", None) if isinstance(node, dict) else None
        if isinstance(name, str) and name in REMOTE_NODES:
            found.add(REMOTE_NODES[name])
    return found
