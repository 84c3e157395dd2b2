"""Namespace IRIs and identifier functions, as plain strings (no RDF library needed).

The project's two namespaces are fixed: ``pol:`` for the ontology, ``polid:`` for instances.
Instance local names are flat (no slashes), so the part after ``polid:`` doubles as a route id.
"""

from __future__ import annotations

POL = "https://w3id.org/policykg/ontology#"
POLID = "https://w3id.org/policykg/id/"
POLSH = "https://w3id.org/policykg/shapes#"
ONTOLOGY_IRI = "https://w3id.org/policykg/ontology"

ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES: dict[str, str] = {
    "pol": POL,
    "polid": POLID,
    "eli": ELI,
    "org": ORG,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "sh": SH,
}

AGENCY_TYPE_SCHEME = POLID + "agency-types"
DOCUMENT_TYPE_SCHEME = POLID + "document-types"


def pol(local_name: str) -> str:
    """The IRI of an ontology term: ``pol("Plan")``."""
    return POL + local_name


def polid(local_id: str) -> str:
    """The IRI of an instance: ``polid("province-dong-thap")``."""
    if not local_id or "/" in local_id:
        raise ValueError(f"not a flat local id: {local_id!r}")
    return POLID + local_id


def local_id(iri: str) -> str:
    """The local id of an instance IRI (the part after ``polid:``); raises for other IRIs."""
    if not iri.startswith(POLID):
        raise ValueError(f"not a polid: IRI: {iri!r}")
    return iri[len(POLID) :]


def reference_graph_iri(name: str) -> str:
    """The named graph holding a reference file: ``polid:graph-reference-<file stem>``."""
    return polid(f"graph-reference-{name}")


def sparql_prefixes() -> str:
    """``PREFIX`` lines for every namespace above, to put in front of a SPARQL query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
