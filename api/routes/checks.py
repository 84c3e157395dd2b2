"""``/plans/{id}/checks``: what the plan checks found in a stored plan."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from api.deps import StoreDep
from api.errors import error_responses
from graph.analysis.checks import Finding
from graph.analysis.checks.stored import plan_findings
from graph.read.plans import all_plans

router = APIRouter(tags=["analysis"])


class PlanChecks(BaseModel):
    plan: str
    errors: int
    warnings: int
    findings: list[Finding]


@router.get("/plans/{plan_id}/checks", response_model=PlanChecks, responses=error_responses(404))
def plan_checks(plan_id: str, store: StoreDep) -> PlanChecks:
    """Each finding of the plan checks, errors first: the rule, its severity, the messages in
    Vietnamese and English, the suggestion, the task and the source span it points at."""
    if not any(p.id == plan_id for p in all_plans(store)):
        raise HTTPException(404, f"no plan with id '{plan_id}'")
    found = plan_findings(store, plan_id)
    return PlanChecks(
        plan=plan_id,
        errors=sum(1 for f in found if f.severity == "error"),
        warnings=sum(1 for f in found if f.severity == "warning"),
        findings=found,
    )
