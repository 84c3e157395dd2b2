"""Response models of the HTTP API: the read models of graph/ with paging and nesting."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.ingest.source_files import PlanFile
from graph.read.plans import Budget, PlanSummary, PlanTask, Reference, TaskSection
from graph.read.targets import TargetItem


class PlanList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[PlanSummary]


class PlanDetail(PlanSummary):
    references: list[Reference]
    task_list: list[PlanTask]
    sections: list[TaskSection]
    targets: list[TargetItem]
    budget: Budget
    files: list[PlanFile] = Field(default_factory=list, description="the files that stand behind the plan")
