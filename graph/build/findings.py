"""What a plan check reports: named rules, their severity, and findings that point at a span."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from loaders.models import Span

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Rule:
    """A named check. ``id`` is stable: scripts and the RDF findings (``pol:rule``) use it."""

    id: str
    severity: Severity
    title_vi: str
    title_en: str


class Finding(BaseModel):
    """One thing a rule found in one plan, with the span it points at."""

    rule: str
    severity: Severity
    message_vi: str
    message_en: str
    span: Span | None = None
    task: str | None = None  # the task key ("V.1.2") the finding is about, if any
    suggestion_vi: str | None = None
    suggestion_en: str | None = None
    subject: str | None = None  # what the finding is about, as written (an agency, a number)

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_vi

    def suggestion(self, lang: str) -> str | None:
        return self.suggestion_en if lang == "en" else self.suggestion_vi


def finding(
    rule: Rule,
    vi: str,
    en: str,
    span: Span | None,
    *,
    task: str | None = None,
    suggestion: tuple[str, str] | None = None,
    subject: str | None = None,
    severity: Severity | None = None,
) -> Finding:
    """A finding of ``rule`` (at its own severity unless ``severity`` says otherwise)."""
    return Finding(
        rule=rule.id,
        severity=severity or rule.severity,
        message_vi=vi,
        message_en=en,
        span=span,
        task=task,
        suggestion_vi=suggestion[0] if suggestion else None,
        suggestion_en=suggestion[1] if suggestion else None,
        subject=subject,
    )


def ordered(findings: list[Finding]) -> list[Finding]:
    """Errors first, then by position in the document."""
    return sorted(
        findings,
        key=lambda f: (SEVERITY_ORDER[f.severity], f.span.start_line if f.span else 0, f.rule, f.subject or ""),
    )
