"""The page of a legal document or a plan, as a document site shows one: its facts (number,
type, date, issuer, signer and capacity, draft flag), its relations grouped as a "Lược đồ"
(căn cứ, thực hiện, trích dẫn, and the reverse), and then, for a plan, its tasks under its own
headings, targets and budget; for a document plans implement, the lineage tree, the provinces
with and without a plan for it, and its national targets beside the provincial ones."""

from __future__ import annotations

from api.pages.i18n import texts
from api.pages.nodes.document_lineage import lineage_sections
from api.pages.nodes.parts import Fact, Section, lines_text, node_href, own_words, short, source_href
from api.pages.nodes.targets import number_text, targets_table
from api.pages.tables import Cell, Table
from graph.analysis.checks import RULES_BY_ID
from graph.analysis.checks.stored import plan_findings
from graph.read.document_facts import DocumentFacts, Related, display_date, document_relations
from graph.read.plans import plan_budget, plan_tasks
from graph.read.source_text import graph_of_document
from graph.read.targets import targets_of
from graph.read.task_details import task_details
from graph.store.protocol import GraphStore

# The groups of relations, in the order a document site shows them.
RELATION_GROUPS = (
    ("based_on", "out"),
    ("implements", "out"),
    ("cites", "out"),
    ("implements", "in"),
    ("based_on", "in"),
    ("cites", "in"),
)


def _facts(facts: DocumentFacts, lang: str) -> list[Fact]:
    t = texts(lang)
    found = [Fact(t["f_number"], facts.number or t["no_number"])]
    type_label = (facts.type_english if lang == "en" else None) or facts.type_label
    if type_label:
        found.append(Fact(t["f_type"], type_label))
    if facts.issued or facts.year:
        found.append(Fact(t["f_date"], display_date(facts.issued, facts.year)))
    if facts.issuer_label:
        found.append(Fact(t["f_issuer"], facts.issuer_label, node_href(facts.issuer, lang) if facts.issuer else None))
    if facts.province_name and facts.province:
        found.append(Fact(t["f_province"], facts.province_name, node_href(facts.province, lang)))
    if facts.signer:
        found.append(Fact(t["f_signer"], facts.signer))
    if facts.capacity:
        found.append(Fact(t["f_capacity"], facts.capacity))
    if facts.period:
        found.append(Fact(t["f_period"], facts.period))
    if facts.draft is not None:
        found.append(
            Fact(
                t["f_status"],
                t["status_draft"] if facts.draft else t["status_issued"],
                css="draft" if facts.draft else None,
            )
        )
    if facts.file:
        found.append(Fact(t["f_file"], facts.file))
    return found


def relations_table(related: list[Related], lang: str, name: str) -> Table:
    t = texts(lang)
    table = Table(
        "relations",
        t["cap_relations"].format(name=name),
        [t["c_document"], t["c_date"], t["c_issuer"], t["c_title"]],
        group_label=t["c_relation"],
        empty=t["no_relations"],
    )
    for relation, direction in RELATION_GROUPS:
        for item in related:
            if (item.relation, item.direction) != (relation, direction):
                continue
            if item.number:
                label = item.number
            elif item.plan:
                label = t["kind_plan"] + (f" — {item.province_name}" if item.province_name else "")
            else:
                label = short(item.title or item.id, 80)
            table.add(
                Cell(label or item.id, node_href(item.id, lang)),
                display_date(item.issued, item.year),
                item.issuer_label or "",
                short(item.title or "", 200),
                group=t[f"rel_{relation}_{direction}"],
            )
    return table


