"""A node's Linked Data representation: the triples about it and those pointing at it, in
Turtle, JSON-LD or N-Triples (the ``/id/{local}`` documents for RDF clients)."""

from __future__ import annotations

from pyoxigraph import QueryTriples, RdfFormat, serialize

from graph.build.ids import node
from graph.queries.named import named_query
from graph.store.protocol import GraphStore
from ontology.namespaces import POL, POLID

FORMATS: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/n-triples": RdfFormat.N_TRIPLES,
}
EXTENSIONS: dict[str, str] = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples"}
_PREFIXES = {
    "pol": POL,
    "polid": POLID,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def node_rdf(store: GraphStore, node_id: str, media_type: str) -> bytes | None:
    """The node's triples in ``media_type`` (a key of :data:`FORMATS`); None when the store
    says nothing about it."""
    result = store.query(named_query("node_description").text, bindings={"node": node(node_id)})
    assert isinstance(result, QueryTriples)
    triples = list(result)
    if not triples:
        return None
    fmt = FORMATS[media_type]
    prefixes = _PREFIXES if fmt is RdfFormat.TURTLE else None
    return serialize(triples, format=fmt, prefixes=prefixes) or b""
