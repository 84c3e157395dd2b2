"""SHACL validation takes time in proportion to the data: a property with very many values
(a hostile or broken file can give a plan any number of them) is checked in one pass."""

from __future__ import annotations

import time

from rdflib import RDF, XSD, Literal, URIRef

from graph.validate.plan_shapes import core_validator, violations

POL = "https://w3id.org/policykg/ontology#"
POLID = "https://w3id.org/policykg/id/"


def _plan_with_tasks(count: int) -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    plan = URIRef(POLID + "doc-kh-many-values")
    triples: list[tuple[URIRef, URIRef, URIRef | Literal]] = [(plan, RDF.type, URIRef(POL + "Plan"))]
    triples += [(plan, URIRef(POL + "hasTask"), URIRef(f"{POLID}task-not-described-{i}")) for i in range(count)]
    return triples


def _plan_with_amounts(count: int) -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    """A plan stating ``count`` budget totals, one of them not a number."""
    plan = URIRef(POLID + "doc-kh-many-amounts")
    triples: list[tuple[URIRef, URIRef, URIRef | Literal]] = [(plan, RDF.type, URIRef(POL + "Plan"))]
    amount = URIRef(POL + "budgetAmount")
    triples += [(plan, amount, Literal(str(1000 + i), datatype=XSD.decimal)) for i in range(count - 1)]
    triples.append((plan, amount, Literal("khoảng một tỷ")))
    return triples


def _seconds(count: int) -> float:
    data = _plan_with_amounts(count)
    started = time.process_time()
    found = core_validator().check(data, focus_in_data_only=True)
    elapsed = time.process_time() - started
    # every value is looked at: the one that is not a decimal is found, and the count is too high
    problems = {r.message for r in found if str(r.path) == POL + "budgetAmount"}
    assert problems == {"more than 1 values", f"value is not of datatype {XSD.decimal}"}, problems
    return elapsed


def test_a_hundred_thousand_values_of_one_property_validate_in_well_under_a_second() -> None:
    core_validator()  # shapes and background read once, before timing
    small = _seconds(10_000)
    large = _seconds(100_000)
    assert large < 1.0, f"{large:.2f} s for 10^5 values"
    assert large < 25 * max(small, 0.01), f"10^4: {small:.3f} s, 10^5: {large:.3f} s: not linear"


def test_a_hundred_thousand_values_that_each_fail_are_checked_in_linear_time() -> None:
    core_validator()
    timings = {}
    for count in (20_000, 100_000):
        data = _plan_with_tasks(count)
        runs = []
        for _ in range(3):  # the quickest of three: the machine is shared
            started = time.process_time()
            found = core_validator().check(data, focus_in_data_only=True)
            runs.append(time.process_time() - started)
        timings[count] = min(runs)
        # every value is checked: each task named but not described is reported
        assert sum(1 for r in found if str(r.path) == POL + "hasTask") == count
    # five times the values: about five times the time (a quadratic check would take 25 times)
    assert timings[100_000] < 15 * max(timings[20_000], 0.01), timings
    assert timings[100_000] < 10.0, timings


def test_the_many_values_are_reported_once_per_rule() -> None:
    found = violations(_plan_with_tasks(1_000))
    assert [v for v in found if v.path == POL + "hasTask"], found
