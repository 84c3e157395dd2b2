"""The curated reference data as plain Python: agency types, provinces, national documents,
document types and the 2025 type-level successions.

For the loaders, which match names and dates without an RDF library: the Turtle files are read
once with pyoxigraph (no rdflib) and every view is cached. Keys are local ids (the part of the
IRI after ``polid:``), e.g. ``"type-so-cong-thuong"``, ``"province-dong-thap-pre2025"``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from ontology.namespaces import DCTERMS, ORG, POL, POLID, RDF, RDFS, SKOS, XSD
from ontology.paths import reference_graphs

_Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class AgencyTypeEntry:
    id: str
    iri: str
    pref_vi: str
    pref_en: str | None
    alt_labels: tuple[str, ...]  # skos:altLabel: spelling variants
    hidden_labels: tuple[str, ...]  # skos:hiddenLabel: abbreviations and misspellings
    short_codes: tuple[str, ...]  # bare codes used in lists: "XD", "KH&CN"
    level: str  # province | district | commune | national | other
    category: str
    abolished: dt.date | None
    successor_ids: tuple[str, ...]
    partial_successor_ids: tuple[str, ...]
    established: dt.date | None = None
    generic: bool = False  # a kind of body by the head noun of its name ("Trung tâm"), not a listed type

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label a plan may use for this type: preferred, alternative and hidden."""
        return (self.pref_vi, *self.alt_labels, *self.hidden_labels)


@dataclass(frozen=True)
class ProvinceEntry:
    id: str
    iri: str
    name: str  # the bare name: "Đồng Tháp"
    unit_kind: str  # "tỉnh" | "thành phố"
    labels: tuple[str, ...]  # the name first, then "Tỉnh Đồng Tháp", "TP. Hồ Chí Minh", ...
    current: bool  # one of the 34 units since 2025-07-01
    valid_from: dt.date | None
    valid_until: dt.date | None
    successor_id: str | None


@dataclass(frozen=True)
class NationalDocumentEntry:
    id: str
    iri: str
    number: str | None  # "889/QĐ-TTg"; None for a law known by title only
    doc_type: str  # local id of the document type: "doctype-qd"
    issued: dt.date | None
    title: str | None  # Vietnamese title
    known_titles: tuple[str, ...]  # titles other documents cite it by
    issuer: str | None  # local id of the issuing agency: "agency-thu-tuong-chinh-phu"
    target_ids: tuple[str, ...] = ()
    in_force_from: dt.date | None = None  # pol:inForceFrom, where a source states it
    replaced_by: str | None = None  # local id of the document that replaced it (pol:replacedBy)

    @property
    def year(self) -> int | None:
        """The year of issue: from the date, else from a number that carries it ("76/2015/QH13").

        >>> NationalDocumentEntry("d", "i", "76/2015/QH13", "doctype-luat", None, None, (), None).year
        2015
        """
        if self.issued is not None:
            return self.issued.year
        match = re.match(r"\d+/(\d{4})/", self.number or "")
        return int(match.group(1)) if match else None


@dataclass(frozen=True)
class TypeSuccessionEntry:
    from_id: str
    to_id: str
    date: dt.date
    partial: bool  # only part of the functions moved (see note)
    note: str | None  # the function that moved (partial), else the event's description
    source: str  # the main source: a document's local id, or a text naming the source
    event_id: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentTypeEntry:
    id: str
    iri: str
    notation: str | None  # the code as written in a number: "QĐ"; None for letters and laws
    pref_vi: str
    pref_en: str | None
    alt_labels: tuple[str, ...]


# ----------------------------------------------------------------------------- reading


