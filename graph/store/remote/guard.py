"""What a query forwarded to a SPARQL server may not contain beyond SPARQL 1.1.

Servers extend SPARQL with features that reach outside the dataset: Virtuoso's ``define``
pragmas (``define get:soft "replace"`` makes it fetch any URL named in FROM) and its ``bif:``
and ``sql:`` functions (the server's SQL built-ins, file access included). The embedded store
has none of these, so a remote store refuses them, as it refuses SERVICE and LOAD: what works
on one backend works, and only that, on the other.

As for SERVICE and LOAD (:mod:`graph.store.sparql.guard`), the tokens give a quick refusal with a
clear message, and the grammar decides: a text whose lower-cased form (codepoint escapes
replaced) contains ``define``, ``bif:`` or ``sql:`` must be read by the SPARQL 1.1 grammar,
which has no pragmas, and may name no function, prefix or IRI in those two namespaces
(``PREFIX b: <bif:>`` included). A text without those strings can name neither.
"""

from __future__ import annotations

from graph.store.errors import QueryError
from graph.store.sparql.guard import GuardError, parse_trees, walk
from graph.store.sparql.lexer import SPARQL_TOKEN, unescape_codepoints

EXTENSION_KEYWORDS = frozenset({"DEFINE"})
EXTENSION_PREFIXES = ("bif:", "sql:")
EXTENSION_WORDS = ("define", *EXTENSION_PREFIXES)


def refuse_extensions(text: str, *, update: bool = False) -> None:
    """Raise QueryError if ``text`` uses a server extension outside SPARQL 1.1."""
    unescaped = unescape_codepoints(text)
    for match in SPARQL_TOKEN.finditer(text + "\n" + unescaped):
        kind, token = match.lastgroup, match.group()
        if kind == "word" and token.upper() in EXTENSION_KEYWORDS:
            raise QueryError(f"'{token}' is a server extension, not SPARQL 1.1: it is not sent to the SPARQL server")
        if kind == "pname" and token.lower().startswith(EXTENSION_PREFIXES):
            raise QueryError(f"{token} is a server built-in, not SPARQL 1.1: it is not sent to the SPARQL server")
    folded = (text + "\n" + unescaped).lower()
    if not any(word in folded for word in EXTENSION_WORDS):
        return
    try:
        trees = parse_trees(text, update=update)
    except GuardError as error:
        raise QueryError(f"{error}; it is not sent to the SPARQL server") from error
    for node in walk(trees):
        named = _extension_name(node)
        if named:
            raise QueryError(f"{named} is a server built-in, not SPARQL 1.1: it is not sent to the SPARQL server")


def _extension_name(node: object) -> str | None:
    if isinstance(node, dict) and getattr(node, "name", None) == "pname":
        prefix = str(node.get("prefix") or "")
        if f"{prefix.lower()}:" in EXTENSION_PREFIXES:
            return f"{prefix}:{node.get('localname') or ''}"
    if isinstance(node, str) and node.lower().startswith(EXTENSION_PREFIXES) and type(node).__name__ == "URIRef":
        return str(node)
    return None
