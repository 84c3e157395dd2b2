"""``/overlaps``, ``/legal/{id}/lineage``, ``/targets/gaps``: the analyses of the graph."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query

from api.app_state import get_store
from api.errors import error_responses
from api.paging import Limit, Offset
from api.schemas.analysis import GapList, OverlapList
from graph.analysis.lineage.dag import LineageTree
from graph.analysis.lineage.local import UnknownDocument, document_lineage
from graph.analysis.loading import UnknownFilter
from graph.analysis.overlaps.analysis import DEFAULT_MIN_SCORE, overlap_page
from graph.analysis.target_gaps import target_gaps
from graph.store.protocol import GraphStore

router = APIRouter(tags=["analysis"])


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    found = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return found or None


@router.get("/overlaps", response_model=OverlapList, responses=error_responses(422))
def overlaps(
    store: Annotated[GraphStore, Depends(get_store)],
    provinces: Annotated[
        list[str] | None,
        Query(max_length=200, description="provinces both sides come from: ids or names, comma-separated or repeated"),
    ] = None,
    agency_type: Annotated[
        str | None, Query(max_length=200, description="one side led by an agency of this type (id or name)")
    ] = None,
    min_score: Annotated[float, Query(ge=0, le=1, description="the least score of a pair")] = DEFAULT_MIN_SCORE,
    kind: Annotated[Literal["task", "target"] | None, Query(description="only tasks or only targets")] = None,
    scope: Annotated[Literal["across", "within", "all"], Query(description="across provinces, within one")] = "all",
    limit: Limit = 100,
    offset: Offset = 0,
) -> OverlapList:
    """Pairs of similar tasks or targets, best first, each with its score, the reason and both
    source quotes."""
    try:
        page = overlap_page(
            store, _split(provinces), agency_type, min_score, kind=kind, scope=scope, offset=offset, limit=limit
        )
    except UnknownFilter as error:
        raise HTTPException(422, str(error)) from error
    return OverlapList(total=page.total, limit=limit, offset=offset, min_score=min_score, items=page.pairs)


@router.get("/legal/{doc_id}/lineage", response_model=LineageTree, responses=error_responses(404))
def lineage(
    doc_id: str,
    store: Annotated[GraphStore, Depends(get_store)],
    max_depth: Annotated[int | None, Query(ge=1, le=50, description="levels below the document")] = None,
) -> LineageTree:
    """The tree of documents, plans, tasks (and their agencies) that derive from a document,
    each node with its depth."""
    try:
        return document_lineage(store, doc_id, max_depth)
    except UnknownDocument as error:
        raise HTTPException(404, str(error)) from error


@router.get("/targets/gaps", response_model=GapList, responses=error_responses(422))
def gaps(
    store: Annotated[GraphStore, Depends(get_store)],
    province: Annotated[str | None, Query(max_length=200, description="province id or name")] = None,
    status: Annotated[Literal["matched", "unmatched"] | None, Query(description="only matched or unmatched")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> GapList:
    """Provincial targets against the national targets of the documents they implement, with the
    gap where the metric is comparable; targets without a national counterpart as unmatched."""
    try:
        found = target_gaps(store, province=province)
    except UnknownFilter as error:
        raise HTTPException(422, str(error)) from error
    matched = sum(1 for g in found if g.status == "matched")
    if status is not None:
        found = [g for g in found if g.status == status]
    return GapList(
        total=len(found),
        matched=matched,
        unmatched=sum(1 for g in found if g.status == "unmatched") if status != "matched" else 0,
        limit=limit,
        offset=offset,
        items=found[offset : offset + limit],
    )
