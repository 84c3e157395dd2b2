"""SHACL shapes: the reference graphs conform, a plan graph of the An Giang sample conforms when
validated together with the reference graphs, and each rule of the graph shape rejects what it
should."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH

from ontology.namespaces import POL, POLID

Validator = Callable[[Graph], tuple[bool, Graph, str]]
AN_GIANG = "an-giang_kh-trien-khai-cd-17-2025.txt"

PREFIXES = """
@prefix pol:     <https://w3id.org/policykg/ontology#> .
@prefix polid:   <https://w3id.org/policykg/id/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
"""


def line_of(lines: list[str], text: str) -> int:
    """The 1-based number of the first line that contains ``text``."""
    return next(i for i, line in enumerate(lines, start=1) if text in line)


@pytest.fixture(scope="module")
def an_giang_plan(sample_lines: Callable[[str], list[str]]) -> str:
    """A plan graph as graph/build shapes it, for facts read from the An Giang sample: the plan
    implements Công điện 17/CĐ-TTg; task V.1 is led by Sở Công Thương with the departments and
    district committees coordinating and reporting to Sở Công Thương."""
    lines = sample_lines(AN_GIANG)
    title = line_of(lines, "KẾ HOẠCH")
    basis = line_of(lines, "Thực hiện Công điện số 17/CĐ-TTg")
    heading = line_of(lines, "1. Sở Công Thương")
    lead = line_of(lines, "- Chủ trì, phối hợp các Sở, ban, ngành")
    report = line_of(lines, "gửi báo cáo kết quả về Sở Công Thương")
    signer = line_of(lines, "Lê Văn Phước")
    return (
        PREFIXES
        + f"""
polid:doc-kh-an-giang-cd-17 a pol:Plan ;
    pol:documentType polid:doctype-kh ;
    dcterms:title "Triển khai thực hiện Công điện số 17/CĐ-TTg trên địa bàn tỉnh An Giang"@vi ;
    pol:province polid:province-an-giang-pre2025 ;
    pol:issuedBy polid:agency-ubnd-tinh-an-giang-pre2025 ;
    pol:implements polid:doc-17-cd-ttg-2025 ;
    pol:cites polid:doc-135-2024-nd-cp , polid:doc-889-qd-ttg-2020 ;
    pol:signer "Lê Văn Phước" ;
    pol:signingCapacity "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" ;
    pol:isDraft false ;
    pol:hasTask polid:task-kh-an-giang-cd-17-v-1 ;
    prov:wasDerivedFrom polid:span-title , polid:span-signer .

polid:task-kh-an-giang-cd-17-v-1 a pol:Task ;
    pol:taskCode "V.1" ;
    dcterms:description '''Chủ trì, phối hợp các Sở, ban, ngành ... tiếp tục triển khai thực hiện
        Chương trình hành động quốc gia về sản xuất và tiêu dùng bền vững'''@vi ;
    pol:leadAgency polid:agency-so-cong-thuong-an-giang-pre2025 ;
    pol:coordinatingAgency polid:agency-so-ban-nganh-an-giang-pre2025 ;
    pol:reportsTo polid:agency-so-cong-thuong-an-giang-pre2025 ;
    pol:hasAssignment polid:assignment-v-1-lead ;
    pol:cites polid:doc-889-qd-ttg-2020 ;
    prov:wasDerivedFrom polid:span-lead .

polid:assignment-v-1-lead a pol:Assignment ;
    pol:agency polid:agency-so-cong-thuong-an-giang-pre2025 ;
    pol:role "lead" ;
    pol:mentionText "Sở Công Thương" ;
    pol:matchedLabel "Sở Công Thương" ;
    prov:wasDerivedFrom polid:span-heading .

polid:agency-so-cong-thuong-an-giang-pre2025 a pol:Agency , org:Organization ;
    rdfs:label "Sở Công Thương tỉnh An Giang"@vi ;
    pol:agencyType polid:type-so-cong-thuong ;
    pol:province polid:province-an-giang-pre2025 .

polid:agency-ubnd-tinh-an-giang-pre2025 a pol:Agency , org:Organization ;
    rdfs:label "Ủy ban nhân dân tỉnh An Giang"@vi ;
    pol:agencyType polid:type-ubnd-tinh ;
    pol:province polid:province-an-giang-pre2025 .

