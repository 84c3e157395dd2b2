"""The page of an agency: its current name and jurisdiction, its place in the 2025
restructuring (predecessors and successors with dates and legal sources), and its mandates as
a table, inherited ones marked with the body they were given to and the date it handed over;
filtered by role and plan (``?role=&plan=``, kept by the downloads)."""

from __future__ import annotations

from fastapi import Request

from api.pages.i18n import texts
from api.pages.nodes.parts import Fact, Section, lines_text, node_href, own_words, short, source_href
from api.pages.tables import Cell, Table
from graph.analysis.lineage.local import documents
from graph.read.directory import AgencySummary, agency
from graph.read.document_facts import display_date
from graph.read.mandates import mandates
from graph.read.plans import all_plans
from graph.read.timeline import agency_timeline
from graph.store.protocol import GraphStore

ROLES = ("lead", "coordinating", "reporting")


def role_name(role: str, lang: str) -> str:
    return texts(lang).get(f"role_{role}", role)


def agency_page(store: GraphStore, found: AgencySummary, request: Request, lang: str) -> dict[str, object]:
    t = texts(lang)
    facts = [Fact(t["f_name"], (found.label_en if lang == "en" else None) or found.label)]
    if found.type_label:
        facts.append(Fact(t["f_agency_type"], found.type_label, node_href(found.type, lang)))
    if found.province:
        facts.append(Fact(t["f_province"], found.province_name or found.province, node_href(found.province, lang)))
    for successor in found.successors:
        after = agency(store, successor)
        facts.append(Fact(t["f_now"], after.label if after else successor, node_href(successor, lang), css="now"))
    facts.append(Fact(t["f_status"], t["status_current"] if found.current else t["status_replaced"]))

    timeline = agency_timeline(store, found.id)
    changes = Table(
        "restructuring",
        t["cap_restructuring"].format(name=found.label),
        [t["c_date"], t["c_before"], t["c_after"], t["c_legal_source"]],
        empty=t["no_restructuring"],
    )
    for change in timeline:
        changes.add(
            Cell(display_date(change.date)),
            Cell(change.before_label or change.before, node_href(change.before, lang), note=change.note),
            Cell(
                change.after_label or change.after,
                node_href(change.after, lang),
                note=t["partial"] if change.partial else None,
            ),
            Cell(
                change.source_number or change.source_title or change.source or "",
                node_href(change.source, lang) if change.source else None,
            ),
        )

    role = request.query_params.get("role")
    plan_filter = request.query_params.get("plan")
    everything = mandates(store, found.id, include_predecessors=True)
    plans = {plan.id: plan for plan in all_plans(store)}
    # a plan without a date is known by the period its title states ("năm 2023")
    periods = {doc.id: doc.period for doc in documents(store).values() if doc.period}
    table = Table(
        "mandates",
        t["cap_mandates"].format(name=found.label),
        [t["c_task"], t["c_role"], t["c_plan"], t["c_province"], t["c_year"], t["c_inherited_from"], t["c_source"]],
        empty=t["no_mandates"],
    )
    for mandate in everything:
        if (role and mandate.role != role) or (plan_filter and mandate.plan != plan_filter):
            continue
        plan = plans.get(mandate.plan)
        words, _opening = own_words(mandate.text)
        inherited = None
        if mandate.inherited:
            inherited = Cell(
                mandate.holder_label or mandate.holder,
                node_href(mandate.holder, lang),
                note=t["since"].format(date=display_date(mandate.handover.isoformat())) if mandate.handover else None,
            )
        href = source_href(store, lang, mandate.start_line, mandate.end_line, document=mandate.plan, file=mandate.file)
        lines = lines_text(lang, mandate.start_line, mandate.end_line) if mandate.start_line else ""
        table.add(
            Cell(short(words, 220), node_href(mandate.task, lang), note=(mandate.code or None)),
            role_name(mandate.role, lang),
            Cell(plan.label if plan and plan.label else mandate.plan, node_href(mandate.plan, lang)),
            plan.province_name if plan else "",
            str(plan.year) if plan and plan.year else periods.get(mandate.plan) or "",
            inherited or Cell(""),
            Cell(lines, href, css="quote-link") if href else Cell(lines),
            css="inherited" if mandate.inherited else None,
            role=mandate.role,
            plan=mandate.plan,
        )
    filters = {
        "roles": [(r, role_name(r, lang)) for r in ROLES if any(m.role == r for m in everything)],
        "plans": sorted(
            {(m.plan, (plans[m.plan].label if m.plan in plans else None) or m.plan) for m in everything},
            key=lambda p: p[1],
        ),
        "role": role,
        "plan": plan_filter,
    }
    inherited_count = sum(1 for m in everything if m.inherited)
    intro = t["mandates_intro"].format(total=len(everything), inherited=inherited_count)
    return {
        "kind_name": t["kind_agency"],
        "title": (found.label_en if lang == "en" else None) or found.label,
        "facts": facts,
        "sections": [
            Section("mandates", t["s_mandates"], table=table, template="_filters.html", context=filters, intro=intro),
            Section("restructuring", t["s_restructuring"], table=changes),
        ],
        "graph_href": f"/graph/agency/{found.id}",
        "tables": [table, changes],
    }
