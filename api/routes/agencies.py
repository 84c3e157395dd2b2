"""``/agencies``: the agency directory, and one agency's mandates with their legal chain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.deps import StoreDep
from api.errors import error_responses
from api.paging import Limit, Offset
from api.schemas.lists import AgencyList, MandateList
from graph.read.directory import agency, find
from graph.read.mandate_rows import mandate_items

router = APIRouter(tags=["agencies"])

Text = Annotated[str | None, Query(max_length=200)]


@router.get("/agencies", response_model=AgencyList)
def agencies(
    store: StoreDep,
    province: Annotated[str | None, Query(max_length=200, description="province id or name")] = None,
    type: Annotated[str | None, Query(max_length=200, description="agency type id, name or abbreviation")] = None,
    q: Annotated[str | None, Query(max_length=200, description="words of the name, diacritics optional")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> AgencyList:
    """Agencies, filtered by province, type and name (diacritics, case and đ/d ignored)."""
    found = find(store, province=province, type=type, q=q)
    return AgencyList(total=len(found), limit=limit, offset=offset, items=found[offset : offset + limit])


@router.get("/agencies/{agency_id}/mandates", response_model=MandateList, responses=error_responses(404))
def agency_mandates(
    agency_id: str,
    store: StoreDep,
    include_predecessors: bool = False,
    role: Annotated[str | None, Query(max_length=40, description="only this role: lead, coordinating, ...")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> MandateList:
    """The tasks of one agency with role, plan, province, source quote and the legal chain
    above the plan; with ``include_predecessors`` also those inherited from merged bodies."""
    summary = agency(store, agency_id)
    if summary is None:
        raise HTTPException(404, f"no agency with id '{agency_id}'")
    total, items = mandate_items(
        store, agency_id, include_predecessors=include_predecessors, role=role, offset=offset, limit=limit
    )
    return MandateList(
        agency=summary,
        include_predecessors=include_predecessors,
        total=total,
        limit=limit,
        offset=offset,
        items=items,
    )
