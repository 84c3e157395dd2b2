"""Errors as a person sees them: a browser (``Accept: text/html`` preferred to JSON) that
reaches a wrong id on a page, a missing route or a server error gets a page in its language (``?lang``)
with the status and a way home; every other client keeps the JSON ``{"detail": …}`` of the
contract, from FastAPI's own handlers."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.pages.i18n import texts
from api.pages.rendering import render
from api.sparql.conneg import parse_accept, quality

_LOG = logging.getLogger(__name__)


def wants_html(request: Request) -> bool:
    """Whether the error goes out as a page: the request reached a browser page (a route
    tagged ``browser``) or no route at all, and the client prefers HTML to JSON (a browser
    navigating, not a script). The API's routes always answer JSON errors."""
    route = request.scope.get("route")
    if isinstance(route, APIRoute) and "browser" not in route.tags:
        return False
    ranges = parse_accept(request.headers.get("accept") or "")
    html = max((r.q for r in ranges if r.type == "text" and r.subtype == "html"), default=0.0)
    return html > 0 and html >= quality("application/json", [r for r in ranges if r.specificity == 2])


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "vi"


def error_page(request: Request, status: int, headers: dict[str, str] | None = None) -> Response:
    lang = _lang(request)
    t = texts(lang)
    key = status if status in (400, 404, 405, 406, 422, 429, 503) else (500 if status >= 500 else 400)
    page = render(
        request,
        "error.html",
        lang,
        status_code=status,
        status=status,
        heading=t[f"error_{key}"],
        explanation=t[f"error_{key}_text"],
    )
    for name, value in (headers or {}).items():
        page.headers[name] = value
    return page


def add_error_pages(app: FastAPI) -> None:
    async def on_http(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        if wants_html(request):
            return error_page(request, error.status_code, dict(error.headers or {}))
        return await http_exception_handler(request, error)

    async def on_invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        if wants_html(request):
            return error_page(request, 422)
        return await request_validation_exception_handler(request, error)

    async def on_crash(request: Request, error: Exception) -> Response:
        _LOG.exception("unhandled error on %s", request.url.path, exc_info=error)
        if wants_html(request):
            return error_page(request, 500)
        return JSONResponse({"detail": "internal server error"}, status_code=500)

    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_invalid)
    app.add_exception_handler(Exception, on_crash)
