"""Reading a SPARQL 1.1 Protocol request: which operation, its text and its dataset.

Accepted forms (https://www.w3.org/TR/sparql11-protocol/):

- ``GET /sparql?query=...`` (updates by GET are refused with 400: the Protocol only defines
  updates over POST, and the resource does support GET, so 405 would mislead);
- ``POST`` ``application/x-www-form-urlencoded`` with ``query=`` or ``update=``;
- ``POST`` ``application/sparql-query`` or ``application/sparql-update`` with the text as body;
- ``default-graph-uri`` / ``named-graph-uri`` (repeatable) in the query string or form;
  for updates ``using-graph-uri`` / ``using-named-graph-uri``, which act as ``USING`` /
  ``USING NAMED`` (refused together with ``USING`` or ``WITH`` in the update, §2.2.3);
- a text sent as the body is UTF-8: the ``application/sparql-query`` and
  ``application/sparql-update`` media types are UTF-8 only, and another ``charset`` is 415
  (a body that is not valid UTF-8 is 400).

``GET /sparql`` with no parameters at all asks for the service description.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl

from starlette.requests import Request

from graph.store.update_dataset import UsingGraphs

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"


class ProtocolError(Exception):
    """A request the endpoint answers with a 4xx status."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


@dataclass(frozen=True)
class Operation:
    """One request to the endpoint."""

    kind: Literal["query", "update", "description"]
    text: str = ""
    default_graph_uris: tuple[str, ...] | None = None
    named_graph_uris: tuple[str, ...] | None = None
    """Graphs named by the request; both None when it names none (both set when it does)."""
    using: UsingGraphs | None = None
    """An update's ``using-graph-uri`` / ``using-named-graph-uri``; None when it has none."""


Params = list[tuple[str, str]]


async def read_operation(request: Request, max_bytes: int) -> Operation:
    """Parse the request; raise ProtocolError for anything the Protocol does not allow."""
    query_string = request.scope.get("query_string", b"")
    if len(query_string) > max_bytes:
        raise ProtocolError(413, f"the query string is longer than {max_bytes} bytes")
    url_params = _parse_params(query_string)
    if request.method == "GET":
        if not url_params:
            return Operation("description")
        return _operation(url_params, allow_update=False)
    body = await _read_body(request, max_bytes)
    content_type = request.headers.get("content-type", "")
    media_type, charset = _media_type(content_type)
    if media_type == FORM:
        _check_charset(charset)  # an unknown one is 415 here too, not ignored
        return _operation(url_params + _parse_params(body), allow_update=True)
    if media_type in (QUERY_BODY, UPDATE_BODY):
        if _values(url_params, "query") or _values(url_params, "update"):
            raise ProtocolError(400, "a direct POST carries the operation in its body, not in the URL too")
        text = _decode(body, charset)
        kind: Literal["query", "update"] = "query" if media_type == QUERY_BODY else "update"
        return _with_dataset(kind, text, url_params)
    raise ProtocolError(
        415,
        f"POST needs Content-Type {FORM}, {QUERY_BODY} or {UPDATE_BODY}; got {content_type or 'none'!r}",
    )


def _operation(params: Params, *, allow_update: bool) -> Operation:
    queries = _values(params, "query")
    updates = _values(params, "update")
    if queries and updates:
        raise ProtocolError(400, "a request carries either a query or an update, not both")
    if updates:
        if not allow_update:
            raise ProtocolError(
                400,
                f"SPARQL updates must be sent by POST (form field update= or Content-Type {UPDATE_BODY})",
            )
        if len(updates) > 1:
            raise ProtocolError(400, "the request has more than one update parameter")
        return _with_dataset("update", updates[0], params)
    if len(queries) > 1:
        raise ProtocolError(400, "the request has more than one query parameter")
    if not queries:
        raise ProtocolError(400, "the request has no query: send query=... (or update=... by POST)")
    return _with_dataset("query", queries[0], params)


def _with_dataset(kind: Literal["query", "update"], text: str, params: Params) -> Operation:
    if not text.strip():
        raise ProtocolError(400, f"the {kind} is empty")
    default_graphs = tuple(_values(params, "default-graph-uri"))
    named_graphs = tuple(_values(params, "named-graph-uri"))
    if kind == "update":
        if default_graphs or named_graphs:
            raise ProtocolError(
                400,
                "default-graph-uri and named-graph-uri are for queries; an update's dataset is given by"
                " using-graph-uri and using-named-graph-uri (or USING, WITH and GRAPH in the update)",
            )
        using = UsingGraphs(tuple(_values(params, "using-graph-uri")), tuple(_values(params, "using-named-graph-uri")))
        return Operation("update", text, using=using if using else None)
    if not default_graphs and not named_graphs:
        return Operation("query", text)
    return Operation("query", text, default_graphs, named_graphs)


def _values(params: Iterable[tuple[str, str]], name: str) -> list[str]:
    return [value for key, value in params if key == name]


def _parse_params(raw: bytes) -> Params:
    try:
        text = raw.decode("ascii")
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, "parameters must be percent-encoded UTF-8") from error


def _media_type(content_type: str) -> tuple[str, str]:
    media_type, *params = (part.strip() for part in content_type.split(";"))
    charset = "utf-8"
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media_type.lower(), charset


def _check_charset(charset: str) -> None:
    try:
        known = codecs.lookup(charset)._is_text_encoding
    except LookupError:
        known = False
    if not known:
        raise ProtocolError(415, f"unknown charset {charset!r}")


def _decode(body: bytes, charset: str) -> str:
    _check_charset(charset)
    if codecs.lookup(charset).name != "utf-8":
        raise ProtocolError(
            415,
            f"a SPARQL query or update sent as the body must be UTF-8 (charset=utf-8), not charset={charset!r}",
        )
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"the body is not valid UTF-8: {error.reason} at byte {error.start}") from error


async def _read_body(request: Request, max_bytes: int) -> bytes:
    declared = request.headers.get("content-length")
    too_large = f"the request body is larger than {max_bytes} bytes"
    if declared is not None:
        try:
            if int(declared) > max_bytes:
                raise ProtocolError(413, too_large)
        except ValueError as error:
            raise ProtocolError(400, "invalid Content-Length") from error
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise ProtocolError(413, too_large)
    return bytes(body)
