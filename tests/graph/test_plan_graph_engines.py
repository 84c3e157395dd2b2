"""The fast parts of building a plan graph agree with the general tools they replace: the
N-Triples written by ``Triples`` parse to the triples rdflib writes, and the Core SHACL
validator finds the same violations as pySHACL on real plans, whole and damaged."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse
from rdflib import Literal, URIRef

from graph.build.plan.parts import build_plan_graph
from graph.build.triples import Triples
from graph.validate.plan_shapes import pyshacl_violations, violations
from loaders.extract import load_plan

REPO = Path(__file__).resolve().parents[2]
SAMPLES = sorted((REPO / "data" / "samples").glob("*.txt"))
EXTRA = sorted((REPO.parent / "shared" / "corpus-extra").glob("*.txt"))
POL = "https://w3id.org/policykg/ontology#"


def _parsed(data: bytes) -> set[str]:
    return {str(t) for t in parse(data, format=RdfFormat.N_TRIPLES)}


@pytest.mark.parametrize("path", SAMPLES + EXTRA[:4], ids=lambda p: p.stem[:40])
def test_written_n_triples_are_the_triples_rdflib_writes(path: Path) -> None:
    _iri, triples = build_plan_graph(load_plan(path))
    ours = triples.ntriples()
    theirs = triples.to_graph().serialize(format="nt", encoding="utf-8")
    assert _parsed(ours) == _parsed(theirs)
    assert ours.count(b"\n") == len(triples) > 1000


def test_literals_with_quotes_newlines_and_backslashes_survive() -> None:
    node = URIRef("https://w3id.org/policykg/id/x")
    text = 'Dòng "một"\nDòng hai \\ và\rba'
    triples = Triples([(node, URIRef(POL + "quote"), Literal(text, lang="vi"))])
    (parsed,) = list(parse(triples.ntriples(), format=RdfFormat.N_TRIPLES))
    assert parsed.object.value == text
    assert parsed.object.language == "vi"


def _keys(found: list) -> set[tuple[str, str | None]]:
    return {(v.focus, v.path) for v in found}


def _damaged(triples: Triples, step: int) -> Triples:
    """Every ``step``-th triple of the predicates the shapes count or type-check removed."""
    checked = {POL + name for name in ("startLine", "quote", "leadAgency", "role", "targetUnit", "agencyType")}
    checked |= {"http://www.w3.org/ns/prov#wasDerivedFrom", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}
    kept = Triples()
    seen = 0
    for triple in triples:
        if str(triple[1]) in checked:
            seen += 1
            if seen % step == 0:
                continue
        kept.add(triple)
    return kept


@pytest.mark.parametrize("path", SAMPLES + EXTRA[:2], ids=lambda p: p.stem[:40])
def test_the_core_validator_and_pyshacl_agree(path: Path) -> None:
    _iri, triples = build_plan_graph(load_plan(path))
    assert violations(triples) == pyshacl_violations(triples) == []
    damaged = _damaged(triples, 9)
    core = _keys(violations(damaged))
    assert len(core) > 20
    assert core == _keys(pyshacl_violations(damaged))
