"""A provincial target weaker than the national target it answers to.

The matching is the target-gap analysis' (``graph.analysis.target_gaps``): the same unit, a
metric that counts the same population, among the targets of the documents the plan
implements; the national deadline compared is the first at or after the provincial one. When
the two deadlines differ, the finding says so in its message instead of comparing silently.
"""

from __future__ import annotations

from graph.analysis.target_gaps import TargetGap
from graph.build.findings import Finding, Rule, finding
from loaders.models import Span

WEAKER_TARGET = Rule(
    "weaker-than-national",
    "warning",
    "Chỉ tiêu thấp hơn chỉ tiêu quốc gia",
    "A target below the national target",
)


def weaker_targets(gaps: list[TargetGap]) -> list[Finding]:
    """One finding per comparable target below its national counterpart."""
    findings: list[Finding] = []
    for gap in gaps:
        if gap.status != "matched" or not gap.comparable or gap.gap is None or gap.gap >= 0:
            continue
        national = f"{gap.national_value_text} ({gap.national_document_label}"
        national += f", {gap.national_deadline})" if gap.national_deadline else ")"
        if gap.deadline is not None and gap.national_deadline is not None and gap.deadline != gap.national_deadline:
            years_vi = (
                f" Lưu ý: chỉ tiêu của tỉnh cho năm {gap.deadline} được so với chỉ tiêu quốc gia năm "
                f"{gap.national_deadline} (khác {abs(gap.national_deadline - gap.deadline)} năm)."
            )
            years_en = (
                f" Note: the province's target for {gap.deadline} is compared with the national target for "
                f"{gap.national_deadline} ({abs(gap.national_deadline - gap.deadline)} years apart)."
            )
        else:
            years_vi = years_en = ""
        span = (
            Span(file=gap.file, start_line=gap.start_line, end_line=gap.end_line or gap.start_line, quote=gap.quote)
            if gap.file and gap.start_line and gap.quote
            else None
        )
        points = abs(gap.gap)
        findings.append(
            finding(
                WEAKER_TARGET,
                f"Chỉ tiêu “{gap.value_text}” ({gap.metric}) thấp hơn {points:g} điểm phần trăm so với chỉ tiêu "
                f"quốc gia {national}.{years_vi}",
                f"The target “{gap.value_text}” ({gap.metric}) is {points:g} percentage points below the "
                f"national target {national}.{years_en}",
                span,
                subject=gap.value_text,
            )
        )
    return findings
