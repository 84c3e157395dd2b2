"""Deadlines the plan cannot meet: before its own date, or outside the period it implements."""

from __future__ import annotations

import re

from graph.analysis.checks.plan_dates import IssueInterval, period_years
from graph.build.findings import Finding, Rule, finding
from loaders.models import PlanRecord, Span

DEADLINE_BEFORE_PLAN = Rule(
    "deadline-before-plan",
    "error",
    "Thời hạn trước ngày ban hành kế hoạch",
    "A deadline before the plan was issued",
)
DEADLINE_OUTSIDE_PERIOD = Rule(
    "deadline-outside-period",
    "warning",
    "Thời hạn ngoài giai đoạn của kế hoạch",
    "A deadline outside the plan's period",
)

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def _deadlines(record: PlanRecord) -> list[tuple[int, str, Span, str | None]]:
    """(year, what, span, task key) for each target deadline and each year a timeframe ends in."""
    found: list[tuple[int, str, Span, str | None]] = []
    for target in record.targets:
        if target.deadline_year is not None:
            found.append((target.deadline_year, target.metric, target.span, None))
    for task in record.tasks:
        for target in task.targets:
            if target.deadline_year is not None:
                found.append((target.deadline_year, target.metric, target.span, task.key))
        if task.timeframe is not None:
            years = [int(y) for y in _YEAR.findall(task.timeframe.value)]
            if years:
                found.append((max(years), task.timeframe.value, task.timeframe.span, task.key))
    return found


def window(record: PlanRecord) -> tuple[int, int] | None:
    """The years the plan may set deadlines in: its own period and that of every document it
    says it implements (a 2023 plan of a 2021–2030 programme may set 2025 targets)."""
    spans: list[tuple[int, int]] = []
    own = period_years(record)
    if own is not None:
        spans.append(own)
    for ref in record.references:
        if ref.relation == "implements" and ref.title:
            years = [int(y) for y in _YEAR.findall(ref.title)]
            if len(years) >= 2:
                spans.append((min(years), max(years)))
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def deadlines(record: PlanRecord, when: IssueInterval) -> list[Finding]:
    findings: list[Finding] = []
    period = window(record)
    issued_year = when.earliest.year if when.earliest is not None else None
    for year, what, span, task in _deadlines(record):
        if issued_year is not None and year < issued_year:
            findings.append(
                finding(
                    DEADLINE_BEFORE_PLAN,
                    f"Thời hạn năm {year} (“{what}”) sớm hơn năm ban hành kế hoạch ({issued_year}).",
                    f"The deadline {year} (“{what}”) falls before the year the plan was issued ({issued_year}).",
                    span,
                    task=task,
                    subject=str(year),
                )
            )
        elif period is not None and not period[0] <= year <= period[1]:
            findings.append(
                finding(
                    DEADLINE_OUTSIDE_PERIOD,
                    f"Thời hạn năm {year} (“{what}”) nằm ngoài giai đoạn {period[0]}–{period[1]} "
                    "của kế hoạch và văn bản được thực hiện.",
                    f"The deadline {year} (“{what}”) lies outside the period {period[0]}–{period[1]} "
                    "of the plan and what it implements.",
                    span,
                    task=task,
                    subject=str(year),
                )
            )
    return findings
