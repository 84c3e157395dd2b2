"""The pages of a task, a target, a province, an agency type (and any other node): what it
states, the nodes it is linked to grouped by relation, and the source lines it was read from,
each with a link to the source reader. A task shows its own words first, the opening clause
("Chủ trì, phối hợp với …") after them."""

from __future__ import annotations

import re

from api.pages.i18n import texts
from api.pages.nodes.parts import Fact, Section, lines_text, node_href, own_words, short, source_href
from api.pages.tables import Cell, Table
from graph.read.document_facts import display_date
from graph.read.legal_chain import task_chain
from graph.store.protocol import GraphStore
from graph.visualize.kinds import KINDS_BY_NAME, relation_name
from graph.visualize.store_nodes import NodeDetails, neighbours, sources

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Plain properties shown as facts, with the text key naming each.
_FACTS = {
    "pol:taskCode": "f_code",
    "pol:heading": "f_heading",
    "pol:timeframe": "f_timeframe",
    "pol:product": "f_product",
    "pol:fundingSource": "f_funding",
    "pol:targetValue": "f_value",
    "pol:targetValueMax": "f_value_max",
    "pol:comparatorText": "f_comparator",
    "pol:targetUnit": "f_unit",
    "pol:targetMetric": "f_metric",
    "pol:deadlineYear": "f_deadline",
    "pol:targetText": "f_target_text",
    "pol:validFrom": "f_valid_from",
    "pol:validUntil": "f_valid_until",
    "pol:unitKind": "f_unit_kind",
}


def kind_label(kind: str | None, lang: str) -> str:
    found = KINDS_BY_NAME.get(kind or "")
    if found is None:
        return texts(lang)["kind_node"]
    return found.en if lang == "en" else found.vi


def other_page(store: GraphStore, found: NodeDetails, lang: str) -> dict[str, object]:
    t = texts(lang)
    title = found.label
    facts: list[Fact] = []
    values = dict(reversed(found.properties))
    if found.kind == "task":
        text = values.get("dcterms:description", "")
        words, opening = own_words(text)
        title = short(words, 200)
        facts.append(Fact(t["f_task_text"], words))
        if opening:
            facts.append(Fact(t["f_opening"], opening, css="opening"))
    # in the order of _FACTS: a target reads value, comparison, unit, metric, deadline
    for prop, key in _FACTS.items():
        for value in dict.fromkeys(v for p, v in found.properties if p == prop):
            facts.append(Fact(t[key], display_date(value) if _ISO_DATE.fullmatch(value) else value))
    links = Table(
        "links",
        t["cap_links"].format(name=short(title, 80)),
        [t["c_kind"], t["c_name"]],
        group_label=t["c_relation"],
        empty=t["no_links"],
    )
    plan_of_task: str | None = None
    for item in sorted(neighbours(store, found.id, lang), key=lambda n: (n.relation, n.direction, n.label)):
        if item.relation == "hasTask" and item.direction == "in":
            plan_of_task = item.other
        inverse = t.get(f"inv_{item.relation}") if item.direction == "in" else None
        group = inverse or ("→ " if item.direction == "out" else "← ") + relation_name(item.relation, lang)
        links.add(kind_label(item.kind, lang), Cell(short(item.label, 200), node_href(item.other, lang)), group=group)
    quotes = Table(
        "sources",
        t["cap_sources"].format(name=short(title, 80)),
        [t["c_lines"], t["c_file"], t["c_quote"]],
        empty=t["no_sources"],
    )
    for source in sources(store, found.id):
        href = source_href(store, lang, source.start_line, source.end_line, document=plan_of_task, file=source.file)
        lines = lines_text(lang, source.start_line, source.end_line) if source.start_line else ""
        quotes.add(
            Cell(lines, href, css="quote-link") if href else Cell(lines),
            source.file or "",
            Cell(source.quote, css="quote"),
        )
    sections = [Section("links", t["s_links"], table=links)]
    tables = [links]
    if found.kind == "task" and plan_of_task:
        chain = Table(
            "legal-chain",
            t["cap_chain"].format(name=short(title, 80)),
            [t["c_document"], t["c_relation"], t["c_date"], t["c_title"]],
            empty=t["no_relations"],
        )
        for step in task_chain(store, plan_of_task, found.id):
            chain.add(
                Cell(step.number or short(step.title or step.id, 80), node_href(step.id, lang)),
                t.get(f"tree_{step.relation}", step.relation) + f" ({step.depth})",
                display_date(step.issued),
                short(step.title or "", 200),
            )
        sections.append(Section("legal-chain", t["s_chain"], table=chain))
        tables.append(chain)
    if quotes.rows:
        sections.append(Section("sources", t["s_sources"], table=quotes))
    tables.append(quotes)
    return {
        "kind_name": kind_label(found.kind, lang),
        "title": title,
        "facts": facts,
        "sections": sections,
        "graph_href": f"/graph/node/{found.id}",
        "tables": tables,
    }
