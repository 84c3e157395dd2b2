"""PolicyKG ontology: the OWL vocabulary, SHACL shapes and curated reference graphs (Turtle),
namespace constants and file paths.

Importing this package needs no RDF library. ``ontology.namespaces`` and ``ontology.paths`` are
plain Python and ``ontology.catalogue`` reads the reference data with pyoxigraph. The rdflib
``Namespace`` objects ``POL``, ``POLID``, ``POLSH``, ``ELI``, ``ORG``, ``PROV`` are loaded from
``ontology.rdf`` on first access (``from ontology import POL``); their IRIs as plain strings are
``POL_IRI``, ``POLID_IRI``, ... (also ``ontology.namespaces.POL``, ...).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ontology.namespaces import (
    AGENCY_TYPE_SCHEME,
    DOCUMENT_TYPE_SCHEME,
    ONTOLOGY_IRI,
    PREFIXES,
    local_id,
    pol,
    polid,
    reference_graph_iri,
    sparql_prefixes,
)
from ontology.namespaces import ELI as ELI_IRI
from ontology.namespaces import ORG as ORG_IRI
from ontology.namespaces import POL as POL_IRI
from ontology.namespaces import POLID as POLID_IRI
from ontology.namespaces import POLSH as POLSH_IRI
from ontology.namespaces import PROV as PROV_IRI
from ontology.paths import (
    ONTOLOGY_DIR,
    REFERENCE_DIR,
    REFERENCE_NAMES,
    SHAPES_FILE,
    VOCABULARY_FILE,
    ReferenceGraph,
    reference_file,
    reference_graphs,
)

if TYPE_CHECKING:
    from ontology.rdf import ELI, ORG, POL, POLID, POLSH, PROV  # noqa: F401

ONTOLOGY_FILE = VOCABULARY_FILE

_RDFLIB_NAMESPACES = ("POL", "POLID", "POLSH", "ELI", "ORG", "PROV")


def reference_files() -> list[tuple[Path, str]]:
    """(Turtle file, named graph IRI) of every reference graph, in load order."""
    return [(ref.path, ref.graph_iri) for ref in reference_graphs()]


def __getattr__(name: str) -> Any:
    if name in _RDFLIB_NAMESPACES:
        from ontology import rdf

        return getattr(rdf, name)
    raise AttributeError(f"module 'ontology' has no attribute {name!r}")


__all__ = [
    "AGENCY_TYPE_SCHEME",
    "DOCUMENT_TYPE_SCHEME",
    "ELI_IRI",
    "ONTOLOGY_DIR",
    "ONTOLOGY_FILE",
    "ONTOLOGY_IRI",
    "ORG_IRI",
    "POLID_IRI",
    "POLSH_IRI",
    "POL_IRI",
    "PREFIXES",
    "PROV_IRI",
    "REFERENCE_DIR",
    "REFERENCE_NAMES",
    "SHAPES_FILE",
    "VOCABULARY_FILE",
    "ReferenceGraph",
    "local_id",
    "pol",
    "polid",
    "reference_file",
    "reference_files",
    "reference_graph_iri",
    "reference_graphs",
    "sparql_prefixes",
]
