"""Quantified targets (``pol:Target``) of a plan or of one of its tasks: value (or range),
unit, metric, comparator and deadline year."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef

from graph.build.ids import iri
from graph.build.plan.spans import PlanTerms
from graph.build.terms import POL, RDF, decimal, integer, vi
from loaders.models import TargetRecord


class TargetTerms(PlanTerms):
    def target(self, target: TargetRecord, local_name: str) -> URIRef:
        node = iri(local_name)
        add = self.graph.add
        add((node, RDF.type, POL.Target))
        add((node, POL.targetValue, target_value(target.value)))
        if target.value_max is not None:
            add((node, POL.targetValueMax, target_value(target.value_max)))
        add((node, POL.targetUnit, Literal(target.unit)))
        add((node, POL.targetMetric, vi(target.metric)))
        add((node, POL.comparator, Literal(target.comparator)))
        if target.comparator_text:
            add((node, POL.comparatorText, vi(target.comparator_text)))
        if target.deadline_year:
            add((node, POL.deadlineYear, integer(target.deadline_year)))
        self.flags(node, target.flags)
        self.derived(node, target.span)
        return node


def target_value(value: Decimal) -> Literal:
    """A target's value: a whole number without trailing zeros, any other as written.

    >>> str(target_value(Decimal("100.00"))), str(target_value(Decimal("2.50")))
    ('100', '2.50')
    """
    return decimal(value.normalize() if value == value.to_integral() else value)