class _Index:
    """Subject → predicate → objects, for the union of the reference files."""

    def __init__(self) -> None:
        self._data: dict[str, dict[str, list[_Term]]] = defaultdict(lambda: defaultdict(list))
        self._by_type: dict[str, list[str]] = defaultdict(list)

    def add(self, subject: str, predicate: str, obj: _Term) -> None:
        values = self._data[subject][predicate]
        if obj not in values:
            values.append(obj)
            if predicate == RDF + "type" and isinstance(obj, ox.NamedNode):
                self._by_type[obj.value].append(subject)

    def instances(self, class_iri: str) -> list[str]:
        return sorted(self._by_type.get(class_iri, []))

    def objects(self, subject: str, predicate: str) -> list[_Term]:
        return self._data.get(subject, {}).get(predicate, [])

    def iris(self, subject: str, predicate: str) -> tuple[str, ...]:
        objects = self.objects(subject, predicate)
        return tuple(o.value for o in objects if isinstance(o, ox.NamedNode))

    def texts(self, subject: str, predicate: str, lang: str | None = None) -> tuple[str, ...]:
        """Literal values; with ``lang``, only those tagged with that language."""
        return tuple(
            o.value
            for o in self.objects(subject, predicate)
            if isinstance(o, ox.Literal) and (lang is None or o.language == lang)
        )

    def text(self, subject: str, predicate: str, lang: str | None = None) -> str | None:
        values = self.texts(subject, predicate, lang)
        return values[0] if values else None

    def date(self, subject: str, predicate: str) -> dt.date | None:
        for o in self.objects(subject, predicate):
            if isinstance(o, ox.Literal) and o.datatype.value == XSD + "date":
                return dt.date.fromisoformat(o.value)
        return None

    def boolean(self, subject: str, predicate: str) -> bool:
        return self.text(subject, predicate) == "true"


@cache
def _index() -> _Index:
    index = _Index()
    for ref in reference_graphs():
        for quad in ox.parse(path=ref.path, format=ox.RdfFormat.TURTLE):
            subject = quad.subject
            if isinstance(subject, ox.NamedNode):
                index.add(subject.value, quad.predicate.value, quad.object)
    return index


def _local(iri: str) -> str:
    return iri[len(POLID) :] if iri.startswith(POLID) else iri


def _locals(iris: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_local(i) for i in iris)


# ----------------------------------------------------------------------------- views


@cache
def agency_types() -> dict[str, AgencyTypeEntry]:
    """Every agency type, keyed by local id (``"type-so-cong-thuong"``)."""
    ix = _index()
    result: dict[str, AgencyTypeEntry] = {}
    for iri in ix.instances(POL + "AgencyType"):
        entry = AgencyTypeEntry(
            id=_local(iri),
            iri=iri,
            pref_vi=ix.text(iri, SKOS + "prefLabel", "vi") or _local(iri),
            pref_en=ix.text(iri, SKOS + "prefLabel", "en"),
            alt_labels=ix.texts(iri, SKOS + "altLabel", "vi"),
            hidden_labels=ix.texts(iri, SKOS + "hiddenLabel"),
            short_codes=ix.texts(iri, POL + "shortCode"),
            level=ix.text(iri, POL + "level") or "other",
            category=ix.text(iri, POL + "category") or "other",
            abolished=ix.date(iri, POL + "abolished"),
            successor_ids=_locals(ix.iris(iri, POL + "successor")),
            partial_successor_ids=_locals(ix.iris(iri, POL + "partialSuccessor")),
            established=ix.date(iri, POL + "established"),
            generic=POLID + "agency-head-nouns" in ix.iris(iri, SKOS + "inScheme"),
        )
        result[entry.id] = entry
    return result


@cache
def provinces() -> dict[str, ProvinceEntry]:
    """The 63 pre-2025 and 34 current provincial units, keyed by local id."""
    ix = _index()
    result: dict[str, ProvinceEntry] = {}
    for iri in ix.instances(POL + "Province"):
        name = ix.text(iri, SKOS + "prefLabel", "vi") or _local(iri)
        valid_from = ix.date(iri, POL + "validFrom")
        valid_until = ix.date(iri, POL + "validUntil")
        successors = ix.iris(iri, POL + "successor")
        entry = ProvinceEntry(
            id=_local(iri),
            iri=iri,
            name=name,
            unit_kind=ix.text(iri, POL + "unitKind") or "tỉnh",
            labels=(name, *ix.texts(iri, SKOS + "altLabel", "vi")),
            current=valid_from is not None and valid_until is None,
            valid_from=valid_from,
            valid_until=valid_until,
            successor_id=_local(successors[0]) if successors else None,
        )
        result[entry.id] = entry
    return result


