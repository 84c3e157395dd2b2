"""``/search``: diacritic-insensitive search over documents, plans, tasks, agencies, targets."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.paging import Limit, Offset
from api.schemas.lists import SearchResults
from graph.search.index import search_as_read

router = APIRouter(tags=["search"])

Kind = Literal["plan", "document", "task", "agency", "target"]


@router.get("/search", response_model=SearchResults)
def search_route(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="words, diacritics optional")],
    kind: Annotated[list[Kind] | None, Query(description="only these kinds (repeatable)")] = None,
    province: Annotated[str | None, Query(max_length=200, description="province id or name")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> SearchResults:
    """Items holding every word of ``q``, best first, each with a highlighted snippet and its
    title, plan, province and year; those holding the diacritics typed first. An abbreviation
    (``sct``, ``Sở NN&MT``), another spelling (``nilon``) or a merged province's name (``Tiền
    Giang``) is also searched as the documents write it, and named in ``readings``."""
    total, hits, readings = search_as_read(
        store, q, kinds=list(kind) if kind else None, province=province, offset=offset, limit=limit
    )
    return SearchResults(query=q, total=total, limit=limit, offset=offset, items=hits, readings=readings)
