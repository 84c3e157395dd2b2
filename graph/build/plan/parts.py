"""``PlanRecord`` → one named RDF graph, with a ``pol:SourceSpan`` behind every extracted fact.

The same record always gives the same triples (IRIs come from the document's number, its
province and the task keys; spans from line numbers and quotes), so re-ingesting a file
replaces its graph with an identical one. The parts of the graph are built by the modules
of this package (``document``, ``references``, ``agencies``, ``tasks``, ``targets``,
``successions``, ``findings`` over ``spans``), of the terms of ``graph.build.terms``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef

from graph.build.agency_keys import AgencyKey
from graph.build.findings import Finding
from graph.build.ids import graph_id, iri
from graph.build.plan.document import PlanBuilder
from graph.build.plan.findings import add_findings
from graph.build.terms import POL
from graph.build.triples import Triples
from loaders.models import PlanRecord


@dataclass
class PlanGraph:
    """One document's graph: its own triples (stored in its named graph), the descriptions of
    the agencies it names (stored once for all documents, in the agencies graph), and those
    agencies with whether each names a group of bodies."""

    iri: str
    own: Triples
    agencies: Triples
    described: dict[AgencyKey, bool]
    doc: str = ""  # the document's IRI

    def whole(self) -> Triples:
        """Everything the document says, agencies included (what validation reads)."""
        return Triples([*self.own, *self.agencies])

    def file_only(self) -> Triples:
        """What the graph says of its own file (the triples about the graph's node): what is
        kept of a file whose document is read from another, better-read file."""
        node = URIRef(self.iri)
        return Triples([triple for triple in self.own if triple[0] == node])


def build_plan_parts(record: PlanRecord, findings: Sequence[Finding] = ()) -> PlanGraph:
    """The document's graph; ``findings`` are its check findings (``graph.analysis.checks``)."""
    builder = PlanBuilder(record)
    own = builder.build()
    add_findings(builder, findings)
    graph_iri = iri(graph_id(record.source_file))
    if record.source_text:
        # the text the spans' line numbers count in, on the file's graph node (the source reader)
        own.add((graph_iri, POL.sourceText, Literal(record.source_text)))
        # a paged file (PDF, scan): the line each page begins on, for the reader to show pages
        for start in record.page_starts:
            own.add((graph_iri, POL.pageStartLine, Literal(start)))
    return PlanGraph(
        str(graph_iri),
        own,
        builder.agency_descriptions,
        builder.described_agencies,
        str(builder.doc),
    )


def build_plan_graph(record: PlanRecord) -> tuple[str, Triples]:
    """The named graph's IRI and all the triples of one document, agency descriptions included."""
    parts = build_plan_parts(record)
    return parts.iri, parts.whole()
