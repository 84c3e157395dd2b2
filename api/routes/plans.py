"""``/plans``: the ingested plans, and one plan with its legal bases and tasks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query

from api.app_state import get_store
from api.schemas import PlanDetail, PlanList
from graph.plans import list_plans, plan_references, plan_tasks
from graph.store import PolicyStore

router = APIRouter(tags=["plans"])


@router.get("/plans", response_model=PlanList)
def plans(
    store: Annotated[PolicyStore, Depends(get_store)],
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> PlanList:
    found = list_plans(store)
    page = found[offset : offset + limit]
    return PlanList(total=len(found), limit=limit, offset=offset, items=page)


@router.get("/plans/{plan_id}", response_model=PlanDetail)
def plan(plan_id: str, store: Annotated[PolicyStore, Depends(get_store)]) -> PlanDetail:
    summary = next((p for p in list_plans(store) if p.id == plan_id), None)
    if summary is None:
        raise HTTPException(404, f"no plan with id '{plan_id}'")
    return PlanDetail(
        **summary.model_dump(),
        references=plan_references(store, plan_id),
        task_list=plan_tasks(store, plan_id),
    )
