"""Plans as the API shows them: the list, and one plan with its legal bases and tasks.

The models are pydantic so that the API returns them as they are."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field

from graph.build.ids import local, node
from graph.queries.named import run_named
from graph.queries.rows import integer, text
from graph.read.cache.models import ReadModel
from graph.store.protocol import GraphStore


class PlanSummary(BaseModel):
    id: str
    label: str | None
    title: str | None
    number: str | None
    issued: str | None
    year: int | None
    province: str | None
    province_name: str | None
    draft: bool
    source_file: str
    tasks: int


class Assignment(BaseModel):
    role: str
    agency: str
    agency_label: str | None
    as_written: str


class PlanTask(BaseModel):
    id: str
    key: str
    code: str | None
    heading: str | None
    text: str
    timeframe: str | None
    start_line: int | None
    end_line: int | None
    assignments: list[Assignment] = Field(default_factory=list)


class Reference(BaseModel):
    relation: str
    id: str
    number: str | None
    title: str | None
    issued: str | None


def list_plans(store: GraphStore) -> list[PlanSummary]:
    """Every plan once (a plan stated with two titles keeps the first)."""
    plans: dict[str, PlanSummary] = {}
    for row in run_named(store, "plans"):
        plan_id = local(str(row["plan"]))
        if plan_id in plans:
            continue
        plans[plan_id] = PlanSummary(
            id=plan_id,
            label=text(row, "label"),
            title=text(row, "title"),
            number=text(row, "number"),
            issued=text(row, "issued"),
            year=integer(row, "year"),
            province=local(str(row["province"])) if row.get("province") else None,
            province_name=text(row, "provinceName"),
            draft=bool(row.get("draft", False)),
            source_file=str(row["file"]),
            tasks=integer(row, "tasks") or 0,
        )
    return list(plans.values())


def all_plans(store: GraphStore) -> list[PlanSummary]:
    """``list_plans``, kept until the store changes."""
    return PLANS.get(store)


def plan_tasks(store: GraphStore, plan_id: str) -> list[PlanTask]:
    tasks: dict[str, PlanTask] = {}
    for row in run_named(store, "plan_tasks", plan=node(plan_id)):
        task_id = local(str(row["task"]))
        task = tasks.get(task_id)
        if task is None:
            task = tasks[task_id] = PlanTask(
                id=task_id,
                key=str(row["key"]),
                code=text(row, "code"),
                heading=text(row, "heading"),
                text=str(row["text"]),
                timeframe=text(row, "timeframe"),
                start_line=integer(row, "startLine"),
                end_line=integer(row, "endLine"),
            )
    for row in run_named(store, "plan_assignments", plan=node(plan_id)):
        task = tasks.get(local(str(row["task"])))
        if task is not None:
            assignment = Assignment(
                role=str(row["role"]),
                agency=local(str(row["agency"])),
                agency_label=text(row, "agencyLabel"),
                as_written=str(row["mention"]),
            )
            if assignment not in task.assignments:
                task.assignments.append(assignment)
    return list(tasks.values())


def plan_references(store: GraphStore, plan_id: str) -> list[Reference]:
    return [
        Reference(
            relation=str(row["relation"]),
            id=local(str(row["document"])),
            number=text(row, "number"),
            title=text(row, "title"),
            issued=text(row, "issued"),
        )
        for row in run_named(store, "plan_references", plan=node(plan_id))
    ]


class Budget(BaseModel):
    amounts_dong: list[Decimal] = Field(default_factory=list, description="amounts the plan states, in đồng")
    sources: list[str] = Field(default_factory=list, description="funding sources the plan names")


class TaskSection(BaseModel):
    heading: str | None
    tasks: list[str]


def plan_budget(store: GraphStore, plan_id: str) -> Budget:
    budget = Budget()
    for row in run_named(store, "plan_budget", plan=node(plan_id)):
        if row.get("amount") is not None:
            amount = Decimal(str(row["amount"]))
            if amount not in budget.amounts_dong:
                budget.amounts_dong.append(amount)
        if row.get("source") is not None and str(row["source"]) not in budget.sources:
            budget.sources.append(str(row["source"]))
    return budget


def task_sections(tasks: list[PlanTask]) -> list[TaskSection]:
    """The tasks grouped under their headings, in document order."""
    sections: list[TaskSection] = []
    for task in tasks:
        if not sections or sections[-1].heading != task.heading:
            sections.append(TaskSection(heading=task.heading, tasks=[]))
        sections[-1].tasks.append(task.id)
    return sections


PLANS: ReadModel[list[PlanSummary]] = ReadModel("plans", list_plans)
