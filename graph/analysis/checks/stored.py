"""The findings of a stored plan: those its checks wrote at ingest (``pol:Finding`` in the
plan's graph), and the targets below the national ones, set against the store's current
national targets when asked (a later ingest can add the document a plan implements)."""

from __future__ import annotations

from graph.analysis.checks.target_rules import weaker_targets
from graph.analysis.target_gaps import cached_target_gaps
from graph.build.findings import Finding, ordered
from graph.build.ids import node
from graph.queries.named import run_named
from graph.store.protocol import GraphStore
from loaders.models import Span


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def stored_findings(store: GraphStore, plan: str) -> list[Finding]:
    found: list[Finding] = []
    for row in run_named(store, "plan_findings", plan=node(plan)):
        span = None
        if row.get("file") is not None and row.get("startLine") is not None:
            span = Span(
                file=str(row["file"]),
                start_line=int(str(row["startLine"])),
                end_line=int(str(row.get("endLine") or row["startLine"])),
                quote=str(row.get("quote") or ""),
            )
        found.append(
            Finding(
                rule=str(row["rule"]),
                severity=str(row["severity"]),  # type: ignore[arg-type]
                message_vi=str(row["messageVi"]),
                message_en=str(row["messageEn"]),
                suggestion_vi=_text(row.get("suggestionVi")),
                suggestion_en=_text(row.get("suggestionEn")),
                task=_text(row.get("taskKey")),
                span=span,
            )
        )
    return found


def plan_findings(store: GraphStore, plan: str) -> list[Finding]:
    """Every finding on a stored plan, errors first."""
    gaps = [gap for gap in cached_target_gaps(store) if gap.plan == plan]
    return ordered([*stored_findings(store, plan), *weaker_targets(gaps)])
