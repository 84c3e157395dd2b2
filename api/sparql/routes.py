"""The SPARQL 1.1 Protocol endpoint at ``/sparql``.

- Queries: GET ``?query=``, POST form ``query=``, POST ``application/sparql-query``;
  ``default-graph-uri`` / ``named-graph-uri`` honoured. Without them the default graph is the
  union of all named graphs (or what the query's FROM names).
- Updates (with the bearer token): POST form ``update=`` or ``application/sparql-update``;
  ``using-graph-uri`` / ``using-named-graph-uri`` act as USING / USING NAMED (400 together
  with USING or WITH in the text); without them updates see the union default graph too
  (graph.store.update_dataset).
- Relative IRIs in queries and updates resolve against the endpoint's URL (Protocol §2.3).
- Result formats by ``Accept`` (q-values, wildcards), per query form. SELECT / ASK:
  SPARQL JSON (default), SPARQL XML, CSV, TSV. CONSTRUCT / DESCRIBE: Turtle (default),
  N-Triples, JSON-LD, RDF/XML, N-Quads, TriG. Nothing acceptable: 406. ``Vary: Accept`` on
  every response.
- Errors are JSON ``{"detail": ...}``: 400 for a syntax or evaluation error (with Oxigraph's
  message), two ``query`` parameters, a missing query, a query and an update together, an
  update sent by GET, SERVICE or LOAD; 403 for an update without the configured bearer token;
  405 for other methods; 406; 413 for a request over ``max_request_bytes``; 415 for a POST
  of another content type or a body declared in a charset other than UTF-8; 422 when a
  query exceeds ``query_timeout_s`` (the worker running it is killed: the query as written
  cannot be answered within the limit, and sending it again will not help) or needs more
  memory than ``worker_memory_mb``; 429 with ``Retry-After`` when every query worker is busy
  and ``max_queued`` queries already wait (or one waited ``query_timeout_s`` for a worker).
  Nesting deeper than :data:`graph.store.sparql.guard.MAX_NESTING` is 400.
- No query or update text reaches the network: SERVICE and LOAD are refused after a parse with
  the SPARQL 1.1 grammar (:mod:`graph.store.sparql.guard`), and the processes that run client text
  have no network (:mod:`graph.serve.netns`); the service description's header
  ``X-PolicyKG-Network-Isolated: true|false`` says whether that holds on this server.
- Results hold at most ``max_rows`` rows (or triples). Every result carries
  ``X-PolicyKG-Row-Limit: N`` and ``X-PolicyKG-Truncated: true|false``; a cut SPARQL JSON
  result also has a top-level ``"truncated": true`` member between ``head`` and ``results``
  (which rdflib, SPARQLWrapper and pyoxigraph parse without complaint).
- ``GET /sparql`` without parameters: the SPARQL 1.1 Service Description (Turtle by default).
"""

from __future__ import annotations

import asyncio
import hmac
from functools import partial

from fastapi import APIRouter, HTTPException, Request, Response
from pyoxigraph import RdfFormat, serialize
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.settings import Settings
from api.sparql import openapi as sparql_openapi
from api.sparql.conneg import (
    GRAPH_OFFERS,
    SOLUTION_OFFERS,
    Offer,
    media_types,
    negotiate,
)
from api.sparql.description import DESCRIPTION_PREFIXES, service_description
from api.sparql.protocol import Operation, ProtocolError, read_operation
from api.sparql.runtime import Runtime
from graph.serve.results import GRAPH_FORMATS, NotAcceptable, QueryJob
from graph.serve.workers import QueryMemoryLimit, QueryTimeout, StoreBusy
from graph.store.embedded import QueryError, StoreError
from graph.store.sparql.guard import MAX_NESTING, too_deep
from graph.store.sparql.lexer import SparqlText, analyse

PATH = "/sparql"
ALLOWED_METHODS = "GET, POST"
ROW_LIMIT_HEADER = "X-PolicyKG-Row-Limit"
TRUNCATED_HEADER = "X-PolicyKG-Truncated"
ISOLATED_HEADER = "X-PolicyKG-Network-Isolated"

# A query stopped at the time limit: a client error (4xx), since the same query fails again.
QUERY_TIMEOUT_STATUS = 422

router = APIRouter(tags=["sparql"])