def _tasks_table(store: GraphStore, plan_id: str, name: str, lang: str) -> Table:
    t = texts(lang)
    details = task_details(store, plan_id)
    table = Table(
        "tasks",
        t["cap_tasks"].format(name=name),
        [
            t["c_code"],
            t["c_task"],
            t["c_lead"],
            t["c_coordinating"],
            t["c_product"],
            t["c_funding"],
            t["c_timeframe"],
            t["c_source"],
        ],
        group_label=t["c_heading"],
        empty=t["no_tasks"],
    )
    for task in plan_tasks(store, plan_id):
        words, _opening = own_words(task.text)
        leads = [a for a in task.assignments if a.role == "lead"]
        coordinating = [a for a in task.assignments if a.role == "coordinating"]
        extra = details.get(task.id)
        href = source_href(store, lang, task.start_line, task.end_line, document=plan_id)
        table.add(
            Cell(task.code or "", node_href(task.id, lang)),
            Cell(short(words, 260), node_href(task.id, lang)),
            "; ".join(a.agency_label or a.as_written for a in leads),
            "; ".join(a.agency_label or a.as_written for a in coordinating),
            "; ".join(extra.products) if extra else "",
            "; ".join(extra.funding) if extra else "",
            task.timeframe or "",
            Cell(lines_text(lang, task.start_line, task.end_line), href, css="quote-link")
            if href and task.start_line
            else Cell(""),
            group=task.heading or t["no_heading"],
        )
    return table


def _checks_table(store: GraphStore, plan_id: str, name: str, lang: str) -> Table:
    t = texts(lang)
    table = Table(
        "checks",
        t["cap_checks"].format(name=name),
        [t["c_severity"], t["c_rule"], t["c_message"], t["c_suggestion"], t["c_source"]],
        empty=t["no_findings"],
    )
    for found in plan_findings(store, plan_id):
        rule = RULES_BY_ID.get(found.rule)
        title = (rule.title_en if lang == "en" else rule.title_vi) if rule else found.rule
        span = found.span
        href = source_href(store, lang, span.start_line, span.end_line, document=plan_id) if span else None
        table.add(
            t[f"sev_{found.severity}"],
            title,
            found.message(lang),
            found.suggestion(lang) or "",
            Cell(lines_text(lang, span.start_line, span.end_line), href, css="quote-link")
            if span and href
            else Cell(""),
            css=f"severity-{found.severity}",
        )
    return table


def document_page(store: GraphStore, facts: DocumentFacts, lang: str) -> dict[str, object]:
    t = texts(lang)
    name = facts.number or (facts.title and short(facts.title, 80)) or facts.id
    related = document_relations(store, facts.id)
    relations = relations_table(related, lang, name)
    sections: list[Section] = [Section("relations", t["s_relations"], table=relations)]
    tables: list[Table] = [relations]
    targets = targets_of(store, facts.id)
    if facts.plan:
        tasks = _tasks_table(store, facts.id, name, lang)
        sections.insert(0, Section("tasks", t["s_tasks"], table=tasks))
        tables.insert(0, tasks)
        if targets:
            table = targets_table(store, targets, name, lang)
            sections.append(Section("targets", t["s_targets"], table=table))
            tables.append(table)
        checks = _checks_table(store, facts.id, name, lang)
        sections.append(Section("checks", t["s_checks"], table=checks))
        tables.append(checks)
        budget = plan_budget(store, facts.id)
        if budget.amounts_dong or budget.sources:
            sections.append(
                Section(
                    "budget",
                    t["s_budget"],
                    template="_budget.html",
                    context={"amounts": [number_text(a) for a in budget.amounts_dong], "sources": budget.sources},
                )
            )
    else:
        extra_sections, extra_tables = lineage_sections(store, facts.id, targets, name, lang)
        sections.extend(extra_sections)
        tables.extend(extra_tables)
    graph = graph_of_document(store, facts.id)
    kind = t["kind_plan"] if facts.plan else t["kind_document"]
    title = facts.title or name
    heading = f"{facts.number} — {title}" if facts.number and facts.title else title
    return {
        "kind_name": kind,
        "title": heading,
        "facts": _facts(facts, lang),
        "sections": sections,
        "graph_href": f"/graph/plan/{facts.id}" if facts.plan else f"/graph/legal/{facts.id}",
        "text_href": f"/source/{graph}" if graph else None,
        "tables": tables,
        "description": facts.description,
    }
