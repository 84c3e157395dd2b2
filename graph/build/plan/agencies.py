"""The agencies a plan names and what it assigns them: issuers, lead, coordinating and
reporting bodies (``pol:Assignment``), whether known to the catalogue, recognised by the head
noun of their name, or kept as written.

A concrete agency (type, province) is described once for all documents
(``graph.build.agency_keys``): its description goes to ``agency_descriptions``, kept apart from
the plan's own triples; a body of no known type is described in the plan's own graph.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from graph.build.agency_keys import AgencyKey
from graph.build.ids import agency_id, assignment_id, iri, named_agency_id, province_suffix, unresolved_agency_id
from graph.build.plan.spans import PlanTerms
from graph.build.terms import ORG, POL, RDF, RDFS, SKOS, vi
from graph.build.triples import Triples
from loaders.models import AgencyMention, PlanRecord
from ontology import catalogue

ROLE_PROPERTY = {
    "lead": POL.leadAgency,
    "coordinating": POL.coordinatingAgency,
    "reporting": POL.reportsTo,
}
_TRUE = Literal(True)


class AgencyTerms(PlanTerms):
    def __init__(self, record: PlanRecord, doc_local: str) -> None:
        super().__init__(record, doc_local)
        # the descriptions of the concrete agencies the plan names, kept apart (graph.build.agency_keys)
        self.agency_descriptions = Triples()
        self.described_agencies: dict[AgencyKey, bool] = {}
        self.agencies: set[URIRef] = set()

    def agency(self, mention: AgencyMention) -> URIRef:
        add = self.graph.add
        province = None if mention.national else mention.province
        generic = catalogue.agency_types().get(mention.type_id or "")
        if mention.type_id is None or (
            generic is not None and generic.generic and not (province or mention.group or mention.national)
        ):
            # a body of no known jurisdiction, or that no type names: kept as written
            node = iri(unresolved_agency_id(mention.text, province))
            add((node, RDF.type, POL.UnresolvedAgency))
            add((node, RDFS.label, vi(mention.text)))
            add((node, POL.flag, self.literal("unresolved")))
            if province:
                add((node, POL.province, iri(province)))
            return node
        if generic is not None and generic.generic:
            return self.named_agency(mention, province)
        node = iri(agency_id(mention.type_id, province if not mention.national else None))
        if node in self.agencies:
            return node
        self.agencies.add(node)
        describe_agency(self.agency_descriptions, mention.type_id, province, collective=mention.group)
        key = (mention.type_id, province)
        self.described_agencies[key] = self.described_agencies.get(key, False) or (
            (node, POL.collective, _TRUE) in self.agency_descriptions
        )
        return node

    def named_agency(self, mention: AgencyMention, province: str | None) -> URIRef:
        """A body not in the catalogue, recognised by the head noun of its name: one node per
        name as written and province, of the head noun's type, described in the plan's own
        graph (as unresolved bodies are), since no curated description exists for it."""
        assert mention.type_id is not None
        add = self.graph.add
        node = iri(named_agency_id(mention.text, province))
        add((node, RDF.type, POL.Agency))
        add((node, RDF.type, ORG.Organization))
        add((node, POL.agencyType, iri(mention.type_id)))
        add((node, RDFS.label, vi(mention.text)))
        add((node, SKOS.prefLabel, vi(mention.text)))
        add((node, POL.flag, self.literal("recognised by structure")))
        if province:
            add((node, POL.province, iri(province)))
        if mention.group:
            add((node, POL.collective, _TRUE))
        return node

    def assign(self, task: URIRef, task_local: str, mention: AgencyMention, role: str, index: int) -> None:
        agency = self.agency(mention)
        add = self.graph.add
        add((task, ROLE_PROPERTY[role], agency))
        node = iri(assignment_id(task_local, role, index))
        add((task, POL.hasAssignment, node))
        add((node, RDF.type, POL.Assignment))
        add((node, POL.agency, agency))
        add((node, POL.role, self.literal(role)))
        add((node, POL.mentionText, Literal(mention.text)))
        if mention.matched_label:
            add((node, POL.matchedLabel, Literal(mention.matched_label)))
        self.flags(node, mention.flags)
        self.derived(node, mention.span)


def describe_agency(graph: Triples, type_id: str, province: str | None, *, collective: bool = False) -> URIRef:
    """Add the description of the concrete agency (type, province) to ``graph``: its classes,
    type, Vietnamese and English labels, province, and whether it names a group of bodies.
    Every graph that describes an agency describes it with exactly these triples."""
    node = iri(agency_id(type_id, province))
    graph.add((node, RDF.type, POL.Agency))
    graph.add((node, RDF.type, ORG.Organization))
    graph.add((node, POL.agencyType, iri(type_id)))
    name_vi, name_en = agency_labels(type_id, province)
    graph.add((node, RDFS.label, vi(name_vi)))
    graph.add((node, SKOS.prefLabel, vi(name_vi)))
    if name_en:
        graph.add((node, RDFS.label, Literal(name_en, lang="en")))
    if province:
        graph.add((node, POL.province, iri(province)))
    entry = catalogue.agency_types().get(type_id)
    if collective or (entry is not None and entry.category == "group"):
        graph.add((node, POL.collective, _TRUE))
    return node


def agency_labels(type_id: str, province: str | None) -> tuple[str, str | None]:
    """ "Sở Công Thương tỉnh An Giang" / "Department of Industry and Trade, An Giang"."""
    entry = catalogue.agency_types().get(type_id)
    name_vi = entry.pref_vi if entry else type_id
    name_en = entry.pref_en if entry else None
    if not province:
        return name_vi, name_en
    unit = catalogue.provinces().get(province)
    if unit is None:
        return f"{name_vi} ({province_suffix(province)})", name_en
    scope = unit.unit_kind or "tỉnh"
    suffix = "" if unit.current else " (trước 01/7/2025)"
    # A type named for its level ("Ủy ban nhân dân tỉnh", "Hiệp hội Doanh nghiệp tỉnh") takes
    # the unit's own level word instead: "Ủy ban nhân dân thành phố Cần Thơ".
    name_vi = re.sub(r"\s+(?:tỉnh|thành phố)$", "", name_vi)
    label_vi = f"{name_vi} {scope} {unit.name}{suffix}"
    label_en = f"{name_en}, {unit.name}{'' if unit.current else ' (before 1 July 2025)'}" if name_en else None
    return label_vi, label_en
