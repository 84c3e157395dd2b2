"""Namespace constants and file paths: plain Python, importable without an RDF library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import ontology
from ontology.namespaces import local_id, polid, reference_graph_iri, sparql_prefixes

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_fixed_namespaces() -> None:
    assert ontology.POL_IRI == "https://w3id.org/policykg/ontology#"
    assert ontology.POLID_IRI == "https://w3id.org/policykg/id/"
    assert ontology.pol("Plan") == "https://w3id.org/policykg/ontology#Plan"


def test_rdflib_namespaces_are_loaded_on_first_use() -> None:
    script = (
        "import sys, ontology\n"
        "before = 'rdflib' in sys.modules\n"
        "from ontology import POL, ELI\n"
        "print(before, 'rdflib' in sys.modules, POL.leadAgency, ELI.LegalResource)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, check=True)
    assert out.stdout.split() == [
        "False",
        "True",
        "https://w3id.org/policykg/ontology#leadAgency",
        "http://data.europa.eu/eli/ontology#LegalResource",
    ]
    with pytest.raises(AttributeError):
        _ = ontology.NOT_A_NAMESPACE


def test_local_ids_are_flat() -> None:
    iri = polid("province-dong-thap")
    assert iri == "https://w3id.org/policykg/id/province-dong-thap"
    assert local_id(iri) == "province-dong-thap"
    with pytest.raises(ValueError):
        polid("province/dong-thap")
    with pytest.raises(ValueError):
        local_id("https://example.org/x")


def test_each_reference_file_has_its_named_graph() -> None:
    graphs = ontology.reference_graphs()
    assert [g.name for g in graphs] == [
        "document-types",
        "national-documents",
        "agency-types",
        "provinces",
        "restructuring-2025",
    ]
    assert {g.graph_iri for g in graphs} == {reference_graph_iri(g.name) for g in graphs}
    assert graphs[3].graph_iri == "https://w3id.org/policykg/id/graph-reference-provinces"
    assert all(g.path.is_file() and g.path.suffix == ".ttl" for g in graphs)
    assert sorted(p.name for p in ontology.REFERENCE_DIR.glob("*.ttl")) == sorted(g.path.name for g in graphs)
    assert ontology.VOCABULARY_FILE.is_file() and ontology.SHAPES_FILE.is_file()
    assert ontology.ONTOLOGY_FILE == ontology.VOCABULARY_FILE
    assert ontology.reference_files() == [(g.path, g.graph_iri) for g in graphs]
    with pytest.raises(KeyError):
        ontology.reference_file("nothing")


def test_importing_the_package_does_not_import_rdflib() -> None:
    script = "import sys, ontology, ontology.namespaces, ontology.paths\nprint('rdflib' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_sparql_prefixes_parse_in_oxigraph() -> None:
    import pyoxigraph

    store = pyoxigraph.Store()
    for ref in ontology.reference_graphs():
        store.load(path=ref.path, format=pyoxigraph.RdfFormat.TURTLE, to_graph=pyoxigraph.NamedNode(ref.graph_iri))
    query = (
        sparql_prefixes()
        + """
        SELECT ?old WHERE {
          GRAPH polid:graph-reference-provinces { ?old pol:successor polid:province-dong-thap }
        } ORDER BY ?old"""
    )
    olds = [row["old"].value for row in store.query(query)]
    assert olds == [polid("province-dong-thap-pre2025"), polid("province-tien-giang-pre2025")]
