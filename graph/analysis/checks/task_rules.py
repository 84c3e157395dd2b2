"""Who owns each task: a task with no owner, a group as the only owner, two owners.

Only rows of an assignment table or annex, which have a lead column, are held to these:
items of a plan's tasks-and-measures part that name no agency are tasks on purpose (the plan
assigns them later, in its organisation part), and a paragraph of the organisation part headed
by several bodies ("Sở Xây dựng, Sở Nội vụ và các Sở, ban, ngành khác") gives each of them the
work within its own remit, not one task to share. Rows that share one lead cell (a cell
spanning several rows) give one finding.
"""

from __future__ import annotations

from graph.build.findings import Finding, Rule, finding
from loaders.models import PlanRecord

ASSIGNED_ORIGINS = frozenset({"annex", "table"})

TASK_WITHOUT_LEAD = Rule(
    "task-without-lead",
    "warning",
    "Nhiệm vụ không có cơ quan chủ trì",
    "Task without a lead agency",
)
GROUP_LEAD = Rule(
    "group-lead",
    "warning",
    "Cơ quan chủ trì là một nhóm",
    "The lead is a group of bodies",
)
TWO_LEADS = Rule(
    "several-leads",
    "warning",
    "Nhiều cơ quan cùng chủ trì mà không nêu ai tổng hợp",
    "Several leads and nobody named to report",
)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def ownership(record: PlanRecord) -> list[Finding]:
    findings: list[Finding] = []
    reported: set[tuple[str, int]] = set()
    for task in record.tasks:
        label = task.code or task.key
        if task.origin not in ASSIGNED_ORIGINS:
            continue
        if not task.leads:
            findings.append(
                finding(
                    TASK_WITHOUT_LEAD,
                    f"Nhiệm vụ {label} (“{_short(task.text)}”) không nêu cơ quan chủ trì.",
                    f"Task {label} (“{_short(task.text)}”) names no lead agency.",
                    task.span,
                    task=task.key,
                )
            )
            continue
        names = "; ".join(m.text for m in task.leads)
        cell = (names, task.leads[0].span.start_line)
        if cell in reported:
            continue
        reported.add(cell)
        if all(m.group for m in task.leads):
            findings.append(
                finding(
                    GROUP_LEAD,
                    f"Nhiệm vụ {label} giao chủ trì cho một nhóm (“{names}”): "
                    "không có một cơ quan chịu trách nhiệm chính.",
                    f"Task {label} is led by a group (“{names}”): no single body answers for it.",
                    task.leads[0].span,
                    task=task.key,
                    subject=names,
                )
            )
        owners = [m for m in task.leads if not m.group]
        if len(owners) >= 2 and not task.reports_to and not task.monitoring:
            names = "; ".join(m.text for m in owners)
            findings.append(
                finding(
                    TWO_LEADS,
                    f"Nhiệm vụ {label} có {len(owners)} cơ quan chủ trì (“{names}”) mà không nêu cơ quan nào "
                    "tổng hợp, báo cáo.",
                    f"Task {label} has {len(owners)} leads (“{names}”) and does not say which one reports.",
                    owners[1].span,
                    task=task.key,
                    subject=names,
                )
            )
    return findings
