"""The SPARQL 1.1 Service Description of the endpoint (answer to ``GET /sparql``)."""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from graph.store.update_dataset import UPDATES_GRAPH

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
DESCRIPTION_PREFIXES = {
    "sd": SD,
    "fmt": FORMATS,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}

RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
    "N-Quads",
    "TriG",
)


def _sd(name: str) -> NamedNode:
    return NamedNode(SD + name)


def service_description(
    endpoint: str,
    *,
    update_enabled: bool,
    graph_iris: list[str],
    timeout_s: float,
    max_rows: int,
) -> list[Triple]:
    """Triples describing the service at ``endpoint`` and the graphs it holds."""
    service = BlankNode()
    dataset = BlankNode()
    default_graph = BlankNode()
    triples = [
        Triple(service, RDF_TYPE, _sd("Service")),
        Triple(service, _sd("endpoint"), NamedNode(endpoint)),
        Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        Triple(
            service,
            RDFS_COMMENT,
            Literal(
                "PolicyKG: Vietnamese implementation plans as a policy graph. "
                f"Queries stop after {timeout_s:g} s; results hold at most {max_rows} rows, "
                "and a cut result carries the header X-PolicyKG-Truncated: true. "
                "SERVICE and LOAD are refused; FROM names graphs of this store only. "
                "The default graph of queries and updates is the union of the named graphs; "
                "an update's triples written outside GRAPH go to the named graph "
                f"<{UPDATES_GRAPH}>. Numeric literals are kept by value, not as written: "
                '"-3"^^xsd:negativeInteger is answered as "-3"^^xsd:integer and '
                '"1.0E6"^^xsd:double as "1000000"^^xsd:double (equal values, different RDF terms). '
                "Relative IRIs resolve against the endpoint's URL.",
                language="en",
            ),
        ),
        Triple(service, _sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, _sd("Dataset")),
        Triple(dataset, _sd("defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, _sd("Graph")),
    ]
    if update_enabled:
        triples.append(Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    for name in RESULT_FORMATS:
        triples.append(Triple(service, _sd("resultFormat"), NamedNode(FORMATS + name)))
    for iri in graph_iris:
        named = BlankNode()
        triples.append(Triple(dataset, _sd("namedGraph"), named))
        triples.append(Triple(named, RDF_TYPE, _sd("NamedGraph")))
        triples.append(Triple(named, _sd("name"), NamedNode(iri)))
    return triples
