"""A plan's check findings as RDF, in the plan's own graph: one ``pol:Finding`` per finding,
linked from the plan by ``pol:hasFinding``, with its rule, severity, messages in Vietnamese and
English, the suggestion, the task it is about and the span it points at
(``prov:wasDerivedFrom``), so that SPARQL users can ask for them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF

from graph.build.findings import Finding
from graph.build.ids import iri
from loaders.models import Span
from ontology.rdf import POL


class PlanTerms(Protocol):
    """What the plan builder offers: the plan, its spans and its tasks' IRIs."""

    doc: URIRef
    doc_local: str

    def add(self, s: URIRef, p: URIRef, o: object) -> None: ...

    def span(self, span: Span) -> URIRef: ...

    def task_iri(self, key: str) -> URIRef: ...


def add_findings(plan: PlanTerms, findings: Sequence[Finding]) -> None:
    for index, found in enumerate(findings, start=1):
        node = iri(f"finding-{plan.doc_local[4:]}-{index}")
        plan.add(plan.doc, POL.hasFinding, node)
        plan.add(node, RDF.type, POL.Finding)
        plan.add(node, RDF.type, PROV.Entity)
        plan.add(node, POL.rule, Literal(found.rule))
        plan.add(node, POL.severity, Literal(found.severity))
        plan.add(node, POL.message, Literal(found.message_vi, lang="vi"))
        plan.add(node, POL.message, Literal(found.message_en, lang="en"))
        if found.suggestion_vi:
            plan.add(node, POL.suggestion, Literal(found.suggestion_vi, lang="vi"))
        if found.suggestion_en:
            plan.add(node, POL.suggestion, Literal(found.suggestion_en, lang="en"))
        if found.task is not None:
            plan.add(node, POL.aboutTask, plan.task_iri(found.task))
        if found.span is not None:
            plan.add(node, PROV.wasDerivedFrom, plan.span(found.span))
