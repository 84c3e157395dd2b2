"""Query and path parameters the graph pages share: all of a view's state is in its URL."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path, Query
from pydantic import StringConstraints

from graph.visualize.view import NODE_CAP

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._~-]*$"

NodeId = Annotated[str, Path(pattern=ID_PATTERN, max_length=300, description="local id, e.g. doc-889-qd-ttg-2020")]
Expand = Annotated[
    list[Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=300)]],
    Query(description="ids of nodes whose every neighbour is added (repeatable)", max_length=50),
]
Limit = Annotated[int, Query(ge=1, le=NODE_CAP, description=f"at most this many nodes (≤ {NODE_CAP})")]
Format = Annotated[
    Literal["html", "json", "standalone"],
    Query(description="html (the page), json (its nodes and edges) or standalone (one offline HTML file)"),
]
