"""The error body every route returns, and the OpenAPI description of error statuses."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

_MEANINGS = {
    400: "the request or query is malformed (the parser's message is in detail)",
    403: "writing needs the configured update token",
    404: "no such resource",
    405: "method not allowed",
    406: "no acceptable result format",
    413: "the request is too large",
    415: "unsupported request content type",
    422: "invalid parameters, or a query stopped at the time limit",
    429: "every query worker is busy; retry after the given seconds",
    503: "the store could not answer",
}


class ErrorBody(BaseModel):
    detail: Any


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route that can answer with these error statuses."""
    return {code: {"model": ErrorBody, "description": _MEANINGS[code]} for code in codes}
