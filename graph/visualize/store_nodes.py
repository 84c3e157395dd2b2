"""One node as the store holds it: its neighbours by relation, the counts per relation that
expanding it would add, its plain properties and the source lines it was read from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from graph.build.ids import local, node
from graph.queries.named import run_named
from graph.queries.rows import integer
from graph.store.protocol import GraphStore
from graph.visualize.kinds import kind_of
from graph.visualize.labels import full_label

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL_PROPERTIES: dict[str, str] = {
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    "http://www.w3.org/2004/02/skos/core#prefLabel": "label",
    "https://w3id.org/policykg/ontology#documentNumber": "number",
    "http://purl.org/dc/terms/title": "title",
    "https://w3id.org/policykg/ontology#taskCode": "code",
    "http://purl.org/dc/terms/description": "text",
    "https://w3id.org/policykg/ontology#targetMetric": "metric",
    "https://w3id.org/policykg/ontology#targetValue": "value",
    "https://w3id.org/policykg/ontology#targetUnit": "unit",
}
_PREFIXES = (
    ("https://w3id.org/policykg/ontology#", "pol:"),
    ("http://purl.org/dc/terms/", "dcterms:"),
    ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"),
    ("http://www.w3.org/2004/02/skos/core#", "skos:"),
    ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"),
    ("http://www.w3.org/ns/prov#", "prov:"),
)


def compact(iri: str) -> str:
    """``pol:taskCode`` for the IRI of a property the project knows; the IRI otherwise."""
    for prefix, short in _PREFIXES:
        if iri.startswith(prefix):
            return short + iri[len(prefix) :]
    return iri


@dataclass(frozen=True)
class Link:
    relation: str
    direction: str  # "out": the node is the subject; "in": the object
    other: str
    kind: str
    label: str


@dataclass(frozen=True)
class RelationCount:
    relation: str
    direction: str
    count: int


@dataclass(frozen=True)
class Source:
    file: str | None
    start_line: int | None
    end_line: int | None
    quote: str


@dataclass
class NodeDetails:
    id: str
    kind: str | None
    label: str
    properties: list[tuple[str, str]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    counts: list[RelationCount] = field(default_factory=list)


def _plain(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def neighbours(store: GraphStore, node_id: str, lang: str = "vi") -> list[Link]:
    """The shown nodes linked to ``node_id``, in both directions."""
    links = []
    for row in run_named(store, "visual_neighbours", node=node(node_id)):
        kind = kind_of(str(row["types"]))
        if kind is None:
            continue
        links.append(
            Link(
                relation=str(row["relation"]),
                direction=str(row["direction"]),
                other=local(str(row["other"])),
                kind=kind,
                label=full_label(kind, row, lang),
            )
        )
    return links


def relation_counts(store: GraphStore, node_id: str) -> list[RelationCount]:
    """Per relation and direction, how many shown nodes ``node_id`` is linked to."""
    return [
        RelationCount(str(row["relation"]), str(row["direction"]), integer(row, "count") or 0)
        for row in run_named(store, "visual_relation_counts", node=node(node_id))
    ]


def sources(store: GraphStore, node_id: str) -> list[Source]:
    """The source lines ``node_id`` was read from, with their quotes."""
    found = []
    for row in run_named(store, "visual_node_sources", node=node(node_id)):
        source = Source(
            file=str(row["file"]) if row.get("file") is not None else None,
            start_line=integer(row, "startLine"),
            end_line=integer(row, "endLine"),
            quote=str(row["quote"]),
        )
        if source not in found:
            found.append(source)
    return found


def describe(store: GraphStore, node_id: str, lang: str = "vi") -> NodeDetails | None:
    """Kind, label and plain properties of ``node_id``; None when the store has nothing on it."""
    rows = run_named(store, "visual_node", node=node(node_id))
    if not rows:
        return None
    types: list[str] = []
    values: dict[str, object] = {}
    properties: list[tuple[str, str]] = []
    for row in rows:
        prop, value = str(row["property"]), row["value"]
        if prop == RDF_TYPE:
            types.append(str(value))
            properties.append((compact(prop), compact(str(value))))
            continue
        properties.append((compact(prop), _plain(value)))
        name = _LABEL_PROPERTIES.get(prop)
        if name is None:
            continue
        if name in ("label", "title") and row.get("lang") == "en":
            name = "english" if name == "label" else "english_title"
        if name not in values or _plain(value) < _plain(values[name]):
            values[name] = value
    kind = kind_of(types)
    label = full_label(kind, values, lang) if kind else ""
    return NodeDetails(id=node_id, kind=kind, label=label or node_id, properties=properties)


def details(store: GraphStore, node_id: str, lang: str = "vi") -> NodeDetails | None:
    """:func:`describe` with the node's sources and relation counts (the detail panel)."""
    found = describe(store, node_id, lang)
    if found is None:
        return None
    found.sources = sources(store, node_id)
    found.counts = relation_counts(store, node_id)
    return found
