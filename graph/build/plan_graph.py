"""``PlanRecord`` → one named RDF graph, with a ``pol:SourceSpan`` behind every extracted fact.

The same record always gives the same triples (IRIs come from the document's number, its
province and the task keys; spans from line numbers and quotes), so re-ingesting a file
replaces its graph with an identical one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from rdflib import RDF as _RDF
from rdflib import RDFS as _RDFS
from rdflib import XSD as _XSD
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS as _DCTERMS
from rdflib.namespace import ORG as _ORG
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import SKOS as _SKOS

from graph.build.agency_keys import AgencyKey
from graph.build.findings import Finding
from graph.build.findings_rdf import add_findings
from graph.build.ids import (
    agency_id,
    document_id,
    graph_id,
    iri,
    named_agency_id,
    province_suffix,
    slug,
    span_id,
    unnumbered_document_id,
    unresolved_agency_id,
)
from graph.build.triples import Triples
from loaders.docnumbers import number_is_national
from loaders.models import (
    AgencyMention,
    DocumentRef,
    Extracted,
    PlanRecord,
    Span,
    SuccessionStatement,
    TargetRecord,
    TaskRecord,
)
from loaders.places import PROVINCE_REFORM, unit_for
from ontology import catalogue
from ontology.rdf import ELI as _ELI
from ontology.rdf import POL as _POL
from ontology.rdf import CachedTerms

RDF, RDFS, XSD, DCTERMS, ORG, PROV, SKOS, ELI, POL = (
    CachedTerms(namespace) for namespace in (_RDF, _RDFS, _XSD, _DCTERMS, _ORG, _PROV, _SKOS, _ELI, _POL)
)

DOC_TYPE_IDS = {
    "NĐ": "doctype-nd",
    "QĐ": "doctype-qd",
    "CĐ": "doctype-cd",
    "KH": "doctype-kh",
    "CT": "doctype-ct",
    "NQ": "doctype-nq",
    "TT": "doctype-tt",
    "TTLT": "doctype-tt",
    "TB": "doctype-tb",
    "BC": "doctype-bc",
    "TTr": "doctype-ttr",
    "HD": "doctype-hd",
    "CV": "doctype-cv",
    "VB": "doctype-vb",
    "LUAT": "doctype-luat",
    "KHHĐ": "doctype-kh",
    "KL": "doctype-vb",
    "CTr": "doctype-vb",
    "PL": "doctype-vb",
    "HP": "doctype-vb",
}
ROLE_PROPERTY = {
    "lead": POL.leadAgency,
    "coordinating": POL.coordinatingAgency,
    "reporting": POL.reportsTo,
}


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


class _Builder:
    def __init__(self, record: PlanRecord) -> None:
        self.record = record
        self.graph = Triples()
        # the descriptions of the concrete agencies the plan names, kept apart (graph.build.agency_keys)
        self.agency_descriptions = Triples()
        self.described_agencies: dict[AgencyKey, bool] = {}
        self.doc_local = plan_id(record)
        self.doc = iri(self.doc_local)
        self.agencies: set[str] = set()
        self.described: set[str] = set()
        self._literals: dict[str, Literal] = {}
        self._lines: dict[int, Literal] = {}

    # -- helpers ---------------------------------------------------------------
    def add(self, s: URIRef | BNode, p: URIRef, o: object) -> None:
        if o is None:
            return
        node = o if isinstance(o, (URIRef, BNode, Literal)) else Literal(o)
        self.graph.add((s, p, node))

    def span(self, span: Span) -> URIRef:
        node = iri(span_id(self.doc_local, span.start_line, span.end_line, span.quote))
        g = self.graph
        g.add((node, RDF.type, POL.SourceSpan))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, POL.sourceFile, self.literal(span.file)))
        g.add((node, POL.startLine, self.line(span.start_line)))
        g.add((node, POL.endLine, self.line(span.end_line)))
        if span.page is not None:
            g.add((node, POL.page, self.line(span.page)))
        if span.ocr_confidence is not None:
            g.add((node, POL.ocrConfidence, Literal(Decimal(str(round(span.ocr_confidence, 1))))))
        g.add((node, POL.quote, Literal(span.quote)))
        return node

    def literal(self, text: str) -> Literal:
        """A plain literal, made once per distinct text (file names, roles, flags repeat)."""
        made = self._literals.get(text)
        if made is None:
            made = self._literals[text] = Literal(text)
        return made

    def line(self, number: int) -> Literal:
        made = self._lines.get(number)
        if made is None:
            made = self._lines[number] = Literal(number, datatype=XSD.integer)
        return made

    def derived(self, node: URIRef, span: Span) -> None:
        self.graph.add((node, PROV.wasDerivedFrom, self.span(span)))

    def flags(self, node: URIRef, flags: list[str]) -> None:
        for flag in flags:
            self.graph.add((node, POL.flag, self.literal(flag)))

    # -- the plan ----------------------------------------------------------------
    def build(self) -> Triples:
        r = self.record
        g, doc = self.graph, self.doc
        g.add((doc, RDF.type, POL.Plan))
        g.add((doc, RDF.type, POL.LegalDocument))
        g.add((doc, RDF.type, ELI.LegalResource))
        g.add((doc, POL.documentType, iri(DOC_TYPE_IDS.get(r.doc_type.value, "doctype-kh"))))
        self.derived(doc, r.doc_type.span)
        if r.number is not None:
            g.add((doc, POL.documentNumber, Literal(r.number.value)))
            self.derived(doc, r.number.span)
            self.flags(doc, r.number.flags)
        if r.date is not None:
            g.add((doc, DCTERMS.issued, Literal(r.date.value, datatype=XSD.date)))
            self.derived(doc, r.date.span)
        elif r.year is not None:
            g.add((doc, POL.issuedYear, Literal(r.year.value, datatype=XSD.integer)))
            self.derived(doc, r.year.span)
        if r.title is not None:
            g.add((doc, DCTERMS.title, Literal(r.title.value, lang="vi")))
            g.add((doc, RDFS.label, Literal(self._label(), lang="vi")))
            self.derived(doc, r.title.span)
        if r.plan_title is not None:
            g.add((doc, POL.planTitle, Literal(r.plan_title.value, lang="vi")))
            self.derived(doc, r.plan_title.span)
        if r.place is not None:
            g.add((doc, POL.place, Literal(r.place.value)))
        if r.province is not None:
            g.add((doc, POL.province, iri(r.province.value)))
            self.derived(doc, r.province.span)
            self.flags(doc, r.province.flags)
        g.add((doc, POL.isDraft, Literal(r.is_draft)))
        for field_name, prop in (
            ("signer", POL.signer),
            ("signing_capacity", POL.signingCapacity),
            ("period", POL.period),
        ):
            value: Extracted[str] | None = getattr(r, field_name)
            if value is not None:
                g.add((doc, prop, Literal(value.value)))
                self.derived(doc, value.span)
        if r.issuer is not None:
            agency = self.agency(r.issuer)
            g.add((doc, POL.issuedBy, agency))
        g.add((doc, POL.sourceFile, Literal(r.source_name)))
        g.add((doc, POL.sha256, Literal(r.source_sha256)))
        for ref in r.references:
            target = self.reference(ref)
            prop = {"implements": POL.implements, "based_on": POL.basedOn, "cites": POL.cites}[ref.relation]
            g.add((doc, prop, target))
        for index, target in enumerate(r.targets, start=1):
            g.add((doc, POL.hasTarget, self.target(target, f"target-{self.doc_local[4:]}-{index}")))
        for budget in r.budgets:
            if budget.amount_dong is not None:
                g.add((doc, POL.budgetAmount, Literal(budget.amount_dong, datatype=XSD.decimal)))
                self.derived(doc, budget.span)
            for source in budget.sources:
                g.add((doc, POL.fundingSource, Literal(source, lang="vi")))
        for task in r.tasks:
            g.add((doc, POL.hasTask, self.task(task)))
        for statement in r.successions:
            self.succession(statement)
        return g

    def _label(self) -> str:
        """ "Kế hoạch 144/KH-UBND tỉnh Bắc Ninh", "Kế hoạch tỉnh Hà Tĩnh 2026-2030 (dự thảo)"."""
        r = self.record
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

    # -- references ----------------------------------------------------------------
    def reference(self, ref: DocumentRef) -> URIRef:
        if ref.known_id:
            node = iri(ref.known_id)
        else:
            province = self._ref_province(ref)
            node = iri(
                document_id(
                    ref.number,
                    year=ref.year,
                    province=province,
                    title=ref.title if not ref.number else None,
                    fallback="untitled",
                )
            )
        g = self.graph
        g.add((node, RDF.type, POL.LegalDocument))
        first = str(node) not in self.described
        self.described.add(str(node))
        if not ref.known_id and first:
            if ref.number:
                g.add((node, POL.documentNumber, Literal(ref.number)))
            if ref.doc_type:
                g.add((node, POL.documentType, iri(DOC_TYPE_IDS.get(ref.doc_type, "doctype-vb"))))
            if ref.date:
                g.add((node, DCTERMS.issued, Literal(ref.date, datatype=XSD.date)))
            if ref.title:
                g.add((node, DCTERMS.title, Literal(ref.title, lang="vi")))
            if ref.province:
                g.add((node, POL.province, iri(self._ref_province(ref) or ref.province)))
            if ref.issuer_name:
                g.add((node, POL.issuerName, Literal(ref.issuer_name, lang="vi")))
            label = " ".join(x for x in (_type_word(ref.doc_type), ref.number) if x) or ref.title
            if label:
                g.add((node, RDFS.label, Literal(label, lang="vi")))
        self.derived(node, ref.span)
        if ref.raw_number and first:
            g.add((node, POL.numberAsWritten, Literal(ref.raw_number)))
        self.flags(node, ref.flags)
        return node

    def _ref_province(self, ref: DocumentRef) -> str | None:
        """The provincial unit a cited provincial document was numbered in (the one on its date)."""
        if not ref.province or not ref.number or number_is_national(ref.number):
            return None
        entry = catalogue.provinces().get(ref.province)
        if entry is None or ref.date is None:
            return ref.province
        return unit_for(entry.name, ref.date) or ref.province

    # -- agencies --------------------------------------------------------------------
    def agency(self, mention: AgencyMention) -> URIRef:
        g = self.graph
        province = None if mention.national else mention.province
        generic = catalogue.agency_types().get(mention.type_id or "")
        if mention.type_id is None or (
            generic is not None and generic.generic and not (province or mention.group or mention.national)
        ):
            # a body of no known jurisdiction, or that no type names: kept as written
            node = iri(unresolved_agency_id(mention.text, province))
            g.add((node, RDF.type, POL.UnresolvedAgency))
            g.add((node, RDFS.label, Literal(mention.text, lang="vi")))
            g.add((node, POL.flag, Literal("unresolved")))
            if province:
                g.add((node, POL.province, iri(province)))
            return node
        if generic is not None and generic.generic:
            return self.named_agency(mention, province)
        node = iri(agency_id(mention.type_id, province if not mention.national else None))
        if str(node) in self.agencies:
            return node
        self.agencies.add(str(node))
        describe_agency(self.agency_descriptions, mention.type_id, province, collective=mention.group)
        key = (mention.type_id, province)
        self.described_agencies[key] = self.described_agencies.get(key, False) or (
            (node, POL.collective, Literal(True)) in self.agency_descriptions
        )
        return node

    def named_agency(self, mention: AgencyMention, province: str | None) -> URIRef:
        """A body not in the catalogue, recognised by the head noun of its name: one node per
        name as written and province, of the head noun's type, described in the plan's own
        graph (as unresolved bodies are), since no curated description exists for it."""
        assert mention.type_id is not None
        g = self.graph
        node = iri(named_agency_id(mention.text, province))
        g.add((node, RDF.type, POL.Agency))
        g.add((node, RDF.type, ORG.Organization))
        g.add((node, POL.agencyType, iri(mention.type_id)))
        g.add((node, RDFS.label, Literal(mention.text, lang="vi")))
        g.add((node, SKOS.prefLabel, Literal(mention.text, lang="vi")))
        g.add((node, POL.flag, Literal("recognised by structure")))
        if province:
            g.add((node, POL.province, iri(province)))
        if mention.group:
            g.add((node, POL.collective, Literal(True)))
        return node

    def assign(self, task: URIRef, task_local: str, mention: AgencyMention, role: str, index: int) -> None:
        agency = self.agency(mention)
        g = self.graph
        g.add((task, ROLE_PROPERTY[role], agency))
        node = iri(f"assign-{task_local[5:]}-{role}-{index}")
        g.add((task, POL.hasAssignment, node))
        g.add((node, RDF.type, POL.Assignment))
        g.add((node, POL.agency, agency))
        g.add((node, POL.role, self.literal(role)))
        g.add((node, POL.mentionText, Literal(mention.text)))
        if mention.matched_label:
            g.add((node, POL.matchedLabel, Literal(mention.matched_label)))
        self.flags(node, mention.flags)
        self.derived(node, mention.span)

    # -- tasks and targets -----------------------------------------------------------
    def task_local(self, key: str) -> str:
        return f"task-{self.doc_local[4:]}-{slug(key.replace('đ', 'dd'), 60)}"

    def task_iri(self, key: str) -> URIRef:
        return iri(self.task_local(key))

    def task(self, task: TaskRecord) -> URIRef:
        task_local = self.task_local(task.key)
        node = iri(task_local)
        g = self.graph
        g.add((node, RDF.type, POL.Task))
        g.add((node, DCTERMS.description, Literal(task.text, lang="vi")))
        g.add((node, RDFS.label, Literal(_short(task.text), lang="vi")))
        g.add((node, POL.taskKey, Literal(task.key)))
        g.add((node, POL.origin, self.literal(task.origin)))
        if task.code:
            g.add((node, POL.taskCode, Literal(task.code)))
        if task.heading:
            g.add((node, POL.heading, Literal(task.heading, lang="vi")))
        g.add((node, POL.advisory, Literal(task.advises)))
        g.add((node, POL.monitoring, Literal(task.monitoring)))
        self.derived(node, task.span)
        for role, mentions in (
            ("lead", task.leads),
            ("coordinating", task.coordinators),
            ("reporting", task.reports_to),
        ):
            for index, mention in enumerate(mentions, start=1):
                self.assign(node, task_local, mention, role, index)
        for prop, value in (
            (POL.product, task.product),
            (POL.fundingSource, task.funding),
            (POL.timeframe, task.timeframe),
            (POL.targetText, task.target_text),
        ):
            if value is not None:
                g.add((node, prop, Literal(value.value, lang="vi")))
                self.derived(node, value.span)
        for index, target in enumerate(task.targets, start=1):
            g.add((node, POL.hasTarget, self.target(target, f"target-{task_local[5:]}-{index}")))
        for ref in task.references:
            g.add((node, POL.cites, self.reference(ref)))
        return node

    def target(self, target: TargetRecord, local_name: str) -> URIRef:
        node = iri(local_name)
        g = self.graph
        g.add((node, RDF.type, POL.Target))
        g.add((node, POL.targetValue, _decimal(target.value)))
        if target.value_max is not None:
            g.add((node, POL.targetValueMax, _decimal(target.value_max)))
        g.add((node, POL.targetUnit, Literal(target.unit)))
        g.add((node, POL.targetMetric, Literal(target.metric, lang="vi")))
        g.add((node, POL.comparator, Literal(target.comparator)))
        if target.comparator_text:
            g.add((node, POL.comparatorText, Literal(target.comparator_text, lang="vi")))
        if target.deadline_year:
            g.add((node, POL.deadlineYear, Literal(target.deadline_year, datatype=XSD.integer)))
        self.flags(node, target.flags)
        self.derived(node, target.span)
        return node

    def succession(self, statement: SuccessionStatement) -> None:
        g = self.graph
        if statement.kind == "province" and statement.before_province and statement.after_province:
            old, new = iri(statement.before_province), iri(statement.after_province)
        elif statement.kind == "agency" and statement.before_type_id and statement.after_type_id:
            province = self.record.province.value if self.record.province else None
            before = AgencyMention(
                text=statement.before,
                type_id=statement.before_type_id,
                province=province,
                span=statement.span,
            )
            after = AgencyMention(
                text=statement.after,
                type_id=statement.after_type_id,
                province=province,
                span=statement.span,
            )
            for mention in (before, after):
                entry = catalogue.agency_types().get(mention.type_id or "")
                mention.national = entry is not None and entry.level == "national"
            old, new = self.agency(before), self.agency(after)
        else:
            return
        g.add((old, POL.successor, new))
        event = iri(f"event-{self.doc_local[4:]}-{statement.span.start_line}-{slug(statement.before, 30)}")
        known = _known_date(statement)
        if known is not None:
            g.add((event, DCTERMS.date, Literal(known, datatype=XSD.date)))
        g.add((event, RDF.type, ORG.ChangeEvent))
        g.add((event, ORG.originalOrganization, old))
        g.add((event, ORG.resultingOrganization, new))
        g.add(
            (
                event,
                RDFS.comment,
                Literal(f"{statement.before} (nay là {statement.after})", lang="vi"),
            )
        )
        self.derived(event, statement.span)


def _known_date(statement: SuccessionStatement) -> dt.date | None:
    """The curated date of a rename the text states ("(nay là ...)"), where the reference knows it."""
    if statement.kind == "province":
        return PROVINCE_REFORM
    for succession in catalogue.type_successions().get(statement.before_type_id or "", ()):
        if succession.to_id == statement.after_type_id:
            return succession.date
    return None


def _decimal(value: Decimal) -> Literal:
    return Literal(value.normalize() if value == value.to_integral() else value, datatype=XSD.decimal)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _type_word(code: str | None) -> str | None:
    words = {
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
    return words.get(code or "")


def describe_agency(graph: Triples | Graph, type_id: str, province: str | None, *, collective: bool = False) -> URIRef:
    """Add the description of the concrete agency (type, province) to ``graph``: its classes,
    type, Vietnamese and English labels, province, and whether it names a group of bodies.
    Every graph that describes an agency describes it with exactly these triples."""
    node = iri(agency_id(type_id, province))
    graph.add((node, RDF.type, POL.Agency))
    graph.add((node, RDF.type, ORG.Organization))
    graph.add((node, POL.agencyType, iri(type_id)))
    vi, en = agency_labels(type_id, province)
    graph.add((node, RDFS.label, Literal(vi, lang="vi")))
    graph.add((node, SKOS.prefLabel, Literal(vi, lang="vi")))
    if en:
        graph.add((node, RDFS.label, Literal(en, lang="en")))
    if province:
        graph.add((node, POL.province, iri(province)))
    entry = catalogue.agency_types().get(type_id)
    if collective or (entry is not None and entry.category == "group"):
        graph.add((node, POL.collective, Literal(True)))
    return node


def agency_labels(type_id: str, province: str | None) -> tuple[str, str | None]:
    """ "Sở Công Thương tỉnh An Giang" / "Department of Industry and Trade, An Giang"."""
    entry = catalogue.agency_types().get(type_id)
    name_vi = entry.pref_vi if entry else type_id
    name_en = entry.pref_en if entry else None
    if not province:
        return name_vi, name_en
    unit = catalogue.provinces().get(province)
    if unit is None:
        return f"{name_vi} ({province_suffix(province)})", name_en
    scope = unit.unit_kind or "tỉnh"
    suffix = "" if unit.current else " (trước 01/7/2025)"
    # A type named for its level ("Ủy ban nhân dân tỉnh", "Hiệp hội Doanh nghiệp tỉnh") takes
    # the unit's own level word instead: "Ủy ban nhân dân thành phố Cần Thơ".
    name_vi = re.sub(r"\s+(?:tỉnh|thành phố)$", "", name_vi)
    vi = f"{name_vi} {scope} {unit.name}{suffix}"
    en = f"{name_en}, {unit.name}{'' if unit.current else ' (before 1 July 2025)'}" if name_en else None
    return vi, en


@dataclass
class PlanGraph:
    """One document's graph: its own triples (stored in its named graph), the descriptions of
    the agencies it names (stored once for all documents, in the agencies graph), and those
    agencies with whether each names a group of bodies."""

    iri: str
    own: Triples
    agencies: Triples
    described: dict[AgencyKey, bool]
    doc: str = ""  # the document's IRI

    def whole(self) -> Triples:
        """Everything the document says, agencies included (what validation reads)."""
        return Triples([*self.own, *self.agencies])

    def file_only(self) -> Triples:
        """What the graph says of its own file (the triples about the graph's node): what is
        kept of a file whose document is read from another, better-read file."""
        node = URIRef(self.iri)
        return Triples([triple for triple in self.own if triple[0] == node])


def build_plan_parts(record: PlanRecord, findings: Sequence[Finding] = ()) -> PlanGraph:
    """The document's graph; ``findings`` are its check findings (``graph.analysis.checks``)."""
    builder = _Builder(record)
    own = builder.build()
    add_findings(builder, findings)
    graph_iri = iri(graph_id(record.source_file))
    if record.source_text:
        # the text the spans' line numbers count in, on the file's graph node (the source reader)
        own.add((graph_iri, POL.sourceText, Literal(record.source_text)))
        # a paged file (PDF, scan): the line each page begins on, for the reader to show pages
        for start in record.page_starts:
            own.add((graph_iri, POL.pageStartLine, Literal(start)))
    return PlanGraph(
        str(graph_iri),
        own,
        builder.agency_descriptions,
        builder.described_agencies,
        str(builder.doc),
    )


def build_plan_graph(record: PlanRecord) -> tuple[str, Triples]:
    """The named graph's IRI and all the triples of one document, agency descriptions included."""
    parts = build_plan_parts(record)
    return parts.iri, parts.whole()
