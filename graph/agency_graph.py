"""One description per agency.

A plan graph names agencies (in assignments, as issuer, in "nay là" statements) but does not
describe them: the description of a concrete agency (type, labels, province) is the same in
every plan that names it, and kept once, in the agencies graph, beside the 2025 successors.
A fact stored in many named graphs would come back once per graph from the union default
graph, and every query joining on agencies would grow with the number of plans.

``split_agencies`` takes the descriptions out of a freshly built plan graph (after it has
been validated whole); ``graph.succession.refresh_succession`` writes the agencies graph.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from graph.ids import local
from ontology.rdf import POL

# (agency type id, province id or None for a national body)
AgencyKey = tuple[str, str | None]

# The predicates of an agency's description; its other links (a successor named in the
# text) stay in the plan graph with the span they were read from.
_DESCRIPTION = {RDF.type, POL.agencyType, RDFS.label, SKOS.prefLabel, POL.province, POL.collective}


def split_agencies(graph: Graph) -> tuple[Graph, dict[AgencyKey, bool]]:
    """Take the agency descriptions out of the plan graph (in place; the graph is returned),
    and return the agencies it described, each with whether it names a group of bodies.
    Unresolved agencies (kept as written, per document) stay in the plan graph."""
    described: dict[AgencyKey, bool] = {}
    subjects: set[URIRef] = set()
    for node in graph.subjects(RDF.type, POL.Agency):
        if not isinstance(node, URIRef):
            continue
        agency_type = graph.value(node, POL.agencyType)
        if agency_type is None:
            continue
        province = graph.value(node, POL.province)
        key = (local(str(agency_type)), local(str(province)) if province is not None else None)
        described[key] = (node, POL.collective, Literal(True)) in graph
        subjects.add(node)
    for subject in subjects:
        for predicate in _DESCRIPTION:
            graph.remove((subject, predicate, None))
    return graph, described
