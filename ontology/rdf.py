"""rdflib views of the ontology: namespace objects and loaders for the Turtle files.

For modelling, parsing and SHACL validation; queries run in Oxigraph (see graph/store/embedded.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Namespace, URIRef

from ontology.namespaces import ELI as ELI_IRI
from ontology.namespaces import ORG as ORG_IRI
from ontology.namespaces import POL as POL_IRI
from ontology.namespaces import POLID as POLID_IRI
from ontology.namespaces import POLSH as POLSH_IRI
from ontology.namespaces import PREFIXES
from ontology.namespaces import PROV as PROV_IRI
from ontology.paths import SHAPES_FILE, VOCABULARY_FILE, reference_graphs

POL = Namespace(POL_IRI)
POLID = Namespace(POLID_IRI)
POLSH = Namespace(POLSH_IRI)
ELI = Namespace(ELI_IRI)
ORG = Namespace(ORG_IRI)
PROV = Namespace(PROV_IRI)


class CachedTerms:
    """A namespace's terms as attributes, each term made once. (rdflib makes, and checks, a new
    ``URIRef`` on every attribute access, which adds up when a graph is built term by term.)"""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term  # type: ignore[no-any-return]


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on a graph (for readable serialisations)."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, Namespace(iri), override=True)
    return graph


def _parse(paths: Iterable[Path]) -> Graph:
    graph = bind_prefixes(Graph())
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def vocabulary_graph() -> Graph:
    """The OWL vocabulary (policykg.ttl): the ontology graph for SHACL validation."""
    return _parse([VOCABULARY_FILE])


def shapes_graph() -> Graph:
    """The SHACL shapes (shapes.ttl)."""
    return _parse([SHAPES_FILE])


def reference_graph() -> Graph:
    """The union of all reference graphs, as one graph."""
    return _parse(ref.path for ref in reference_graphs())


def reference_dataset() -> Dataset:
    """All reference graphs, each in its named graph ``polid:graph-reference-<name>``."""
    dataset = Dataset()
    for prefix, iri in PREFIXES.items():
        dataset.bind(prefix, Namespace(iri), override=True)
    for ref in reference_graphs():
        dataset.graph(URIRef(ref.graph_iri)).parse(ref.path, format="turtle")
    return dataset
