"""Shared fixtures: the ontology's graphs parsed with rdflib, and SHACL validation of a data
graph together with the reference graphs."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph

from ontology.rdf import reference_graph, shapes_graph, vocabulary_graph

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = REPO_ROOT / "data" / "samples"

Validator = Callable[[Graph], tuple[bool, Graph, str]]


@pytest.fixture(scope="session")
def vocabulary() -> Graph:
    return vocabulary_graph()


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return shapes_graph()


@pytest.fixture(scope="session")
def reference() -> Graph:
    return reference_graph()


@pytest.fixture(scope="session")
def validate(shapes: Graph, vocabulary: Graph) -> Validator:
    """Validate a data graph as the project does: shapes.ttl, policykg.ttl as ontology graph."""

    def run(data: Graph) -> tuple[bool, Graph, str]:
        conforms, report, text = pyshacl.validate(
            data, shacl_graph=shapes, ont_graph=vocabulary, inference="none"
        )
        return bool(conforms), report, text

    return run


def read_sample_lines(name: str) -> list[str]:
    """The lines of a bundled sample plan, NFC-normalised (line 1 is index 0)."""
    text = (SAMPLES_DIR / name).read_text(encoding="utf-8")
    return unicodedata.normalize("NFC", text).splitlines()


@pytest.fixture(scope="session")
def sample_lines() -> Callable[[str], list[str]]:
    """The lines of a bundled sample plan (data/samples), NFC-normalised."""
    return read_sample_lines
