"""One legal document as its page shows it: what it states about itself, and its relations to
other documents in both directions (the groups of a "Lược đồ": căn cứ, thực hiện, trích dẫn,
and what is based on it, implements it, cites it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.build.ids import local, node
from graph.queries.named import run_named
from graph.queries.rows import Row, integer, iso_date, text
from graph.store.protocol import GraphStore


@dataclass
class DocumentFacts:
    id: str
    plan: bool
    number: str | None = None
    type_label: str | None = None
    type_english: str | None = None
    title: str | None = None
    issued: str | None = None  # ISO date
    year: int | None = None
    issuer: str | None = None
    issuer_label: str | None = None
    signer: str | None = None
    capacity: str | None = None
    draft: bool | None = None
    period: str | None = None
    province: str | None = None
    province_name: str | None = None
    file: str | None = None
    description: str | None = None


def document_facts(store: GraphStore, document_id: str) -> DocumentFacts | None:
    """None when the store holds no legal document with this id."""
    rows = run_named(store, "document_facts", document=node(document_id))
    if not rows:
        return None
    facts = DocumentFacts(id=document_id, plan=bool(rows[0].get("plan")))
    for row in rows:  # several rows when a fact is stated twice: the first value is kept
        for name, key in (
            ("number", "number"),
            ("type_label", "typeLabel"),
            ("type_english", "typeEnglish"),
            ("title", "title"),
            ("issuer_label", "issuerLabel"),
            ("signer", "signer"),
            ("capacity", "capacity"),
            ("period", "period"),
            ("province_name", "provinceName"),
            ("file", "file"),
            ("description", "description"),
        ):
            if getattr(facts, name) is None:
                setattr(facts, name, text(row, key))
        facts.issued = facts.issued or iso_date(row, "issued")
        facts.year = facts.year or integer(row, "year")
        if facts.issuer is None and row.get("issuer") is not None:
            facts.issuer = local(str(row["issuer"]))
        if facts.province is None and row.get("province") is not None:
            facts.province = local(str(row["province"]))
        if facts.draft is None and row.get("draft") is not None:
            facts.draft = bool(row["draft"])
    return facts


@dataclass(frozen=True)
class Related:
    relation: str  # based_on | implements | cites
    direction: str  # out: this document → the other; in: the other → this document
    id: str
    plan: bool
    number: str | None
    title: str | None
    issued: str | None
    year: int | None
    issuer_label: str | None
    province_name: str | None


def _related(row: Row) -> Related:
    return Related(
        relation=str(row["relation"]),
        direction=str(row["direction"]),
        id=local(str(row["other"])),
        plan=bool(row.get("plan")),
        number=text(row, "number"),
        title=text(row, "title"),
        issued=iso_date(row, "issued"),
        year=integer(row, "year"),
        issuer_label=text(row, "issuerLabel"),
        province_name=text(row, "provinceName"),
    )


def document_relations(store: GraphStore, document_id: str) -> list[Related]:
    """The related documents, each once per relation and direction."""
    found: dict[tuple[str, str, str], Related] = {}
    for row in run_named(store, "document_relations", document=node(document_id)):
        item = _related(row)
        if item.id != document_id:
            found.setdefault((item.relation, item.direction, item.id), item)
    return list(found.values())


def display_date(iso: str | None, year: int | None = None) -> str:
    """``24/06/2020`` as Vietnamese documents write dates; the year alone when only it is known."""
    if iso:
        try:
            return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")
        except ValueError:
            return iso
    return str(year) if year else ""
