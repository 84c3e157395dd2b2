"""What every part of a plan graph is built on: the graph being filled, the document's IRI,
and the ``pol:SourceSpan`` behind every extracted fact (``prov:wasDerivedFrom``).

Spans are known by their document, lines and quote (``graph.build.ids.span_id``), so the same
record always gives the same spans.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef

from graph.build.ids import iri, span_id, task_id
from graph.build.terms import POL, PROV, RDF, decimal, integer
from graph.build.triples import Triples
from loaders.models import PlanRecord, Span


class PlanTerms:
    """The graph of one record while it is built, with the spans and repeated literals."""

    def __init__(self, record: PlanRecord, doc_local: str) -> None:
        self.record = record
        self.graph = Triples()
        self.doc_local = doc_local
        self.doc = iri(doc_local)
        self._literals: dict[str, Literal] = {}
        self._lines: dict[int, Literal] = {}

    def literal(self, text: str) -> Literal:
        """A plain literal, made once per distinct text (file names, roles, flags repeat)."""
        made = self._literals.get(text)
        if made is None:
            made = self._literals[text] = Literal(text)
        return made

    def line(self, number: int) -> Literal:
        made = self._lines.get(number)
        if made is None:
            made = self._lines[number] = integer(number)
        return made

    def span(self, span: Span) -> URIRef:
        node = iri(span_id(self.doc_local, span.start_line, span.end_line, span.quote))
        add = self.graph.add
        add((node, RDF.type, POL.SourceSpan))
        add((node, RDF.type, PROV.Entity))
        add((node, POL.sourceFile, self.literal(span.file)))
        add((node, POL.startLine, self.line(span.start_line)))
        add((node, POL.endLine, self.line(span.end_line)))
        if span.page is not None:
            add((node, POL.page, self.line(span.page)))
        if span.ocr_confidence is not None:
            add((node, POL.ocrConfidence, decimal(Decimal(str(round(span.ocr_confidence, 1))))))
        add((node, POL.quote, Literal(span.quote)))
        return node

    def derived(self, node: URIRef, span: Span) -> None:
        self.graph.add((node, PROV.wasDerivedFrom, self.span(span)))

    def flags(self, node: URIRef, flags: list[str]) -> None:
        for flag in flags:
            self.graph.add((node, POL.flag, self.literal(flag)))

    def task_local(self, key: str) -> str:
        return task_id(self.doc_local, key)

    def task_iri(self, key: str) -> URIRef:
        return iri(self.task_local(key))