def runtime_of(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


@router.get(
    PATH,
    summary="SPARQL 1.1 query by GET, or the service description",
    operation_id="sparql_get",
    response_class=Response,
    responses=sparql_openapi.GET_RESPONSES,
    openapi_extra=sparql_openapi.GET_EXTRA,
)
@router.post(
    PATH,
    summary="SPARQL 1.1 query or update by POST",
    operation_id="sparql_post",
    response_class=Response,
    responses=sparql_openapi.POST_RESPONSES,
    openapi_extra=sparql_openapi.POST_EXTRA,
)
async def sparql_endpoint(request: Request) -> Response:
    runtime = runtime_of(request)
    try:
        operation = await read_operation(request, runtime.settings.max_request_bytes)
    except ProtocolError as error:
        raise HTTPException(error.status, error.detail, headers=error.headers) from error
    if operation.kind == "description":
        return await _describe(request, runtime)
    if operation.kind == "update":
        return await _update(request, runtime, operation)
    return await _query(request, runtime, operation)


@router.api_route(PATH, methods=["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"], include_in_schema=False)
async def sparql_other_methods(request: Request) -> Response:
    raise HTTPException(
        405,
        f"{request.method} is not supported here; use {ALLOWED_METHODS}",
        headers={"Allow": ALLOWED_METHODS},
    )


async def _query(request: Request, runtime: Runtime, operation: Operation) -> Response:
    settings = runtime.settings
    text = analyse(operation.text)
    if text.is_update:
        raise HTTPException(
            400,
            "this is a SPARQL update, not a query: POST it as update= or with Content-Type application/sparql-update",
        )
    _refuse_at_once(text, "query")
    accept = request.headers.get("accept")
    solutions = negotiate(accept, SOLUTION_OFFERS)
    graph = negotiate(accept, GRAPH_OFFERS)
    if text.form in ("SELECT", "ASK") and solutions is None:
        raise _not_acceptable(text.form, SOLUTION_OFFERS)
    if text.form in ("CONSTRUCT", "DESCRIBE") and graph is None:
        raise _not_acceptable(text.form, GRAPH_OFFERS)
    job = QueryJob(
        sparql=operation.text,
        solutions_format=solutions.format if solutions else None,
        graph_format=graph.format if graph else None,
        max_rows=settings.max_rows,
        default_graph_uris=operation.default_graph_uris,
        named_graph_uris=operation.named_graph_uris,
        base_iri=endpoint_url(request),
    )
    try:
        outcome = await runtime.queries.run(job)
    except NotAcceptable as error:
        offers = GRAPH_OFFERS if error.kind == "graph" else SOLUTION_OFFERS
        raise _not_acceptable(f"this {error.kind}", offers) from error
    except (QueryTimeout, QueryMemoryLimit) as error:
        raise HTTPException(QUERY_TIMEOUT_STATUS, str(error)) from error
    except StoreBusy as error:
        raise HTTPException(429, str(error), headers={"Retry-After": "1"}) from error
    except QueryError as error:
        raise HTTPException(400, str(error)) from error
    except StoreError as error:
        raise HTTPException(503, f"the store could not answer: {error}") from error
    offer = graph if outcome.kind == "graph" else solutions
    assert offer is not None
    return Response(
        content=outcome.body,
        media_type=offer.media_type,
        headers={
            ROW_LIMIT_HEADER: str(settings.max_rows),
            TRUNCATED_HEADER: "true" if outcome.truncated else "false",
        },
    )


async def _update(request: Request, runtime: Runtime, operation: Operation) -> Response:
    _check_update_token(request, runtime.settings)
    text = analyse(operation.text)
    if text.form is not None:
        raise HTTPException(400, f"this is a SPARQL {text.form} query, not an update: send it as query=")
    _refuse_at_once(text, "update")
    loop = asyncio.get_running_loop()
    try:
        await loop.run_in_executor(
            None, partial(runtime.update, operation.text, base_iri=endpoint_url(request), using=operation.using)
        )
    except StoreBusy as error:
        raise HTTPException(429, str(error), headers={"Retry-After": "1"}) from error
    except QueryMemoryLimit as error:
        raise HTTPException(QUERY_TIMEOUT_STATUS, str(error)) from error
    except QueryError as error:
        raise HTTPException(400, str(error)) from error
    except StoreError as error:
        raise HTTPException(503, f"the store could not apply the update: {error}") from error
    return Response(status_code=204)


def _refuse_at_once(text: SparqlText, kind: str) -> None:
    """What the tokens already tell is refused here, before a worker is asked; the grammar
    check runs where the text runs (:func:`graph.store.embedded.guard`)."""
    if text.depth > MAX_NESTING:
        raise HTTPException(400, too_deep(kind, text.depth))
    if text.fetches_remote:
        names = " and ".join(text.remote_keywords)
        raise HTTPException(400, f"{names} is not allowed: this endpoint never fetches data from other servers")


def _check_update_token(request: Request, settings: Settings) -> None:
    if settings.update_token is None:
        raise HTTPException(403, "SPARQL Update is disabled on this server")
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    expected = settings.update_token.get_secret_value().encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(credentials.strip().encode(), expected):
        raise HTTPException(403, "SPARQL Update needs the header Authorization: Bearer <update token>")


async def _describe(request: Request, runtime: Runtime) -> Response:
    offer = negotiate(request.headers.get("accept"), GRAPH_OFFERS)
    if offer is None:
        raise _not_acceptable("the service description", GRAPH_OFFERS)
    graph_iris = await run_in_threadpool(lambda: runtime.store.graph_iris())
    settings = runtime.settings
    triples = service_description(
        endpoint_url(request),
        update_enabled=settings.update_token is not None,
        graph_iris=graph_iris,
        timeout_s=settings.query_timeout_s,
        max_rows=settings.max_rows,
    )
    rdf_format = GRAPH_FORMATS[offer.format]
    prefixes = DESCRIPTION_PREFIXES if rdf_format in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
    body = serialize(triples, format=rdf_format, prefixes=prefixes) or b""
    isolated = runtime.network_isolated
    headers = {} if isolated is None else {ISOLATED_HEADER: "true" if isolated else "false"}
    return Response(content=body, media_type=offer.media_type, headers=headers)


def endpoint_url(request: Request) -> str:
    """The endpoint's URL as the client reached it: the service description's sd:endpoint,
    and the base IRI of queries and updates (Protocol §2.3: the service defines the base)."""
    return str(request.url.replace(query="", fragment=""))


def _not_acceptable(what: str, offers: tuple[Offer, ...]) -> HTTPException:
    return HTTPException(
        406,
        f"no acceptable format for {what} result; available: {', '.join(media_types(offers))}",
    )


class VaryAcceptMiddleware:
    """Adds ``Vary: Accept`` to every response under ``/sparql`` (errors included)."""

    def __init__(self, app: ASGIApp, path: str = PATH):
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.path):
            await self.app(scope, receive, send)
            return

        async def send_with_vary(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                for index, (name, value) in enumerate(headers):
                    if name.lower() == b"vary":
                        if b"accept" not in [v.strip().lower() for v in value.split(b",")]:
                            headers[index] = (name, value + b", Accept")
                        break
                else:
                    headers.append((b"vary", b"Accept"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_vary)
