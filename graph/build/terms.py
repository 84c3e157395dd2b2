"""The RDF terms a plan graph is built of: the vocabularies' IRIs (each made once) and the
typed literals whose lexical forms the graphs keep.

The terms are rdflib's. Building the graphs of pyoxigraph terms instead (``NamedNode``,
``Literal``, ``Triple``, written by ``pyoxigraph.serialize``) was measured slower at every step
(the stages of ``bench.ingest.stages`` on 30 of its synthetic plans of 50 tasks, about 2,600
quads each; CPU ms per plan, rdflib → pyoxigraph terms, runs interleaved on a loaded
machine): building 12.6–18.2 → 18.0–24.2, Core SHACL validation 24.9–35.1 → 48.6–64.6,
N-Quads 8.2–11.4 → 9.8–13.1. An rdflib term is a ``str`` whose hash Python keeps; a
pyoxigraph term is hashed and compared in Rust at every dict look-up, and a ``Triple`` copies
its three terms when made. The store parses the N-Quads (``graph.build.triples``), so no term
crosses from one library to the other.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rdflib import RDF as _RDF
from rdflib import RDFS as _RDFS
from rdflib import XSD as _XSD
from rdflib import Literal
from rdflib.namespace import DCTERMS as _DCTERMS
from rdflib.namespace import ORG as _ORG
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import SKOS as _SKOS

from ontology.rdf import ELI as _ELI
from ontology.rdf import POL as _POL
from ontology.rdf import CachedTerms

RDF, RDFS, XSD, DCTERMS, ORG, PROV, SKOS, ELI, POL = (
    CachedTerms(namespace) for namespace in (_RDF, _RDFS, _XSD, _DCTERMS, _ORG, _PROV, _SKOS, _ELI, _POL)
)


def decimal(value: Decimal | int) -> Literal:
    """An ``xsd:decimal`` in positional notation (never an exponent).

    >>> str(decimal(Decimal("1.5E+3"))), str(decimal(Decimal("0.10")))
    ('1500', '0.10')
    """
    return Literal(value, datatype=XSD.decimal)


def integer(value: int) -> Literal:
    """An ``xsd:integer``.

    >>> integer(7).n3()
    '"7"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    return Literal(value, datatype=XSD.integer)


def date(value: dt.date | str) -> Literal:
    """An ``xsd:date`` (a date, or a date already written ``YYYY-MM-DD``).

    >>> str(date(dt.date(2025, 7, 1)))
    '2025-07-01'
    """
    return Literal(value, datatype=XSD.date)


def vi(text: str) -> Literal:
    """A Vietnamese text.

    >>> vi("Kế hoạch").language
    'vi'
    """
    return Literal(text, lang="vi")
