"""Successors of the concrete agencies in the store, from the 2025 restructuring.

For every agency whose type was merged away (Sở Tài nguyên và Môi trường → Sở Nông nghiệp và
Môi trường, 1 March 2025) or whose province was merged (Tiền Giang → Đồng Tháp, 1 July 2025),
the concrete successor agency is created and linked with ``pol:successor`` and a dated
``org:ChangeEvent``. The links live in one named graph, recomputed after every ingest, so they
always match the agencies the store holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import RDF, RDFS, XSD, Literal
from rdflib.namespace import DCTERMS, ORG

from graph.build.agency_keys import AgencyKey
from graph.build.ids import AGENCIES_GRAPH, agency_id, change_event_id, iri, local, node
from graph.build.plan.agencies import describe_agency
from graph.build.triples import Triples
from graph.queries.named import run_named
from graph.store.protocol import GraphStore
from loaders.places import PROVINCE_REFORM
from ontology import catalogue
from ontology.rdf import POL


@dataclass(frozen=True)
class Hop:
    before: tuple[str, str | None]  # (type id, province id)
    after: tuple[str, str | None]
    date: dt.date
    source: str | None  # local id of the reference event or document
    partial: bool = False
    note: str | None = None


def _province_successor(province: str | None) -> str | None:
    if province is None:
        return None
    entry = catalogue.provinces().get(province)
    return entry.successor_id if entry is not None else None


def hops_from(type_id: str, province: str | None) -> list[Hop]:
    """The next hand-overs of the agency (type, province): one per successor."""
    hops: list[Hop] = []
    merged = catalogue.type_successions().get(type_id, ())
    for succession in merged:
        when = succession.date
        target_province = province
        if when >= PROVINCE_REFORM:
            target_province = _province_successor(province) or province
        hops.append(
            Hop(
                (type_id, province),
                (succession.to_id, target_province),
                when,
                succession.source,
                succession.partial,
                succession.note,
            )
        )
    if not [h for h in hops if not h.partial]:
        successor = _province_successor(province)
        if successor is not None:
            hops.append(Hop((type_id, province), (type_id, successor), PROVINCE_REFORM, "doc-202-2025-qh15"))
    return hops


def succession_graph(agencies: list[AgencyKey]) -> Triples:
    """Successor agencies and dated change events for the given (type, province) agencies."""
    graph = Triples()
    seen: set[tuple[str, str | None]] = set()
    pending = list(agencies)
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for hop in hops_from(*current):
            before = iri(agency_id(hop.before[0], hop.before[1]))
            after = iri(agency_id(hop.after[0], hop.after[1]))
            _declare(graph, hop.after)
            _declare(graph, hop.before)
            graph.add((before, POL.partialSuccessor if hop.partial else POL.successor, after))
            event = iri(change_event_id(agency_id(*hop.before), hop.date, agency_id(*hop.after)))
            graph.add((event, RDF.type, ORG.ChangeEvent))
            graph.add((event, ORG.originalOrganization, before))
            graph.add((event, ORG.resultingOrganization, after))
            graph.add((event, DCTERMS.date, Literal(hop.date, datatype=XSD.date)))
            if hop.source:
                graph.add((event, DCTERMS.source, iri(hop.source)))
            if hop.note:
                graph.add((event, RDFS.comment, Literal(hop.note, lang="vi")))
            if hop.partial:
                graph.add((event, POL.partial, Literal(True)))
            pending.append(hop.after)
    return graph


def _declare(graph: Triples, agency: AgencyKey, collective: bool = False) -> None:
    node = iri(agency_id(*agency))
    if (node, RDF.type, POL.Agency) not in graph:
        describe_agency(graph, agency[0], agency[1], collective=collective)


def refresh_succession(store: GraphStore, named: Mapping[AgencyKey, bool] | None = None) -> int:
    """Rewrite the agencies graph: the agencies the plan graphs name (those just ingested,
    ``named``, and those described before that some plan still names), described once,
    with their successors and the dated change events."""
    known: dict[AgencyKey, bool] = {}
    for row in run_named(store, "agencies_described", g=node(local(AGENCIES_GRAPH))):
        key = (local(str(row["type"])), local(str(row["province"])) if row.get("province") else None)
        known[key] = known.get(key, False) or bool(row.get("collective"))
    for key, collective in (named or {}).items():
        known[key] = known.get(key, False) or collective
    referenced = {str(row["agency"]) for row in run_named(store, "agencies_referenced")}
    keep = {key: collective for key, collective in known.items() if str(iri(agency_id(*key))) in referenced}
    graph = succession_graph(sorted(keep, key=lambda k: (k[0], k[1] or "")))
    for key, collective in keep.items():
        _declare(graph, key, collective)
    data = graph.ntriples()
    return store.replace_graph(AGENCIES_GRAPH, data, format="application/n-triples")
