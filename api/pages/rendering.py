"""Rendering pages from ``api/templates`` with Jinja2, autoescape on: every text that comes
from a document is escaped in labels, headings and panels."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from api.pages.i18n import texts

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

_ENVIRONMENT = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True, default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def url_with(request: Request, path: str | None = None, **changes: Any) -> str:
    """The current URL (or ``path``) with some query parameters set (None removes one); list
    values become repeated parameters."""
    params: list[tuple[str, str]] = [
        (key, value) for key, value in request.query_params.multi_items() if key not in changes
    ]
    for key, value in changes.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            params.extend((key, str(item)) for item in value)
        else:
            params.append((key, str(value)))
    query = urlencode(params)
    target = path if path is not None else request.url.path
    return f"{target}?{query}" if query else target


def link(path: str, lang: str, **params: Any) -> str:
    """``path`` with ``lang`` (when English) and other parameters."""
    pairs: list[tuple[str, str]] = []
    if lang == "en":
        pairs.append(("lang", "en"))
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            pairs.extend((key, str(item)) for item in value)
        else:
            pairs.append((key, str(value)))
    return f"{path}?{urlencode(pairs)}" if pairs else path


def render(request: Request, template: str, lang: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    other = "vi" if lang == "en" else "en"
    page = _ENVIRONMENT.get_template(template).render(
        lang=lang,
        t=texts(lang),
        link=lambda path, **params: link(path, lang, **params),
        language_url=url_with(request, lang=other if other == "en" else None),
        request_path=request.url.path,
        **context,
    )
    return HTMLResponse(page, status_code=status_code)
