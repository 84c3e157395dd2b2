"""The parts of a national document's page: its lineage as a collapsible tree (document →
plans → tasks → agencies, with counts at each level), the provinces that have a plan for it
and those that do not, and its targets beside the provincial ones answering them (year-aware:
a 2023 figure held against a 2025 target says so), as a table and an inline SVG chart."""

from __future__ import annotations

from dataclasses import dataclass, field

from api.pages.i18n import texts
from api.pages.page_parts import Section, lines_text, node_href, short, source_href
from api.pages.tables import Cell, Table
from api.pages.target_table import targets_table
from graph.analysis.coverage import document_coverage
from graph.analysis.lineage import LineageNode
from graph.analysis.lineage_local import document_tree
from graph.analysis.target_gaps import TargetGap, target_gaps
from graph.store import PolicyStore
from graph.targets import TargetItem


@dataclass
class TreeItem:
    id: str
    kind: str
    label: str
    href: str
    relation: str | None
    repeated: bool
    counts: list[str] = field(default_factory=list)
    children: list[TreeItem] = field(default_factory=list)


def _tree(item: LineageNode, lang: str) -> TreeItem:
    t = texts(lang)
    children = [_tree(child, lang) for child in item.children]
    counts: dict[str, int] = {}
    for child in item.children:
        counts[child.kind] = counts.get(child.kind, 0) + 1
    return TreeItem(
        id=item.id,
        kind=item.kind,
        label=short(item.label, 140),
        href=node_href(item.id, lang),
        relation=t.get(f"tree_{item.relation}") if item.relation else None,
        repeated=item.repeated,
        counts=[
            f"{n} {t['count_' + kind]}"
            for kind, n in sorted(counts.items(), key=lambda kv: _KINDS.index(kv[0]) if kv[0] in _KINDS else 9)
        ],
        children=children,
    )


_KINDS = ["plan", "document", "task", "agency"]


def _gap_note(gap: TargetGap, lang: str) -> str:
    t = texts(lang)
    if gap.status != "matched":
        return t["gap_unmatched"]
    parts = []
    if gap.deadline and gap.national_deadline and gap.deadline != gap.national_deadline:
        parts.append(t["gap_years"].format(year=gap.deadline, national=gap.national_deadline))
    if gap.gap is not None:
        parts.append(t["gap_points"].format(points=f"{gap.gap:+g}".replace(".", ",")) if gap.gap else t["gap_equal"])
    elif (gap.unit or "") != "%":
        parts.append(t["gap_counts"])
    else:
        parts.append(t["gap_range"])
    return "; ".join(parts)


def _chart(gaps: list[TargetGap], lang: str) -> dict[str, object]:
    """Bars for the percentage targets: provincial beside national, on one 0–100 scale."""
    bars = []
    for gap in gaps:
        if gap.status == "matched" and gap.unit == "%" and gap.national_value is not None:
            bars.append(
                {
                    "label": short(gap.metric, 46),
                    "province": gap.province_name or "",
                    "value": gap.value,
                    "year": gap.deadline,
                    "national": gap.national_value,
                    "national_year": gap.national_deadline,
                }
            )
    return {"bars": bars[:12], "scale": max([100.0, *(b["value"] for b in bars), *(b["national"] for b in bars)])}


def lineage_sections(
    store: PolicyStore, document_id: str, targets: list[TargetItem], name: str, lang: str
) -> tuple[list[Section], list[Table]]:
    t = texts(lang)
    tree = document_tree(store, document_id)
    root = _tree(tree.root, lang)
    plans: set[str] = set()

    def walk(item: LineageNode) -> None:
        if item.kind == "plan":
            plans.add(item.id)
        for child in item.children:
            walk(child)

    walk(tree.root)
    counts = [
        f"{n} {t['count_' + kind]}"
        for kind, n in sorted(tree.counts.items(), key=lambda kv: _KINDS.index(kv[0]) if kv[0] in _KINDS else 9)
    ]
    coverage = document_coverage(store, document_id)
    provinces = Table(
        "provinces",
        t["cap_provinces"].format(name=name),
        [t["c_province"], t["c_has_plan"], t["c_plans"]],
    )
    for unit in [*coverage.covered, *coverage.uncovered]:
        provinces.add(
            Cell(unit.name, node_href(unit.province, lang), note=", ".join(unit.former_units) or None),
            t["yes"] if unit.plans else t["no"],
            Cell("; ".join(plan.label for plan in unit.plans)),
            css="has-plan" if unit.plans else "no-plan",
        )
    with_plan, without = coverage.covered, coverage.uncovered
    sections = [
        Section(
            "lineage",
            t["s_lineage"],
            template="_tree.html",
            context={"root": root, "counts": counts},
            intro=t["lineage_intro"],
        ),
        Section(
            "provinces",
            t["s_provinces"],
            table=provinces,
            intro=t["provinces_intro"].format(count=len(with_plan), total=len(with_plan) + len(without)),
        ),
    ]
    tables = [provinces]
    if targets:
        national = targets_table(store, targets, name, lang, "national-targets")
        sections.append(Section("national-targets", t["s_national_targets"], table=national))
        tables.append(national)
    gaps = [g for g in target_gaps(store) if g.national_document == document_id or g.plan in plans]
    gaps = [g for g in gaps if g.status == "matched" and g.national_document == document_id]
    if gaps:
        table = Table(
            "gaps",
            t["cap_gaps"].format(name=name),
            [
                t["c_metric"],
                t["c_province"],
                t["c_value"],
                t["c_year"],
                t["c_national_value"],
                t["c_national_year"],
                t["c_comparison"],
                t["c_source"],
            ],
            numeric={2, 4},
        )
        for gap in gaps:
            href = source_href(store, lang, gap.start_line, gap.end_line, document=gap.plan, file=gap.file)
            table.add(
                Cell(short(gap.metric, 160), node_href(gap.target, lang)),
                gap.province_name or "",
                gap.value_text,
                str(gap.deadline or ""),
                gap.national_value_text or "",
                str(gap.national_deadline or ""),
                _gap_note(gap, lang),
                Cell(lines_text(lang, gap.start_line, gap.end_line), href, css="quote-link") if href else Cell(""),
            )
        sections.append(Section("gaps", t["s_gaps"], table=table, template="_chart.html", context=_chart(gaps, lang)))
        tables.append(table)
    return sections, tables
