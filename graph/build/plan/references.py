"""The documents a plan cites (``pol:implements``, ``pol:basedOn``, ``pol:cites``): a known
document by its id, any other by its number, year and province (or its title), described
once per plan from what the citation says."""

from __future__ import annotations

from rdflib import Literal, URIRef

from graph.build.ids import doc_type_id, document_id, iri
from graph.build.plan.spans import PlanTerms
from graph.build.terms import DCTERMS, POL, RDF, RDFS, date, vi
from loaders.docnumbers import number_is_national
from loaders.models import DocumentRef, PlanRecord
from loaders.places import unit_for
from ontology import catalogue

_TYPE_WORDS = {
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "CĐ": "Công điện",
    "KH": "Kế hoạch",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "TT": "Thông tư",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "CV": "Công văn",
    "LUAT": "Luật",
    "TTr": "Tờ trình",
    "HD": "Hướng dẫn",
    "VB": "Văn bản",
}


class ReferenceTerms(PlanTerms):
    def __init__(self, record: PlanRecord, doc_local: str) -> None:
        super().__init__(record, doc_local)
        self.described: set[URIRef] = set()

    def reference(self, ref: DocumentRef) -> URIRef:
        if ref.known_id:
            node = iri(ref.known_id)
        else:
            node = iri(
                document_id(
                    ref.number,
                    year=ref.year,
                    province=cited_province(ref),
                    title=ref.title if not ref.number else None,
                    fallback="untitled",
                )
            )
        add = self.graph.add
        add((node, RDF.type, POL.LegalDocument))
        first = node not in self.described
        self.described.add(node)
        if not ref.known_id and first:
            if ref.number:
                add((node, POL.documentNumber, Literal(ref.number)))
            if ref.doc_type:
                add((node, POL.documentType, iri(doc_type_id(ref.doc_type, "doctype-vb"))))
            if ref.date:
                add((node, DCTERMS.issued, date(ref.date)))
            if ref.title:
                add((node, DCTERMS.title, vi(ref.title)))
            if ref.province:
                add((node, POL.province, iri(cited_province(ref) or ref.province)))
            if ref.issuer_name:
                add((node, POL.issuerName, vi(ref.issuer_name)))
            label = " ".join(x for x in (type_word(ref.doc_type), ref.number) if x) or ref.title
            if label:
                add((node, RDFS.label, vi(label)))
        self.derived(node, ref.span)
        if ref.raw_number and first:
            add((node, POL.numberAsWritten, Literal(ref.raw_number)))
        self.flags(node, ref.flags)
        return node


def cited_province(ref: DocumentRef) -> str | None:
    """The provincial unit a cited provincial document was numbered in (the one on its date)."""
    if not ref.province or not ref.number or number_is_national(ref.number):
        return None
    entry = catalogue.provinces().get(ref.province)
    if entry is None or ref.date is None:
        return ref.province
    return unit_for(entry.name, ref.date) or ref.province


def type_word(code: str | None) -> str | None:
    """The Vietnamese word for a document type code.

    >>> type_word("NĐ"), type_word(None)
    ('Nghị định', None)
    """
    return _TYPE_WORDS.get(code or "")
