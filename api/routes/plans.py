"""``/plans``: the ingested plans, and one plan with its legal bases and tasks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.deps import StoreDep
from api.errors import error_responses
from api.schemas.core import PlanDetail, PlanList
from graph.ingest.source_files import plan_files
from graph.read.plans import all_plans, plan_budget, plan_references, plan_tasks, task_sections
from graph.read.targets import targets_of

router = APIRouter(tags=["plans"])


@router.get("/plans", response_model=PlanList)
def plans(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> PlanList:
    found = all_plans(store)
    page = found[offset : offset + limit]
    return PlanList(total=len(found), limit=limit, offset=offset, items=page)


@router.get("/plans/{plan_id}", response_model=PlanDetail, responses=error_responses(404))
def plan(plan_id: str, store: StoreDep) -> PlanDetail:
    summary = next((p for p in all_plans(store) if p.id == plan_id), None)
    if summary is None:
        raise HTTPException(404, f"no plan with id '{plan_id}'")
    tasks = plan_tasks(store, plan_id)
    return PlanDetail(
        **summary.model_dump(),
        references=plan_references(store, plan_id),
        task_list=tasks,
        sections=task_sections(tasks),
        targets=targets_of(store, plan_id),
        budget=plan_budget(store, plan_id),
        files=plan_files(store, plan_id),
    )
