"""SHACL validation of a plan graph against ``ontology/shapes.ttl``, together with the
reference graphs that the shapes look into (agency types, provinces, document types)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH

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


def violations(data: Graph, *, with_reference: bool = True) -> list[Violation]:
    """The shapes' violations for ``data`` (an empty list when it conforms)."""
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
    for result in report.subjects(predicate=SH.focusNode):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        if severity is not None and severity != SH.Violation:
            continue
        found.append(Violation(str(focus), str(path) if path else None, str(message)))
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.message))
