"""Checking files before they are ingested (a drafter's use): each file is read, extracted and
written to a store in memory of its own beside the reference data, so that its targets can be
set against the national ones; nothing touches the user's store."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.analysis.checks import Finding, check_plan
from graph.analysis.target_gaps import cached_target_gaps
from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore
from loaders.models import PlanRecord


@dataclass
class FileCheck:
    path: Path
    record: PlanRecord | None = None
    plan_id: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # the file could not be read as a plan


def check_file(path: Path) -> FileCheck:
    """The findings of every rule on one file (or why it could not be checked)."""
    result = FileCheck(path=path)
    with PolicyStore.open(":memory:") as store:
        (report,) = ingest(store, [path], jobs=1)
        if not report.ok or report.record is None:
            result.error = report.error or f"{path}: could not be read as a plan"
            return result
        record = report.record
        gaps = [gap for gap in cached_target_gaps(store) if gap.plan == report.plan_id]
    result.record = record
    result.plan_id = report.plan_id
    lines = list(enumerate(record.source_text.split("\n"), start=1))
    result.findings = check_plan(record, lines, gaps=gaps)
    return result
