"""A plan's check findings as RDF, in the plan's own graph: one ``pol:Finding`` per finding,
linked from the plan by ``pol:hasFinding``, with its rule, severity, messages in Vietnamese and
English, the suggestion, the task it is about and the span it points at
(``prov:wasDerivedFrom``), so that SPARQL users can ask for them."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Literal

from graph.build.findings import Finding
from graph.build.ids import finding_id, iri
from graph.build.plan.spans import PlanTerms
from graph.build.terms import POL, PROV, RDF, vi


def add_findings(plan: PlanTerms, findings: Sequence[Finding]) -> None:
    add = plan.graph.add
    for index, found in enumerate(findings, start=1):
        node = iri(finding_id(plan.doc_local, index))
        add((plan.doc, POL.hasFinding, node))
        add((node, RDF.type, POL.Finding))
        add((node, RDF.type, PROV.Entity))
        add((node, POL.rule, Literal(found.rule)))
        add((node, POL.severity, Literal(found.severity)))
        add((node, POL.message, vi(found.message_vi)))
        add((node, POL.message, Literal(found.message_en, lang="en")))
        if found.suggestion_vi:
            add((node, POL.suggestion, vi(found.suggestion_vi)))
        if found.suggestion_en:
            add((node, POL.suggestion, Literal(found.suggestion_en, lang="en")))
        if found.task is not None:
            add((node, POL.aboutTask, plan.task_iri(found.task)))
        if found.span is not None:
            add((node, PROV.wasDerivedFrom, plan.span(found.span)))
