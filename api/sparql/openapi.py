"""How ``/sparql`` is described in the OpenAPI schema: its parameters, request bodies and the
media types of its answers. The endpoint reads the request itself (api.sparql.protocol), so
these descriptions are given to FastAPI as ``openapi_extra`` / ``responses``."""

from __future__ import annotations

from typing import Any

from api.errors import error_responses
from api.sparql.conneg import GRAPH_OFFERS, SOLUTION_OFFERS, media_types

_TEXT = {"schema": {"type": "string"}}
_ANY: dict[str, dict[str, object]] = {"schema": {}}


def _parameter(name: str, description: str, *, repeated: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": {"type": "string"}} if repeated else {"type": "string"}
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


_DATASET = [
    _parameter("default-graph-uri", "a graph of the query's default graph (repeatable)", repeated=True),
    _parameter("named-graph-uri", "a named graph the query may use (repeatable)", repeated=True),
]
_UPDATE_DATASET = [
    _parameter("using-graph-uri", "an update: as USING <iri> (repeatable)", repeated=True),
    _parameter("using-named-graph-uri", "an update: as USING NAMED <iri> (repeatable)", repeated=True),
]

_RESULT_TYPES = list(dict.fromkeys(media_types(SOLUTION_OFFERS) + media_types(GRAPH_OFFERS)))


def _answers(description: str) -> dict[int | str, dict[str, Any]]:
    responses: dict[int | str, dict[str, Any]] = {
        200: {"description": description, "content": {media: _ANY for media in _RESULT_TYPES}},
    }
    responses.update(error_responses(400, 403, 406, 413, 415, 422, 429, 503))
    return responses


GET_RESPONSES = _answers(
    "The query's result in the format the Accept header prefers: SELECT and ASK as SPARQL JSON"
    " (default), XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle (default), N-Triples, JSON-LD,"
    " RDF/XML, N-Quads or TriG. Without any parameter: the SPARQL 1.1 Service Description of the"
    " endpoint, Turtle by default (the graph formats are offered)."
)
POST_RESPONSES = _answers("A query's result, as for GET.")
POST_RESPONSES[204] = {"description": "The update was applied (it needs the update token)."}

GET_EXTRA: dict[str, Any] = {
    "parameters": [_parameter("query", "a SPARQL 1.1 query (none at all: the service description)"), *_DATASET],
}
POST_EXTRA: dict[str, Any] = {
    "parameters": [*_DATASET, *_UPDATE_DATASET],
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "update": {"type": "string"},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "using-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "using-named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                }
            },
            "application/sparql-query": _TEXT,
            "application/sparql-update": _TEXT,
        },
    },
}