polid:agency-so-ban-nganh-an-giang-pre2025 a pol:Agency , org:Organization ;
    rdfs:label "các Sở, ban, ngành tỉnh An Giang"@vi ;
    pol:agencyType polid:type-so-ban-nganh ;
    pol:province polid:province-an-giang-pre2025 ;
    pol:collective true .

polid:span-title a pol:SourceSpan , prov:Entity ;
    pol:sourceFile "{AN_GIANG}" ; pol:startLine {title} ; pol:endLine {basis - 1} ;
    pol:quote "KẾ HOẠCH" .
polid:span-signer a pol:SourceSpan , prov:Entity ;
    pol:sourceFile "{AN_GIANG}" ; pol:startLine {signer} ; pol:endLine {signer} ;
    pol:quote "Lê Văn Phước" .
polid:span-heading a pol:SourceSpan , prov:Entity ;
    pol:sourceFile "{AN_GIANG}" ; pol:startLine {heading} ; pol:endLine {heading} ;
    pol:quote "1. Sở Công Thương" .
polid:span-lead a pol:SourceSpan , prov:Entity ;
    pol:sourceFile "{AN_GIANG}" ; pol:startLine {lead} ; pol:endLine {report} ;
    pol:quote "Chủ trì, phối hợp các Sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã," .
"""
    )


def plan_with(reference: Graph, turtle: str, extra: str = "") -> Graph:
    data = Graph().parse(data=turtle + extra, format="turtle")
    data += reference
    return data


def violations(report: Graph) -> set[tuple[str, str]]:
    """(focus node local id or literal, path local name) of every violation."""
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = str(report.value(result, SH.focusNode)).removeprefix(POLID)
        path = report.value(result, SH.resultPath)
        found.add((focus, str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if path else ""))
    return found


def focus_nodes(report: Graph) -> set[str]:
    return {focus for focus, _ in violations(report)}


def test_reference_graphs_conform(reference: Graph, validate: Validator) -> None:
    conforms, _, text = validate(reference)
    assert conforms, text


def test_the_an_giang_plan_graph_conforms_with_the_reference_graphs(
    reference: Graph, validate: Validator, an_giang_plan: str
) -> None:
    conforms, _, text = validate(plan_with(reference, an_giang_plan))
    assert conforms, text


def test_a_plan_graph_alone_lacks_the_types_of_referenced_nodes(validate: Validator, an_giang_plan: str) -> None:
    # without the reference graphs, the agency types and provinces are unknown nodes
    conforms, report, _ = validate(Graph().parse(data=an_giang_plan, format="turtle"))
    assert not conforms
    assert ("agency-so-cong-thuong-an-giang-pre2025", "agencyType") in violations(report)


def test_a_task_without_a_lead_agency_is_rejected(reference: Graph, validate: Validator, an_giang_plan: str) -> None:
    data = plan_with(reference, an_giang_plan)
    data.remove((URIRef(POLID + "task-kh-an-giang-cd-17-v-1"), URIRef(POL + "leadAgency"), None))
    conforms, report, _ = validate(data)
    assert not conforms
    assert focus_nodes(report) == {"task-kh-an-giang-cd-17-v-1"}
    # The same task read from the plan's tasks-and-measures part, where no agency is named: no lead is recorded.
    data.add((URIRef(POLID + "task-kh-an-giang-cd-17-v-1"), URIRef(POL + "origin"), Literal("content")))
    conforms, _, text = validate(data)
    assert conforms, text


def test_an_unresolved_agency_may_lead_but_a_document_may_not(
    reference: Graph, validate: Validator, an_giang_plan: str
) -> None:
    unresolved = (
        PREFIXES
        + """
polid:task-kh-an-giang-cd-17-v-1 pol:leadAgency polid:unresolved-hiep-hoi-dn-ag .
polid:unresolved-hiep-hoi-dn-ag a pol:UnresolvedAgency ;
    rdfs:label "Hiệp hội DN AG"@vi ; pol:province polid:province-an-giang-pre2025 ;
    pol:flag "unresolved" .