@cache
def national_documents() -> dict[str, NationalDocumentEntry]:
    """The curated national documents (and laws cited by title), keyed by local id."""
    ix = _index()
    result: dict[str, NationalDocumentEntry] = {}
    for iri in ix.instances(POL + "LegalDocument"):
        doc_types = ix.iris(iri, POL + "documentType")
        issued_by = ix.iris(iri, POL + "issuedBy")
        known = ix.texts(iri, POL + "knownTitle", "vi") + ix.texts(iri, SKOS + "altLabel", "vi")
        entry = NationalDocumentEntry(
            id=_local(iri),
            iri=iri,
            number=ix.text(iri, POL + "documentNumber"),
            doc_type=_local(doc_types[0]) if doc_types else "doctype-vb",
            issued=ix.date(iri, DCTERMS + "issued"),
            title=ix.text(iri, DCTERMS + "title", "vi"),
            known_titles=tuple(dict.fromkeys(known)),
            issuer=_local(issued_by[0]) if issued_by else None,
            target_ids=_locals(ix.iris(iri, POL + "hasTarget")),
            in_force_from=ix.date(iri, POL + "inForceFrom"),
            replaced_by=next(iter(_locals(ix.iris(iri, POL + "replacedBy"))), None),
        )
        result[entry.id] = entry
    return result


@cache
def document_types() -> dict[str, DocumentTypeEntry]:
    """The document types, keyed by local id (``"doctype-qd"``)."""
    ix = _index()
    result: dict[str, DocumentTypeEntry] = {}
    for iri in ix.instances(POL + "DocumentType"):
        entry = DocumentTypeEntry(
            id=_local(iri),
            iri=iri,
            notation=ix.text(iri, SKOS + "notation"),
            pref_vi=ix.text(iri, SKOS + "prefLabel", "vi") or _local(iri),
            pref_en=ix.text(iri, SKOS + "prefLabel", "en"),
            alt_labels=ix.texts(iri, SKOS + "altLabel", "vi"),
        )
        result[entry.id] = entry
    return result


@cache
def type_successions() -> dict[str, tuple[TypeSuccessionEntry, ...]]:
    """The 2025 successions between agency types, keyed by the local id of the old type.

    One entry per (old type, new type) pair of each dated change event; ``partial`` entries
    name in ``note`` the function that moved.
    """
    ix = _index()
    types = agency_types()
    found: dict[str, list[TypeSuccessionEntry]] = defaultdict(list)
    for event in ix.instances(ORG + "ChangeEvent"):
        originals = _locals(ix.iris(event, ORG + "originalOrganization"))
        if not originals or any(o not in types for o in originals):
            continue  # a province merger, not a change of agency types
        date = ix.date(event, DCTERMS + "date")
        if date is None:
            continue
        partial = ix.boolean(event, POL + "partial")
        note = ix.text(event, POL + "function", "vi") if partial else None
        sources = tuple(
            _local(o.value) if isinstance(o, ox.NamedNode) else o.value
            for o in ix.objects(event, DCTERMS + "source")
            if isinstance(o, ox.NamedNode | ox.Literal)
        )
        documents = [s for s in sources if s.startswith("doc-")]
        source = documents[0] if documents else (sources[0] if sources else "")
        for original in originals:
            for resulting in _locals(ix.iris(event, ORG + "resultingOrganization")):
                found[original].append(
                    TypeSuccessionEntry(
                        from_id=original,
                        to_id=resulting,
                        date=date,
                        partial=partial,
                        note=note or ix.text(event, RDFS + "comment", "vi"),
                        source=source,
                        event_id=_local(event),
                        sources=sources,
                    )
                )
    return {key: tuple(sorted(entries, key=lambda e: (e.partial, e.to_id))) for key, entries in sorted(found.items())}


def clear_cache() -> None:
    """Forget the cached views (after the reference files changed on disk)."""
    for cached in (_index, agency_types, provinces, national_documents, document_types, type_successions):
        cached.cache_clear()
