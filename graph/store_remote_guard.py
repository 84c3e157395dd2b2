"""What a query forwarded to a SPARQL server may not contain beyond SPARQL 1.1.

Servers extend SPARQL with features that reach outside the dataset: Virtuoso's ``define``
pragmas (``define get:soft "replace"`` makes it fetch any URL named in FROM) and its ``bif:``
and ``sql:`` functions (the server's SQL built-ins, file access included). The embedded store
has none of these, so a remote store refuses them, as it refuses SERVICE and LOAD: what works
on one backend works, and only that, on the other.
"""

from __future__ import annotations

from graph.store import QueryError
from graph.store_lexer import SPARQL_TOKEN

EXTENSION_KEYWORDS = frozenset({"DEFINE"})
EXTENSION_PREFIXES = ("bif:", "sql:")


def refuse_extensions(text: str) -> None:
    """Raise QueryError if ``text`` uses a server extension outside SPARQL 1.1."""
    for match in SPARQL_TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "word" and token.upper() in EXTENSION_KEYWORDS:
            raise QueryError(f"'{token}' is a server extension, not SPARQL 1.1: it is not sent to the SPARQL server")
        if kind == "pname" and token.lower().startswith(EXTENSION_PREFIXES):
            raise QueryError(f"{token} is a server built-in, not SPARQL 1.1: it is not sent to the SPARQL server")
