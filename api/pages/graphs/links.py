"""Where the pages link to: a node's graph page, its JSON, and the SPARQL behind it."""

from __future__ import annotations

from urllib.parse import urlencode

from graph.queries.named import named_query
from graph.visualize.query_text import query_with_values
from graph.visualize.view import QueryUse

PAGE_OF_KIND: dict[str, str] = {
    "plan": "/graph/plan/",
    "agency": "/graph/agency/",
    "document": "/graph/legal/",
}


def graph_path(kind: str | None, node_id: str) -> str:
    """The graph page about a node: its plan, agency or lineage page, else its neighbourhood."""
    return PAGE_OF_KIND.get(kind or "", "/graph/node/") + node_id


def page_path(kind: str | None, node_id: str) -> str:
    """Where a person reads about a node: the path of its IRI (``/id/…``), whatever its kind."""
    return f"/id/{node_id}"


def api_paths(kind: str | None, node_id: str) -> list[str]:
    """JSON API routes about a node."""
    paths = [f"/graph/api/node/{node_id}"]
    if kind == "plan":
        paths.append(f"/plans/{node_id}")
    if kind == "agency":
        paths.append(f"/agencies/{node_id}/mandates?include_predecessors=true")
    return paths


def sparql_links(uses: list[QueryUse]) -> list[dict[str, str]]:
    """For each named query used: its name, what it answers and a ``/sparql?query=`` URL that
    runs it with the same bindings."""
    links = []
    for use in uses:
        text = query_with_values(use.name, **use.bindings)
        links.append(
            {
                "name": use.name,
                "question": named_query(use.name).question,
                "bindings": ", ".join(f"?{key} = {value}" for key, value in use.bindings.items()),
                "url": "/sparql?" + urlencode({"query": text}),
            }
        )
    return links
