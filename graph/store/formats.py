"""RDF formats by name, and the prefixes both stores write into the formats that have them.

A format can be named the way the command line, the HTTP ``Accept`` header or a file name
does (:func:`rdf_format`); exports of either store are serialised by pyoxigraph with the
project's prefixes where the format abbreviates IRIs (:func:`serialize_rdf`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from graph.store.errors import StoreError

PREFIXES: dict[str, str] = {
    "pol": "https://w3id.org/policykg/ontology#",
    "polid": "https://w3id.org/policykg/id/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

_FORMAT_ALIASES = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "n-triples": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "n-quads": RdfFormat.N_QUADS,
    "json-ld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
    "rdf/xml": RdfFormat.RDF_XML,
}
_WITH_PREFIXES = (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML)


def rdf_format(name: str | RdfFormat) -> RdfFormat:
    """An RDF format from a media type (``text/turtle``), an extension (``ttl``) or a name.

    >>> rdf_format("ttl") == RdfFormat.TURTLE
    True
    >>> rdf_format(" N-Quads ") == rdf_format("application/n-quads") == RdfFormat.N_QUADS
    True
    >>> rdf_format("docx")
    Traceback (most recent call last):
    ...
    graph.store.errors.StoreError: unknown RDF format 'docx'
    """
    if isinstance(name, RdfFormat):
        return name
    key = name.strip().lower()
    if key in _FORMAT_ALIASES:
        return _FORMAT_ALIASES[key]
    found = RdfFormat.from_media_type(key) if "/" in key else None
    if found is None:
        found = RdfFormat.from_extension(key.lstrip("."))
    if found is None:
        raise StoreError(f"unknown RDF format {name!r}")
    return found


def prefixes_for(fmt: RdfFormat) -> dict[str, str] | None:
    """The prefixes to write in ``fmt``: the project's for formats that abbreviate IRIs, else None.

    >>> sorted(prefixes_for(RdfFormat.TURTLE))[:3]
    ['dcterms', 'eli', 'org']
    >>> prefixes_for(RdfFormat.N_QUADS) is None
    True
    """
    return PREFIXES if fmt in _WITH_PREFIXES else None


def serialize_rdf(items: Iterable[Quad] | Iterable[Triple] | Iterator[Any], fmt: RdfFormat) -> bytes:
    """Quads or triples in ``fmt``, with :func:`prefixes_for` it (empty bytes for no items)."""
    return serialize(items, format=fmt, prefixes=prefixes_for(fmt)) or b""


__all__ = ["PREFIXES", "prefixes_for", "rdf_format", "serialize_rdf"]
