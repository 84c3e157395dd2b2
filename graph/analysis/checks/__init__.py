"""Plan checks: named rules that say what is wrong or missing in a plan, with the span each
points at.

``check_plan`` runs every rule on one extracted plan (its ``PlanRecord`` and the lines the
extraction read); given a store holding the plan, it also sets the plan's targets against the
national targets of what it implements. The rules and their ids are in ``RULES``.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.analysis.checks.agency_rules import ABOLISHED_BODY, MERGED_PROVINCE, abolished_bodies
from graph.analysis.checks.legal_rules import REPLACED_BASIS, replaced_bases
from graph.analysis.checks.plan_dates import issue_interval
from graph.analysis.checks.target_rules import WEAKER_TARGET, weaker_targets
from graph.analysis.checks.task_rules import GROUP_LEAD, TASK_WITHOUT_LEAD, TWO_LEADS, ownership
from graph.analysis.checks.text_rules import ANNEX_MISSING, NUMBERING, annex, numbering
from graph.analysis.checks.time_rules import DEADLINE_BEFORE_PLAN, DEADLINE_OUTSIDE_PERIOD, deadlines
from graph.analysis.target_gaps import TargetGap
from graph.build.findings import SEVERITY_ORDER, Finding, Rule, ordered
from loaders.models import PlanRecord

RULES: tuple[Rule, ...] = (
    ABOLISHED_BODY,
    MERGED_PROVINCE,
    REPLACED_BASIS,
    TASK_WITHOUT_LEAD,
    GROUP_LEAD,
    TWO_LEADS,
    DEADLINE_BEFORE_PLAN,
    DEADLINE_OUTSIDE_PERIOD,
    WEAKER_TARGET,
    NUMBERING,
    ANNEX_MISSING,
)
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}

__all__ = ["RULES", "RULES_BY_ID", "SEVERITY_ORDER", "Finding", "Rule", "check_plan", "has_errors"]


def check_plan(
    record: PlanRecord, lines: Sequence[tuple[int, str]], *, gaps: list[TargetGap] | None = None
) -> list[Finding]:
    """Every finding of every rule on one plan, errors first. ``gaps`` are the plan's target
    gaps (``graph.analysis.target_gaps``), when a store holding the plan can give them."""
    when = issue_interval(record)
    findings = [
        *abolished_bodies(record, when),
        *replaced_bases(record, when),
        *ownership(record),
        *deadlines(record, when),
        *numbering(lines, record.source_name),
        *annex(record, lines),
    ]
    if gaps is not None:
        findings += weaker_targets(gaps)
    return ordered(findings)


def has_errors(findings: Sequence[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
