"""Named SPARQL queries: the ``graph/queries/*.rq`` files.

Each file holds one query and starts with a ``#`` comment line saying what it answers.
Values are passed as bindings (a VALUES block made by :mod:`graph.store.sparql.bindings`), never
pasted into the text by hand; a bound variable must be projected by the query
(``SELECT ?agency ...``).

Join hints. Oxigraph joins a triple pattern by looking it up once per solution so far; over
the on-disk store each look-up is a seek of a few microseconds. Where a query reads one fact
of every task or target, a sub-select ``{ SELECT * WHERE { P } }`` makes Oxigraph read ``P``
in one pass and join it by hash instead (up to 3 times faster on the whole-store queries). The
sub-select projects every variable of ``P``; a hint wraps triple patterns, and a FILTER only
on their own variables, so the query answers the same with ``P`` written in its place.
:func:`without_join_hints` writes the query so, for engines that join a sub-select slowly
(rdflib compares every pair of solutions), and the tests check both forms agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from graph.store.errors import StoreError
from graph.store.protocol import GraphStore
from graph.store.sparql.lexer import SPARQL_TOKEN
from graph.store.terms import PythonValue

QUERY_DIR = Path(__file__).parent
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
_HINT_TOKENS = ["{", "SELECT", "*", "WHERE", "{"]


@dataclass(frozen=True)
class NamedQuery:
    name: str
    question: str
    """What the query answers (its first comment line)."""
    text: str


@cache
def named_query(name: str) -> NamedQuery:
    """The query in ``graph/queries/<name>.rq``."""
    if not _NAME.fullmatch(name):
        raise StoreError(f"invalid query name {name!r}")
    path = QUERY_DIR / f"{name}.rq"
    if not path.is_file():
        raise StoreError(f"no named query {name!r} (known: {', '.join(query_names())})")
    text = path.read_text(encoding="utf-8")
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    if not first.startswith("#") or not first.lstrip("#").strip():
        raise StoreError(f"{path.name} must start with a '#' comment saying what it answers")
    return NamedQuery(name=name, question=first.lstrip("#").strip(), text=text)


def without_join_hints(text: str) -> str:
    """The query with every join hint ``{ SELECT * WHERE { P } }`` replaced by ``P`` itself
    (``{ P }`` right after an OPTIONAL). Comments, strings and IRIs are left as they are."""
    tokens = [match for match in SPARQL_TOKEN.finditer(text) if match.lastgroup not in ("space", "comment")]
    parts: list[str] = []
    position = index = 0
    while index < len(tokens):
        if [token.group().upper() for token in tokens[index : index + 5]] != _HINT_TOKENS:
            index += 1
            continue
        inner_close = _closing_brace(tokens, index + 4)
        if inner_close + 1 >= len(tokens) or tokens[inner_close + 1].group() != "}":
            found = text[tokens[index].start() : tokens[inner_close].end()]
            raise StoreError(f"a join hint must hold one group and nothing else: {found!r}")
        inner = without_join_hints(text[tokens[index + 4].end() : tokens[inner_close].start()]).strip()
        if index > 0 and tokens[index - 1].group().upper() == "OPTIONAL":
            written = f"{{ {inner} }}"
        else:  # the patterns join the group around the hint
            written = inner.removesuffix(".").rstrip() + " ."
        parts += [text[position : tokens[index].start()], written]
        position = tokens[inner_close + 1].end()
        index = inner_close + 2
    return "".join(parts) + text[position:]


def _closing_brace(tokens: list[re.Match[str]], opening: int) -> int:
    """The index of the token closing the group opened by ``tokens[opening]``."""
    depth = 0
    for index in range(opening, len(tokens)):
        if tokens[index].group() == "{":
            depth += 1
        elif tokens[index].group() == "}":
            depth -= 1
            if depth == 0:
                return index
    raise StoreError("a join hint is not closed")


def query_names() -> list[str]:
    """The names of all named queries."""
    return sorted(path.stem for path in QUERY_DIR.glob("*.rq"))


def run_named(store: GraphStore, name: str, **bindings: Any) -> list[dict[str, PythonValue]]:
    """Run a named SELECT query with bindings; rows of Python values."""
    return store.select(named_query(name).text, **bindings)
