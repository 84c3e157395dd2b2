"""National coverage as triples: one ``pol:Coverage`` per national document and current
province, with the plans that carry the document out there (``pol:coveringPlan``), and one
``pol:TargetUptake`` per provincial target matched to a national one, with the similarity of
their metrics and the provincial target as what it was derived from. The facts come from
``graph.analysis.coverage``; this module only gives them their terms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Literal

from graph.build.ids import coverage_id, iri, uptake_id
from graph.build.terms import POL, PROV, RDF, decimal
from graph.build.triples import Triples


@dataclass(frozen=True)
class CoverageFact:
    """A national document in one of the 34 provinces, and the plans carrying it out there."""

    document: str  # local ids
    province: str
    plans: tuple[str, ...]


@dataclass(frozen=True)
class UptakeFact:
    """A provincial target matched to the national target of a document it implements."""

    document: str
    province: str  # the current province the target's plan belongs to
    national_target: str
    target: str
    similarity: float | None


def coverage_triples(coverage: Iterable[CoverageFact], uptakes: Iterable[UptakeFact]) -> Triples:
    graph = Triples()
    add = graph.add
    for fact in coverage:
        node = iri(coverage_id(fact.document, fact.province))
        add((node, RDF.type, POL.Coverage))
        add((node, RDF.type, PROV.Entity))
        add((node, POL.coverageOf, iri(fact.document)))
        add((node, POL.province, iri(fact.province)))
        add((node, POL.covered, Literal(bool(fact.plans))))
        for plan in fact.plans:
            add((node, POL.coveringPlan, iri(plan)))
    for uptake in uptakes:
        node = iri(uptake_id(uptake.national_target, uptake.target))
        add((node, RDF.type, POL.TargetUptake))
        add((node, RDF.type, PROV.Entity))
        add((node, POL.nationalTarget, iri(uptake.national_target)))
        add((node, POL.provincialTarget, iri(uptake.target)))
        add((node, POL.inCoverage, iri(coverage_id(uptake.document, uptake.province))))
        if uptake.similarity is not None:
            add((node, POL.similarity, decimal(Decimal(str(round(uptake.similarity, 4))))))
    return graph
