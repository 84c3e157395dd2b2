"""Response models of the HTTP API."""

from __future__ import annotations

from pydantic import BaseModel


class PlanOut(BaseModel):
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


class PlanList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[PlanOut]


class AssignmentOut(BaseModel):
    role: str
    agency: str
    agency_label: str | None
    as_written: str


class TaskOut(BaseModel):
    id: str
    key: str
    code: str | None
    heading: str | None
    text: str
    timeframe: str | None
    start_line: int | None
    end_line: int | None
    assignments: list[AssignmentOut]


class ReferenceOut(BaseModel):
    relation: str
    id: str
    number: str | None
    title: str | None
    issued: str | None


class PlanDetail(PlanOut):
    references: list[ReferenceOut]
    task_list: list[TaskOut]
