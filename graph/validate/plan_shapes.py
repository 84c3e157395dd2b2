"""SHACL validation of a plan graph against ``ontology/shapes.ttl``, read together with the
reference graphs that the shapes look into (agency types, provinces, document types) and the
vocabulary (for ``rdfs:subClassOf``).

``violations`` uses the Core validator of ``graph.validate.shacl_core`` (milliseconds per plan);
``pyshacl_violations`` runs pySHACL on the same inputs, for checking the two agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from graph.validate.shacl_core import Result, Validator
from ontology import SHAPES_FILE, VOCABULARY_FILE, reference_graphs


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    message: str

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


@cache
def _shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@cache
def _ontology() -> Graph:
    return Graph().parse(VOCABULARY_FILE, format="turtle")


@cache
def _reference() -> Graph:
    union = Graph()
    for reference in reference_graphs():
        union.parse(reference.path, format="turtle")
    return union


@cache
def core_validator(with_reference: bool = True) -> Validator:
    """The shapes, over the vocabulary and (by default) the reference graphs."""
    background = [*_ontology(), *(_reference() if with_reference else ())]
    return Validator(_shapes(), background)


def _violation(result: Result) -> Violation:
    return Violation(str(result.focus), str(result.path) if result.path is not None else None, result.message)


def _sorted(found: Iterable[Violation]) -> list[Violation]:
    return sorted(set(found), key=lambda v: (v.focus, v.path or "", v.message))


def violations(data: Iterable[tuple[Node, Node, Node]], *, with_reference: bool = True) -> list[Violation]:
    """The shapes' violations for ``data`` (an empty list when it conforms). The nodes of the
    data are validated; the reference graphs alone are validated once (their violations, if
    any, are reported with every document's)."""
    validator = core_validator(with_reference)
    found = validator.check(data, focus_in_data_only=True) + _background_results(with_reference)
    return _sorted(_violation(r) for r in found)


@cache
def _background_results(with_reference: bool) -> list[Result]:
    return core_validator(with_reference).check([])


def pyshacl_violations(data: Iterable[tuple[Node, Node, Node]], *, with_reference: bool = True) -> list[Violation]:
    """The same check by pySHACL (seconds per plan)."""
    target = Graph()
    for triple in data:
        target.add(triple)
    if with_reference:
        for triple in _reference():
            target.add(triple)
    conforms, report, _text = validate(
        target,
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference="none",
        allow_warnings=True,
    )
    if conforms:
        return []
    found = []
    for result in report.objects(None, SH.result):  # top-level results, not their sh:detail
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        if severity is not None and severity != SH.Violation:
            continue
        found.append(Violation(str(focus), str(path) if path else None, str(message)))
    return _sorted(found)
