"""Where the ontology's Turtle files are, and the named graph each reference file goes into."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ontology.namespaces import reference_graph_iri

ONTOLOGY_DIR = Path(__file__).resolve().parent
VOCABULARY_FILE = ONTOLOGY_DIR / "policykg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
REFERENCE_DIR = ONTOLOGY_DIR / "reference"

# Load order: document types and national documents first, then the agency types they
# reference, the provinces, and the restructuring that links agency types.
REFERENCE_NAMES: tuple[str, ...] = (
    "document-types",
    "national-documents",
    "agency-types",
    "provinces",
    "restructuring-2025",
)


class ReferenceGraph(NamedTuple):
    """One curated reference file and the named graph it is loaded into."""

    name: str  # the file stem, e.g. "provinces"
    graph_iri: str  # polid:graph-reference-<name>
    path: Path


def reference_file(name: str) -> Path:
    """The Turtle file of one reference graph, by name (file stem)."""
    if name not in REFERENCE_NAMES:
        raise KeyError(f"no reference graph named {name!r}; known: {', '.join(REFERENCE_NAMES)}")
    return REFERENCE_DIR / f"{name}.ttl"


def reference_graphs() -> list[ReferenceGraph]:
    """Every reference file with the IRI of its named graph, in load order."""
    return [ReferenceGraph(n, reference_graph_iri(n), reference_file(n)) for n in REFERENCE_NAMES]
