"""A named query with its bindings written in as a trailing ``VALUES`` clause: a complete
query to open at ``/sparql`` and see the rows a view or panel was built from.

Only ``polid:`` local ids are written in; each is checked to be a plain id and serialised by
pyoxigraph as an IRI term, so nothing a user typed becomes query syntax."""

from __future__ import annotations

import re

from graph.build.ids import node
from graph.queries.named import named_query

_LOCAL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def query_with_values(name: str, **bindings: str) -> str:
    """The text of ``graph/queries/<name>.rq`` followed by ``VALUES ?var { polid:id }`` per binding."""
    text = named_query(name).text.rstrip()
    for variable, local_id in bindings.items():
        if not _VARIABLE.fullmatch(variable) or not _LOCAL_ID.fullmatch(local_id):
            raise ValueError(f"not a plain binding: ?{variable} = {local_id!r}")
        text += f"\nVALUES ?{variable} {{ {node(local_id)} }}"
    return text + "\n"
