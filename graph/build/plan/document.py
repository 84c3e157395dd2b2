"""The document itself: its id (from what it says, never from a file name), type, number,
dates, titles, province, issuer, signer, budgets, and the links to its references, targets
and tasks; ``PlanBuilder`` puts the parts of the graph together in that order."""

from __future__ import annotations

from rdflib import Literal

from graph.build.ids import doc_type_id, document_id, iri, province_suffix, slug, target_id, unnumbered_document_id
from graph.build.plan.successions import SuccessionTerms
from graph.build.plan.tasks import TaskTerms
from graph.build.terms import DCTERMS, ELI, POL, RDF, RDFS, date, decimal, integer, vi
from graph.build.triples import Triples
from loaders.docnumbers import number_is_national
from loaders.models import Extracted, PlanRecord
from ontology import catalogue

_RELATION = {"implements": POL.implements, "based_on": POL.basedOn, "cites": POL.cites}


def plan_id(record: PlanRecord) -> str:
    """The document's id, from what it says, never from the name of the file carrying it.

    A numbered document: its number, year and (for a provincial number) province. A document
    without a number: its type, province, period or year, and a digest of its issuer, its
    title and the fingerprint of its opening words (``PlanRecord.text_fingerprint``); the
    same document saved as ``.txt`` and ``.docx``, or renamed, keeps its id."""
    year = record.year.value if record.year else None
    province = record.province.value if record.province else None
    if record.number is not None:
        provincial = not number_is_national(record.number.value)
        return document_id(record.number.value, year=year, province=province if provincial else None)
    issuer = record.issuer
    # an issuer inferred (from the preamble, the signature block) may be missing from another
    # file of the document, or from a file cut short: only one read from the header counts
    stated = issuer is not None and not issuer.flags
    issuer_key = f"{issuer.type_id or slug(issuer.text)}@{issuer.province or ''}" if stated and issuer else ""
    place = province_suffix(province) if province else (slug(issuer.text, 40) if issuer is not None else "")
    when = record.period.value if record.period else (str(year) if year else None)
    title = slug(record.title.value, 1000) if record.title else ""
    said = "\n".join((record.doc_type.value, issuer_key, title, record.text_fingerprint or ""))
    # a document that says nothing to know it by is known by its content
    key = said if title or record.text_fingerprint else f"{said}\n{record.source_sha256}"
    return unnumbered_document_id(record.doc_type.value, place, when, key)


class PlanBuilder(TaskTerms, SuccessionTerms):
    """The graph of one record: the document, then its references, targets, budgets, tasks
    and successions (``build``)."""

    def __init__(self, record: PlanRecord) -> None:
        super().__init__(record, plan_id(record))

    def build(self) -> Triples:
        r = self.record
        add, doc = self.graph.add, self.doc
        add((doc, RDF.type, POL.Plan))
        add((doc, RDF.type, POL.LegalDocument))
        add((doc, RDF.type, ELI.LegalResource))
        add((doc, POL.documentType, iri(doc_type_id(r.doc_type.value, "doctype-kh"))))
        self.derived(doc, r.doc_type.span)
        if r.number is not None:
            add((doc, POL.documentNumber, Literal(r.number.value)))
            self.derived(doc, r.number.span)
            self.flags(doc, r.number.flags)
        if r.date is not None:
            add((doc, DCTERMS.issued, date(r.date.value)))
            self.derived(doc, r.date.span)
        elif r.year is not None:
            add((doc, POL.issuedYear, integer(r.year.value)))
            self.derived(doc, r.year.span)
        if r.title is not None:
            add((doc, DCTERMS.title, vi(r.title.value)))
            add((doc, RDFS.label, vi(plan_label(r))))
            self.derived(doc, r.title.span)
        if r.plan_title is not None:
            add((doc, POL.planTitle, vi(r.plan_title.value)))
            self.derived(doc, r.plan_title.span)
        if r.place is not None:
            add((doc, POL.place, Literal(r.place.value)))
        if r.province is not None:
            add((doc, POL.province, iri(r.province.value)))
            self.derived(doc, r.province.span)
            self.flags(doc, r.province.flags)
        add((doc, POL.isDraft, Literal(r.is_draft)))
        for field_name, prop in (
            ("signer", POL.signer),
            ("signing_capacity", POL.signingCapacity),
            ("period", POL.period),
        ):
            value: Extracted[str] | None = getattr(r, field_name)
            if value is not None:
                add((doc, prop, Literal(value.value)))
                self.derived(doc, value.span)
        if r.issuer is not None:
            add((doc, POL.issuedBy, self.agency(r.issuer)))
        add((doc, POL.sourceFile, Literal(r.source_name)))
        add((doc, POL.sha256, Literal(r.source_sha256)))
        for ref in r.references:
            cited = self.reference(ref)
            add((doc, _RELATION[ref.relation], cited))
        for index, target in enumerate(r.targets, start=1):
            add((doc, POL.hasTarget, self.target(target, target_id(self.doc_local, index))))
        for budget in r.budgets:
            if budget.amount_dong is not None:
                add((doc, POL.budgetAmount, decimal(budget.amount_dong)))
                self.derived(doc, budget.span)
            for source in budget.sources:
                add((doc, POL.fundingSource, vi(source)))
        for task in r.tasks:
            add((doc, POL.hasTask, self.task(task)))
        for statement in r.successions:
            self.succession(statement)
        return self.graph


def plan_label(r: PlanRecord) -> str:
    """ "Kế hoạch 144/KH-UBND tỉnh Bắc Ninh", "Kế hoạch tỉnh Hà Tĩnh 2026-2030 (dự thảo)"."""
    kind = "Quyết định" if r.doc_type.value == "QĐ" else "Kế hoạch"
    parts = [kind]
    if r.number is not None:
        parts.append(r.number.value)
    unit = catalogue.provinces().get(r.province.value) if r.province else None
    if unit is not None:
        parts.append(f"{unit.unit_kind} {unit.name}")
    if r.number is None and r.period is not None:
        parts.append(r.period.value)
    if r.is_draft:
        parts.append("(dự thảo)")
    elif r.number is None:
        parts.append("(không số)")
    return " ".join(parts)
