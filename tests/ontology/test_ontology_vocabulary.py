"""The OWL vocabulary: every term is declared, labelled and defined in Vietnamese and English,
aligned with ELI, ORG, PROV and SKOS, and covers every pol: term the shapes and reference
graphs use."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from ontology.namespaces import ELI, ONTOLOGY_IRI, ORG, POL, PROV, SKOS
from ontology.paths import SHAPES_FILE, reference_graphs

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)

# The names of the public contract (contract.md) plus the graph shape's extra terms.
CONTRACT_CLASSES = [
    "LegalDocument",
    "Plan",
    "Task",
    "Agency",
    "AgencyType",
    "Target",
    "Province",
    "SourceSpan",
    "Assignment",
    "UnresolvedAgency",
]
CONTRACT_PROPERTIES = [
    "documentNumber",
    "documentType",
    "issuedBy",
    "implements",
    "basedOn",
    "cites",
    "province",
    "hasTask",
    "leadAgency",
    "coordinatingAgency",
    "agencyType",
    "hasTarget",
    "targetValue",
    "targetUnit",
    "targetMetric",
    "successor",
    "sourceFile",
    "startLine",
    "endLine",
    "quote",
    "role",
    "mentionText",
    "matchedLabel",
    "reportsTo",
    "product",
    "fundingSource",
    "timeframe",
    "taskCode",
    "budgetAmount",
    "isDraft",
    "signer",
    "signingCapacity",
    "period",
    "targetValueMax",
    "comparator",
    "comparatorText",
    "deadlineYear",
    "collective",
    "flag",
    "level",
    "validFrom",
    "validUntil",
    "abolished",
    "hasAssignment",
    "agency",
]


def declared_terms(vocabulary: Graph) -> set[URIRef]:
    return {
        s
        for t in TERM_TYPES
        for s in vocabulary.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(POL)
    }


def pol_terms_used(graph: Graph) -> set[URIRef]:
    used = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith(POL):
                used.add(term)
    return used


def test_the_ontology_header_names_itself_in_both_languages(vocabulary: Graph) -> None:
    header = URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in vocabulary
    titles = {t.language for t in vocabulary.objects(header, URIRef("http://purl.org/dc/terms/title"))}
    assert titles == {"vi", "en"}


def test_every_contract_term_is_declared(vocabulary: Graph) -> None:
    declared = declared_terms(vocabulary)
    for name in CONTRACT_CLASSES:
        assert (URIRef(POL + name), RDF.type, OWL.Class) in vocabulary, name
    for name in CONTRACT_PROPERTIES:
        assert URIRef(POL + name) in declared, name


@pytest.mark.parametrize("predicate", [RDFS.label, RDFS.comment])
def test_every_term_has_one_vietnamese_and_one_english_text(vocabulary: Graph, predicate: URIRef) -> None:
    terms = declared_terms(vocabulary)
    assert len(terms) > 60
    for term in terms:
        values = [v for v in vocabulary.objects(term, predicate) if isinstance(v, Literal)]
        languages = sorted(v.language or "" for v in values)
        assert languages == ["en", "vi"], f"{term} {predicate}: {languages}"
        assert all(str(v).strip() for v in values)


@pytest.mark.parametrize(
    ("term", "link", "target"),
    [
        ("LegalDocument", RDFS.subClassOf, ELI + "LegalResource"),
        ("Plan", RDFS.subClassOf, POL + "LegalDocument"),
        ("Agency", RDFS.subClassOf, ORG + "Organization"),
        ("SourceSpan", RDFS.subClassOf, PROV + "Entity"),
        ("AgencyType", RDFS.subClassOf, SKOS + "Concept"),
        ("implements", RDFS.subPropertyOf, ELI + "applies"),
        ("basedOn", RDFS.subPropertyOf, ELI + "based_on"),
        ("cites", RDFS.subPropertyOf, ELI + "cites"),
        ("agencyType", RDFS.subPropertyOf, ORG + "classification"),
    ],
)
def test_terms_are_aligned_by_links(vocabulary: Graph, term: str, link: URIRef, target: str) -> None:
    assert (URIRef(POL + term), link, URIRef(target)) in vocabulary


def test_external_vocabularies_are_linked_not_copied(vocabulary: Graph) -> None:
    foreign_subjects = {
        s
        for s in vocabulary.subjects()
        if isinstance(s, URIRef) and not str(s).startswith(POL) and str(s) != ONTOLOGY_IRI
    }
    assert foreign_subjects == set()


def test_every_pol_term_used_in_shapes_is_declared(vocabulary: Graph, shapes: Graph) -> None:
    used = pol_terms_used(shapes)
    assert URIRef(POL + "leadAgency") in used
    assert used - declared_terms(vocabulary) == set()


@pytest.mark.parametrize("ref", reference_graphs(), ids=lambda r: r.name)
def test_every_pol_term_used_in_a_reference_graph_is_declared(vocabulary: Graph, ref) -> None:
    graph = Graph().parse(ref.path, format="turtle")
    assert len(graph) > 50
    assert pol_terms_used(graph) - declared_terms(vocabulary) == set()


def test_shapes_file_parses_as_shacl(shapes: Graph) -> None:
    assert SHAPES_FILE.name == "shapes.ttl"
    node_shapes = set(shapes.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")))
    assert len(node_shapes) >= 12
