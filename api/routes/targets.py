"""``/targets``: measurable targets, by metric words, province and agency type."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.paging import Limit, Offset
from api.schemas.lists import TargetList
from graph.read.targets import find_targets

router = APIRouter(tags=["targets"])


@router.get("/targets", response_model=TargetList)
def targets(
    store: StoreDep,
    metric: Annotated[str | None, Query(max_length=200, description="words of the metric, diacritics optional")] = None,
    province: Annotated[str | None, Query(max_length=200, description="province id or name")] = None,
    agency_type: Annotated[str | None, Query(max_length=200, description="type of the lead agency")] = None,
    national: Annotated[bool | None, Query(description="only national (true) or provincial (false) targets")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> TargetList:
    """Targets with value, unit, metric, deadline, the plan or task setting them and the quote."""
    found = find_targets(store, metric=metric, province=province, agency_type=agency_type, national=national)
    return TargetList(total=len(found), limit=limit, offset=offset, items=found[offset : offset + limit])
