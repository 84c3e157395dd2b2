"""``/graph/search?q=``: search results as a page, each linking to its graph."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from api.app_state import get_store
from api.pages.i18n import LangParam
from api.pages.links import page_path
from api.pages.rendering import render
from graph.search import SearchHit, search
from graph.store import PolicyStore

router = APIRouter()

RESULT_LIMIT = 100


def _segments(hit: SearchHit) -> list[tuple[str, bool]]:
    """The snippet cut into (text, highlighted) parts, for the template to escape and mark."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(hit.highlights):
        if start < position:
            continue
        if start > position:
            parts.append((hit.snippet[position:start], False))
        parts.append((hit.snippet[start:end], True))
        position = end
    if position < len(hit.snippet):
        parts.append((hit.snippet[position:], False))
    return parts


def _target(hit: SearchHit) -> str:
    if hit.kind == "task" and hit.plan:
        return f"/graph/plan/{hit.plan}"
    return page_path(hit.kind, hit.id)


@router.get("/graph/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: Annotated[PolicyStore, Depends(get_store)],
    q: Annotated[str, Query(max_length=200, description="words, diacritics optional")] = "",
    lang: LangParam = "vi",
) -> HTMLResponse:
    total, hits = search(store, q, limit=RESULT_LIMIT) if q.strip() else (0, [])
    results = [
        {
            "hit": hit,
            "segments": _segments(hit),
            "path": _target(hit),
            "node": hit.id if hit.kind == "task" and hit.plan else None,
        }
        for hit in hits
    ]
    return render(request, "search.html", lang, q=q, results=results, total=total)
