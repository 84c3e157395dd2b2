"""Plans as the API shows them: the list, and one plan with its legal bases and tasks.

The models are pydantic so that the API returns them as they are."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from graph.ids import local, node
from graph.named_queries import run_named
from graph.store import PolicyStore


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


def _text(row: dict[str, Any], name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


def list_plans(store: PolicyStore) -> list[PlanSummary]:
    return [
        PlanSummary(
            id=local(str(row["plan"])),
            label=_text(row, "label"),
            title=_text(row, "title"),
            number=_text(row, "number"),
            issued=_text(row, "issued"),
            year=int(row["year"]) if row.get("year") is not None else None,
            province=local(str(row["province"])) if row.get("province") else None,
            province_name=_text(row, "provinceName"),
            draft=bool(row.get("draft", False)),
            source_file=str(row["file"]),
            tasks=int(row.get("tasks", 0)),
        )
        for row in run_named(store, "plans")
    ]


def plan_tasks(store: PolicyStore, plan_id: str) -> list[PlanTask]:
    tasks: dict[str, PlanTask] = {}
    for row in run_named(store, "plan_tasks", plan=node(plan_id)):
        task_id = local(str(row["task"]))
        task = tasks.get(task_id)
        if task is None:
            task = tasks[task_id] = PlanTask(
                id=task_id,
                key=str(row["key"]),
                code=_text(row, "code"),
                heading=_text(row, "heading"),
                text=str(row["text"]),
                timeframe=_text(row, "timeframe"),
                start_line=int(row["startLine"]) if row.get("startLine") is not None else None,
                end_line=int(row["endLine"]) if row.get("endLine") is not None else None,
            )
        if row.get("agency") is not None:
            assignment = Assignment(
                role=str(row["role"]),
                agency=local(str(row["agency"])),
                agency_label=_text(row, "agencyLabel"),
                as_written=str(row["mention"]),
            )
            if assignment not in task.assignments:
                task.assignments.append(assignment)
    return list(tasks.values())


def plan_references(store: PolicyStore, plan_id: str) -> list[Reference]:
    return [
        Reference(
            relation=str(row["relation"]),
            id=local(str(row["document"])),
            number=_text(row, "number"),
            title=_text(row, "title"),
            issued=_text(row, "issued"),
        )
        for row in run_named(store, "plan_references", plan=node(plan_id))
    ]
