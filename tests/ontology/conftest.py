"""Shared fixtures: the ontology's graphs parsed with rdflib, and SHACL validation of a data
graph together with the reference graphs."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _import_the_ontology_package() -> None:
    """Make ``import ontology`` mean the package at the repository root.

    In pytest's default import mode the folder ``tests/`` goes on ``sys.path``; with the
    package installed in editable mode (found by a meta-path finder, after the path finder),
    the folder ``tests/ontology`` then wins as a namespace package named ``ontology`` whose
    submodules load but whose top-level names do not. With the repository root on the path
    the regular package is found first.
    """
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    loaded = sys.modules.get("ontology")
    if loaded is not None and getattr(loaded, "__file__", None) is None:
        del sys.modules["ontology"]


_import_the_ontology_package()

import pyshacl  # noqa: E402
import pytest  # noqa: E402
from rdflib import RDF, BNode, Graph, Literal  # noqa: E402
from rdflib.namespace import SH  # noqa: E402

from graph.validate.shacl_core import Validator as CoreValidator  # noqa: E402
from ontology.rdf import reference_graph, shapes_graph, vocabulary_graph  # noqa: E402

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


@pytest.fixture(scope="session", params=["pyshacl", "core"])
def validate(request: pytest.FixtureRequest, shapes: Graph, vocabulary: Graph) -> Validator:
    """Validate a data graph against shapes.ttl with policykg.ttl as ontology graph: with
    pySHACL, and with the project's own Core validator (whose results are written as a SHACL
    validation report), so that every shape test holds for both."""
    if request.param == "pyshacl":

        def run(data: Graph) -> tuple[bool, Graph, str]:
            conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=vocabulary, inference="none")
            return bool(conforms), report, text

        return run
    core = CoreValidator(shapes, vocabulary)

    def run_core(data: Graph) -> tuple[bool, Graph, str]:
        results = core.check(data)
        report = Graph()
        for result in results:
            node = BNode()
            report.add((node, RDF.type, SH.ValidationResult))
            report.add((node, SH.focusNode, result.focus))
            if result.path is not None:
                report.add((node, SH.resultPath, result.path))
            report.add((node, SH.resultMessage, Literal(result.message)))
        text = "\n".join(f"{r.focus} {r.path}: {r.message}" for r in results)
        return not results, report, text

    return run_core


def read_sample_lines(name: str) -> list[str]:
    """The lines of a bundled sample plan, NFC-normalised (line 1 is index 0)."""
    text = (SAMPLES_DIR / name).read_text(encoding="utf-8")
    return unicodedata.normalize("NFC", text).splitlines()


@pytest.fixture(scope="session")
def sample_lines() -> Callable[[str], list[str]]:
    """The lines of a bundled sample plan (data/samples), NFC-normalised."""
    return read_sample_lines