"""
    )
    conforms, _, text = validate(plan_with(reference, an_giang_plan, unresolved))
    assert conforms, text
    wrong = PREFIXES + "polid:task-kh-an-giang-cd-17-v-1 pol:leadAgency polid:doc-17-cd-ttg-2025 ."
    conforms, report, _ = validate(plan_with(reference, an_giang_plan, wrong))
    assert not conforms
    assert ("task-kh-an-giang-cd-17-v-1", "leadAgency") in violations(report)


def test_a_provincial_agency_needs_its_province_a_ministry_does_not(
    reference: Graph, validate: Validator, an_giang_plan: str
) -> None:
    ministry = (
        PREFIXES
        + """
polid:task-kh-an-giang-cd-17-v-1 pol:coordinatingAgency polid:agency-bo-cong-thuong .
polid:agency-bo-cong-thuong a pol:Agency , org:Organization ;
    rdfs:label "Bộ Công Thương"@vi ; pol:agencyType polid:type-bo-cong-thuong .
"""
    )
    conforms, _, text = validate(plan_with(reference, an_giang_plan, ministry))
    assert conforms, text
    data = plan_with(reference, an_giang_plan)
    data.remove((URIRef(POLID + "agency-so-cong-thuong-an-giang-pre2025"), URIRef(POL + "province"), None))
    conforms, report, _ = validate(data)
    assert not conforms
    assert focus_nodes(report) == {"agency-so-cong-thuong-an-giang-pre2025"}


def test_a_target_has_exactly_one_value_unit_and_metric(
    reference: Graph, validate: Validator, an_giang_plan: str
) -> None:
    target = (
        PREFIXES
        + """
polid:doc-kh-an-giang-cd-17 pol:hasTarget polid:target-x .
polid:target-x a pol:Target ;
    pol:targetValue 85.0 , 80.0 ;
    pol:targetMetric "siêu thị, trung tâm thương mại"@vi ;
    prov:wasDerivedFrom polid:span-lead .
"""
    )
    conforms, report, _ = validate(plan_with(reference, an_giang_plan, target))
    assert not conforms
    assert violations(report) == {("target-x", "targetValue"), ("target-x", "targetUnit")}


def test_extracted_nodes_need_a_source_span(reference: Graph, validate: Validator, an_giang_plan: str) -> None:
    data = plan_with(reference, an_giang_plan)
    data.remove((URIRef(POLID + "assignment-v-1-lead"), None, URIRef(POLID + "span-heading")))
    data.remove((URIRef(POLID + "span-lead"), URIRef(POL + "quote"), None))
    conforms, report, _ = validate(data)
    assert not conforms
    assert focus_nodes(report) == {"assignment-v-1-lead", "span-lead"}


def test_a_span_ends_after_it_starts(reference: Graph, validate: Validator, an_giang_plan: str) -> None:
    data = plan_with(reference, an_giang_plan)
    span = URIRef(POLID + "span-heading")
    data.set((span, URIRef(POL + "endLine"), Literal(1)))
    conforms, report, _ = validate(data)
    assert not conforms
    assert violations(report) == {("span-heading", "startLine")}


def test_an_assignment_role_is_one_of_the_three(reference: Graph, validate: Validator, an_giang_plan: str) -> None:
    data = plan_with(reference, an_giang_plan)
    data.set((URIRef(POLID + "assignment-v-1-lead"), URIRef(POL + "role"), Literal("owner")))
    conforms, report, _ = validate(data)
    assert not conforms
    assert violations(report) == {("assignment-v-1-lead", "role")}


def test_a_pre_2025_province_without_successor_is_rejected(reference: Graph, validate: Validator) -> None:
    data = Graph() + reference
    unit = URIRef(POLID + "province-tien-giang-pre2025")
    data.remove((unit, URIRef(POL + "successor"), None))
    conforms, report, _ = validate(data)
    assert not conforms
    assert focus_nodes(report) == {"province-tien-giang-pre2025"}


def test_an_agency_type_with_a_successor_needs_an_abolition_date(reference: Graph, validate: Validator) -> None:
    data = Graph() + reference
    data.remove((URIRef(POLID + "type-so-giao-thong-van-tai"), URIRef(POL + "abolished"), None))
    conforms, report, _ = validate(data)
    assert not conforms
    assert focus_nodes(report) == {"type-so-giao-thong-van-tai"}
