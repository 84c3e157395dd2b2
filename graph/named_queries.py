"""Named SPARQL queries: the ``graph/queries/*.rq`` files.

Each file holds one query and starts with a ``#`` comment line saying what it answers.
Values are passed as bindings (SEP-0007 substitutions, done by Oxigraph), never pasted into
the text; a bound variable must be projected by the query (``SELECT ?agency ...``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from graph.store import PolicyStore, StoreError
from graph.store_terms import PythonValue

QUERY_DIR = Path(__file__).parent / "queries"
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


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


def query_names() -> list[str]:
    """The names of all named queries."""
    return sorted(path.stem for path in QUERY_DIR.glob("*.rq"))


def run_named(store: PolicyStore, name: str, **bindings: Any) -> list[dict[str, PythonValue]]:
    """Run a named SELECT query with bindings; rows of Python values."""
    return store.select(named_query(name).text, **bindings)
