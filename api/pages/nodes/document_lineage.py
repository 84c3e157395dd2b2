"""The parts of a national document's page: its lineage as a collapsible tree (document →
plans → tasks → agencies, with counts at each level), the provinces that have a plan for it
and those that do not, and its targets beside the provincial ones answering them (year-aware:
a 2023 figure held against a 2025 target says so), as a table and an inline SVG chart."""

from __future__ import annotations

from dataclasses import dataclass, field

from api.pages.i18n import texts
from api.pages.nodes.parts import Section, lines_text, node_href, short, source_href
from api.pages.nodes.targets import targets_table
from api.pages.tables import Cell, Table
from graph.analysis.coverage import current_unit
from graph.analysis.lineage.dag import LineageNode
from graph.analysis.lineage.local import document_tree
from graph.analysis.target_gaps import TargetGap, cached_target_gaps
from graph.read.plans import all_plans
from graph.read.targets import TargetItem
from graph.store.protocol import GraphStore
from loaders.text import fold
from ontology import catalogue


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
    tasks = [child for child in item.children if child.kind == "task"]
    shown = [child for child in item.children if child.kind != "task"] + tasks[:TASKS_SHOWN]
    children = [_tree(child, lang) for child in sorted(shown, key=item.children.index)]
    if len(tasks) > TASKS_SHOWN:  # the rest on the plan's own page, which lists them all
        more = t["tree_more_tasks"].format(count=len(tasks) - TASKS_SHOWN)
        children.append(TreeItem(f"{item.id}-more", "more", more, node_href(item.id, lang) + "#tasks", None, False))
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
# Tasks listed under a plan in the tree (the plan's page has them all): the tree of a national
# document over 200 plans stays a page a browser opens in a second, not 7 MB.
TASKS_SHOWN = 12


Unit = tuple[str, str, list[str], list[str]]  # id, name, former units merged into it, plan labels


def _provinces(store: GraphStore, plans: set[str]) -> tuple[list[Unit], list[Unit]]:
    """The 34 current provinces with the plans of the tree (a merged unit's plan counted for
    the province it became), and those without."""
    units = catalogue.provinces()
    former: dict[str, list[str]] = {u.id: [] for u in units.values() if u.current}
    for unit in units.values():
        now = current_unit(unit.id) if not unit.current else None
        if now in former and unit.name != units[now].name and unit.name not in former[now]:
            former[now].append(unit.name)
    labels: dict[str, list[str]] = {unit: [] for unit in former}
    for plan in all_plans(store):
        now = current_unit(plan.province) if plan.id in plans and plan.province else None
        if now in labels:
            labels[now].append(plan.label or plan.id)
    ordered = sorted(former, key=lambda u: fold(units[u].name))
    found = [(u, units[u].name, former[u], labels[u]) for u in ordered]
    return [f for f in found if f[3]], [f for f in found if not f[3]]


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
    bars: list[dict[str, object]] = []
    highest = 100.0
    for gap in gaps:
        if gap.status == "matched" and gap.unit == "%" and gap.national_value is not None:
            highest = max(highest, gap.value, gap.national_value)
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
    return {"bars": bars[:12], "scale": highest}


def lineage_sections(
    store: GraphStore, document_id: str, targets: list[TargetItem], name: str, lang: str
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
    provinces = Table(
        "provinces",
        t["cap_provinces"].format(name=name),
        [t["c_province"], t["c_has_plan"], t["c_plans"]],
    )
    with_plan, without = _provinces(store, plans)
    for unit_id, unit_name, former, plan_labels in [*with_plan, *without]:
        provinces.add(
            Cell(unit_name, node_href(unit_id, lang), note=", ".join(former) or None),
            t["yes"] if plan_labels else t["no"],
            Cell("; ".join(plan_labels)),
            css="has-plan" if plan_labels else "no-plan",
        )
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
    every_gap = cached_target_gaps(store)
    gaps = [g for g in every_gap if g.national_document == document_id or g.plan in plans]
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
