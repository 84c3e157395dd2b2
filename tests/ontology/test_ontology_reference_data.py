"""Facts of the curated reference graphs: the 2025 provincial mergers, agency types and their
successions, the national documents and the targets of Quyết định 889/QĐ-TTg."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from decimal import Decimal

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from ontology.namespaces import DCTERMS, ORG, POL, POLID


def iri(local: str) -> URIRef:
    return URIRef(POLID + local)


def p(name: str) -> URIRef:
    return URIRef(POL + name)


# ----------------------------------------------------------------------------- provinces


def units(reference: Graph) -> tuple[set[URIRef], set[URIRef]]:
    all_units = set(reference.subjects(RDF.type, p("Province")))
    old = {u for u in all_units if (u, p("validUntil"), None) in reference}
    return old, all_units - old


def test_there_are_63_units_before_and_34_since_1_july_2025(reference: Graph) -> None:
    old, current = units(reference)
    assert len(old) == 63
    assert len(current) == 34
    assert all(str(u).endswith("-pre2025") for u in old)
    assert not any(str(u).endswith("-pre2025") for u in current)
    for unit in current:
        assert reference.value(unit, p("validFrom")) == Literal(dt.date(2025, 7, 1))
    for unit in old:
        assert reference.value(unit, p("validUntil")) == Literal(dt.date(2025, 6, 30))


def test_every_pre_2025_unit_has_exactly_one_current_successor(reference: Graph) -> None:
    old, current = units(reference)
    for unit in old:
        successors = list(reference.objects(unit, p("successor")))
        assert len(successors) == 1, unit
        assert successors[0] in current
    # and every current unit continues at least one old unit
    assert {s for u in old for s in reference.objects(u, p("successor"))} == current


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("province-an-giang-pre2025", "province-an-giang"),
        ("province-kien-giang-pre2025", "province-an-giang"),
        ("province-dong-thap-pre2025", "province-dong-thap"),
        ("province-tien-giang-pre2025", "province-dong-thap"),
        ("province-ha-tinh-pre2025", "province-ha-tinh"),
        ("province-ba-ria-vung-tau-pre2025", "province-ho-chi-minh"),
        ("province-thua-thien-hue-pre2025", "province-hue"),
        ("province-hoa-binh-pre2025", "province-phu-tho"),
        ("province-dak-nong-pre2025", "province-lam-dong"),
    ],
)
def test_merger_mapping(reference: Graph, old: str, new: str) -> None:
    assert reference.value(iri(old), p("successor")) == iri(new)


def test_each_merger_is_a_dated_change_event_citing_resolution_202(reference: Graph) -> None:
    event = iri("event-province-an-giang-2025")
    assert (event, RDF.type, URIRef(ORG + "ChangeEvent")) in reference
    assert set(reference.objects(event, URIRef(ORG + "originalOrganization"))) == {
        iri("province-an-giang-pre2025"),
        iri("province-kien-giang-pre2025"),
    }
    assert reference.value(event, URIRef(ORG + "resultingOrganization")) == iri("province-an-giang")
    assert reference.value(event, URIRef(DCTERMS + "date")) == Literal(dt.date(2025, 7, 1))
    assert reference.value(event, URIRef(DCTERMS + "source")) == iri("doc-202-2025-qh15")
    province_events = [
        e
        for e in reference.subjects(RDF.type, URIRef(ORG + "ChangeEvent"))
        if str(e).startswith(POLID + "event-province-")
    ]
    assert len(province_events) == 34
    originals = [o for e in province_events for o in reference.objects(e, URIRef(ORG + "originalOrganization"))]
    assert len(originals) == len(set(originals)) == 63


def test_six_centrally_governed_cities_since_2025_five_before(reference: Graph) -> None:
    old, current = units(reference)

    def cities(group: set[URIRef]) -> set[str]:
        return {
            str(reference.value(u, SKOS.prefLabel))
            for u in group
            if reference.value(u, p("unitKind")) == Literal("thành phố")
        }

    assert cities(current) == {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}
    assert cities(old) == {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}


def test_province_labels_cover_the_ways_plans_write_them(
    reference: Graph, sample_lines: Callable[[str], list[str]]
) -> None:
    def labels(local: str) -> set[str]:
        return {str(v) for pred in (SKOS.prefLabel, SKOS.altLabel) for v in reference.objects(iri(local), pred)}

    hcm = {"Hồ Chí Minh", "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "TP.HCM", "TP HCM"}
    assert hcm <= labels("province-ho-chi-minh")
    assert {"Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu"} <= labels("province-ba-ria-vung-tau-pre2025")
    assert {"Khánh Hòa", "Khánh Hoà", "Tỉnh Khánh Hòa"} <= labels("province-khanh-hoa")
    # the An Giang sample names its province "tỉnh An Giang"
    assert "Tỉnh An Giang" in labels("province-an-giang-pre2025")
    lines = sample_lines("an-giang_kh-trien-khai-cd-17-2025.txt")
    assert any("tỉnh An Giang" in line for line in lines)


# ----------------------------------------------------------------------------- agency types


def concept_with_label(reference: Graph, label: str) -> set[URIRef]:
    return {
        s
        for pred in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
        for s in reference.subjects(pred, Literal(label, lang="vi"))
        if (s, RDF.type, p("AgencyType")) in reference
    }


def test_both_tone_placements_and_the_abbreviation_name_one_department(reference: Graph) -> None:
    found = [
        concept_with_label(reference, label)
        for label in ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL")
    ]
    assert found[0] == found[1] == found[2] == {iri("type-so-van-hoa-the-thao-va-du-lich")}


def test_no_label_or_short_code_names_two_agency_types(reference: Graph) -> None:
    counts: Counter[tuple[str, str]] = Counter()
    for concept in reference.subjects(RDF.type, p("AgencyType")):
        labels = {
            ("label", str(v).casefold())
            for pred in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
            for v in reference.objects(concept, pred)
            if v.language != "en"
        }
        codes = {("code", str(v).casefold()) for v in reference.objects(concept, p("shortCode"))}
        counts.update(labels | codes)
    assert [key for key, n in counts.items() if n > 1] == []


@pytest.mark.parametrize(
    ("sample", "written", "type_id"),
    [
        ("an-giang_kh-trien-khai-cd-17-2025.txt", "Sở Công Thương", "type-so-cong-thuong"),
        ("an-giang_kh-trien-khai-cd-17-2025.txt", "Sở Nông nghiệp và Môi trường", "type-so-nong-nghiep-va-moi-truong"),
        ("an-giang_kh-trien-khai-cd-17-2025.txt", "Ban Quản lý Khu Kinh tế tỉnh", "type-ban-quan-ly-khu-kinh-te"),
        ("an-giang_kh-trien-khai-cd-17-2025.txt", "Ủy ban nhân dân các huyện, thị xã, thành phố", "type-ubnd-huyen"),
        (
            "dong-thap_kh-sxtdbv-2023.txt",
            "Sở Lao động – Thương binh và Xã hội",
            "type-so-lao-dong-thuong-binh-va-xa-hoi",
        ),
        ("dong-thap_kh-sxtdbv-2023.txt", "Sở Tài nguyên và Môi trường", "type-so-tai-nguyen-va-moi-truong"),
        ("dong-thap_kh-sxtdbv-2023.txt", "Sở Giao thông vận tải", "type-so-giao-thong-van-tai"),
        ("dong-thap_kh-sxtdbv-2023.txt", "Hội bảo vệ người tiêu dùng", "type-hoi-bao-ve-nguoi-tieu-dung"),
        ("dong-thap_kh-sxtdbv-2023.txt", "Liên minh Hợp tác xã", "type-lien-minh-hop-tac-xa-tinh"),
        ("ha-tinh_kh-sxtdbv-2026-2030.txt", "Ủy ban Mặt trận Tổ quốc tỉnh", "type-uy-ban-mat-tran-to-quoc-tinh"),
        ("ha-tinh_kh-sxtdbv-2026-2030.txt", "UBND các phường, xã", "type-ubnd-xa"),
        ("ha-tinh_kh-sxtdbv-2026-2030.txt", "Sở Văn hóa, Thể thao và Du lịch", "type-so-van-hoa-the-thao-va-du-lich"),
        ("ha-tinh_kh-sxtdbv-2026-2030.txt", "Ban Quản lý Khu kinh tế tỉnh", "type-ban-quan-ly-khu-kinh-te"),
        ("ha-tinh_kh-sxtdbv-2026-2030.txt", "Sở Giáo dục và Đào tạo", "type-so-giao-duc-va-dao-tao"),
    ],
)
def test_agency_names_of_the_sample_plans_are_labels(
    reference: Graph,
    sample_lines: Callable[[str], list[str]],
    sample: str,
    written: str,
    type_id: str,
) -> None:
    text = re.sub(r"\s+", " ", " ".join(sample_lines(sample)))
    assert written in text
    assert concept_with_label(reference, written) == {iri(type_id)}


def test_types_of_national_bodies_are_national(reference: Graph) -> None:
    for local in ("type-bo-cong-thuong", "type-thu-tuong-chinh-phu", "type-bo-nganh"):
        assert reference.value(iri(local), p("level")) == Literal("national")
    assert reference.value(iri("type-ubnd-huyen"), p("level")) == Literal("district")
    assert reference.value(iri("type-ubnd-xa"), p("level")) == Literal("commune")
    assert reference.value(iri("type-so-cong-thuong"), p("level")) == Literal("province")


def test_short_codes_of_list_abbreviations(reference: Graph) -> None:
    def codes(local: str) -> set[str]:
        return {str(v) for v in reference.objects(iri(local), p("shortCode"))}

    assert "XD" in codes("type-so-xay-dung")
    assert "TC" in codes("type-so-tai-chinh")
    assert "KH&CN" in codes("type-so-khoa-hoc-va-cong-nghe")
    assert "NN&MT" in codes("type-so-nong-nghiep-va-moi-truong")
    # short codes are not labels
    assert concept_with_label(reference, "XD") == set()


# ----------------------------------------------------------------------------- restructuring


def test_natural_resources_department_passed_to_agriculture_and_environment(
    reference: Graph,
) -> None:
    old = iri("type-so-tai-nguyen-va-moi-truong")
    new = iri("type-so-nong-nghiep-va-moi-truong")
    assert reference.value(old, p("successor")) == new
    assert reference.value(old, p("abolished")) == Literal(dt.date(2025, 3, 1))
    events = [
        e
        for e in reference.subjects(URIRef(ORG + "originalOrganization"), old)
        if (e, URIRef(ORG + "resultingOrganization"), new) in reference
    ]
    assert len(events) == 1
    assert reference.value(events[0], URIRef(DCTERMS + "date")) == Literal(dt.date(2025, 3, 1))
    assert iri("doc-45-2025-nd-cp") in set(reference.objects(events[0], URIRef(DCTERMS + "source")))


def test_labour_department_split_names_the_functions_that_moved(reference: Graph) -> None:
    old = iri("type-so-lao-dong-thuong-binh-va-xa-hoi")
    assert reference.value(old, p("successor")) == iri("type-so-noi-vu")
    partial = set(reference.objects(old, p("partialSuccessor")))
    assert partial == {
        iri("type-so-y-te"),
        iri("type-so-giao-duc-va-dao-tao"),
        iri("type-so-nong-nghiep-va-moi-truong"),
    }
    functions = {}
    for event in reference.subjects(URIRef(ORG + "originalOrganization"), old):
        if reference.value(event, p("partial")) == Literal(True):
            target = reference.value(event, URIRef(ORG + "resultingOrganization"))
            functions[target] = str(reference.value(event, p("function")))
    assert functions == {
        iri("type-so-y-te"): "bảo trợ xã hội, trẻ em",
        iri("type-so-giao-duc-va-dao-tao"): "giáo dục nghề nghiệp",
        iri("type-so-nong-nghiep-va-moi-truong"): "giảm nghèo",
    }


def test_district_committees_ended_on_1_july_2025(reference: Graph) -> None:
    huyen = iri("type-ubnd-huyen")
    assert reference.value(huyen, p("abolished")) == Literal(dt.date(2025, 7, 1))
    assert reference.value(huyen, p("successor")) == iri("type-ubnd-xa")
    event = iri("event-type-ubnd-xa-2025")
    assert set(reference.objects(event, URIRef(DCTERMS + "source"))) == {
        iri("doc-203-2025-qh15"),
        iri("doc-72-2025-qh15"),
    }


def _events(reference: Graph, before: Node, after: Node) -> list[Node]:
    """The change events that hand ``before`` over to ``after``."""
    return [
        e
        for e in reference.subjects(URIRef(ORG + "resultingOrganization"), after)
        if (e, URIRef(ORG + "originalOrganization"), before) in reference
    ]


def _sources(reference: Graph, event: Node) -> set[str]:
    """The numbers of the documents an event cites as its source."""
    return {str(reference.value(d, p("documentNumber"))) for d in reference.objects(event, URIRef(DCTERMS + "source"))}


def test_every_abolished_type_leads_to_a_current_one_through_dated_events(
    reference: Graph,
) -> None:
    """Each ended type has a successor; following successors reaches a type that still
    exists, each hand-over later than the one before and carried by exactly one event."""
    abolished = set(reference.subjects(p("abolished"), None))
    assert len(abolished) >= 20
    for old in abolished:
        chain = [old]
        while (ended := reference.value(chain[-1], p("abolished"))) is not None:
            new = reference.value(chain[-1], p("successor"))
            assert new is not None, chain
            assert new not in chain and len(chain) <= 3, chain
            events = _events(reference, chain[-1], new)
            assert len(events) == 1, (chain, new)
            assert reference.value(events[0], URIRef(DCTERMS + "date")) == ended, (chain, new)
            later = reference.value(new, p("abolished"))
            assert later is None or later.toPython() > ended.toPython(), (chain, new)
            chain.append(new)


def test_the_tax_offices_changed_twice_in_2025(reference: Graph) -> None:
    """Cục Thuế tỉnh → 20 Chi cục Thuế khu vực (1 March) → 34 Thuế tỉnh (1 July)."""
    steps = []
    current = iri("type-cuc-thue-tinh")
    while (new := reference.value(current, p("successor"))) is not None:
        (event,) = _events(reference, current, new)
        sources = _sources(reference, event)
        steps.append(
            (str(new).removeprefix(POLID), reference.value(event, URIRef(DCTERMS + "date")).toPython(), sources)
        )
        current = new
    assert steps == [
        ("type-chi-cuc-thue-khu-vuc", dt.date(2025, 3, 1), {"381/QĐ-BTC", "29/2025/NĐ-CP"}),
        ("type-thue-tinh", dt.date(2025, 7, 1), {"2229/QĐ-BTC"}),
    ]
    assert reference.value(iri("type-thue-tinh"), p("abolished")) is None


@pytest.mark.parametrize(
    ("before", "after", "number"),
    [
        ("type-kho-bac-nha-nuoc-tinh", "type-kho-bac-nha-nuoc-khu-vuc", "385/QĐ-BTC"),
        ("type-cuc-hai-quan-tinh", "type-chi-cuc-hai-quan", "382/QĐ-BTC"),
        ("type-ngan-hang-nha-nuoc-chi-nhanh", "type-ngan-hang-nha-nuoc-khu-vuc", "26/2025/NĐ-CP"),
        ("type-bao-hiem-xa-hoi-khu-vuc", "type-bao-hiem-xa-hoi-tinh", "2286/QĐ-BTC"),
        ("type-cuc-thong-ke-tinh", "type-thong-ke-tinh", "384/QĐ-BTC"),
    ],
)
def test_the_vertical_branches_renamed_in_2025_have_their_source(
    reference: Graph, before: str, after: str, number: str
) -> None:
    assert reference.value(iri(before), p("successor")) == iri(after)
    (event,) = _events(reference, iri(before), iri(after))
    assert number in _sources(reference, event)
    for document in reference.objects(event, URIRef(DCTERMS + "source")):
        assert reference.value(document, URIRef(DCTERMS + "source")) is not None, document


# ----------------------------------------------------------------------------- documents


def test_decision_889_has_its_2025_and_2030_targets(reference: Graph) -> None:
    doc = iri("doc-889-qd-ttg-2020")
    assert reference.value(doc, p("documentNumber")) == Literal("889/QĐ-TTg")
    assert reference.value(doc, URIRef(DCTERMS + "issued")) == Literal(dt.date(2020, 6, 24))
    assert reference.value(doc, p("signer")) == Literal("Trịnh Đình Dũng")
    targets = {}
    for target in reference.objects(doc, p("hasTarget")):
        metric = str(reference.value(target, p("targetMetric")))
        year = reference.value(target, p("deadlineYear")).toPython()
        value = reference.value(target, p("targetValue")).toPython()
        top = reference.value(target, p("targetValueMax"))
        unit = str(reference.value(target, p("targetUnit")))
        targets[(year, metric)] = (value, top.toPython() if top is not None else None, unit)
    supermarkets = [k for k in targets if k[1].startswith("siêu thị, trung tâm thương mại")]
    assert sorted(targets[k] for k in supermarkets) == [(Decimal(85), None, "%"), (Decimal(100), None, "%")]
    assert {k[0]: targets[k] for k in supermarkets} == {2025: (Decimal(85), None, "%"), 2030: (Decimal(100), None, "%")}
    ranges = {k[0]: targets[k] for k in targets if k[1].startswith("mức giảm tiêu hao")}
    assert ranges == {2025: (Decimal(5), Decimal(8), "%"), 2030: (Decimal(7), Decimal(10), "%")}
    models = [v for k, v in targets.items() if v[2] == "mô hình"]
    assert models == [(Decimal(20), Decimal(30), "mô hình")]
    assert Counter(k[0] for k in targets) == {2025: 5, 2030: 5}


def test_the_programme_title_a_plan_cites_leads_to_decision_889(
    reference: Graph, sample_lines: Callable[[str], list[str]]
) -> None:
    # the An Giang plan cites the programme by title, without the decision's number
    lines = sample_lines("an-giang_kh-trien-khai-cd-17-2025.txt")
    joined = re.sub(r"\s+", " ", " ".join(lines))
    cited = "Chương trình hành động quốc gia về sản xuất và tiêu dùng bền vững giai đoạn 2021-2030"
    assert cited in joined
    assert set(reference.subjects(p("knownTitle"), Literal(cited, lang="vi"))) == {iri("doc-889-qd-ttg-2020")}


@pytest.mark.parametrize(
    ("local", "number", "issued", "doctype"),
    [
        ("doc-17-cd-ttg-2025", "17/CĐ-TTg", dt.date(2025, 2, 20), "doctype-cd"),
        ("doc-135-2024-nd-cp", "135/2024/NĐ-CP", dt.date(2024, 10, 22), "doctype-nd"),
        ("doc-202-2025-qh15", "202/2025/QH15", dt.date(2025, 6, 12), "doctype-nq"),
        ("doc-45-2025-nd-cp", "45/2025/NĐ-CP", dt.date(2025, 2, 28), "doctype-nd"),
        ("doc-30-2020-nd-cp", "30/2020/NĐ-CP", dt.date(2020, 3, 5), "doctype-nd"),
        ("doc-72-2025-qh15", "72/2025/QH15", dt.date(2025, 6, 16), "doctype-luat"),
    ],
)
def test_national_documents(reference: Graph, local: str, number: str, issued: dt.date, doctype: str) -> None:
    doc = iri(local)
    assert reference.value(doc, p("documentNumber")) == Literal(number)
    assert reference.value(doc, URIRef(DCTERMS + "issued")) == Literal(issued)
    assert reference.value(doc, p("documentType")) == iri(doctype)
    assert reference.value(doc, URIRef(DCTERMS + "source")) is not None


def test_laws_cited_by_title_have_no_invented_number_or_date(
    reference: Graph, sample_lines: Callable[[str], list[str]]
) -> None:
    laws = ("doc-luat-ngan-sach-nha-nuoc", "doc-luat-su-dung-nang-luong-tiet-kiem-va-hieu-qua")
    for local in laws:
        doc = iri(local)
        assert reference.value(doc, p("documentType")) == iri("doctype-luat")
        assert reference.value(doc, p("documentNumber")) is None
        assert reference.value(doc, URIRef(DCTERMS + "issued")) is None
    text = unicodedata.normalize("NFC", "\n".join(sample_lines("ha-tinh_kh-sxtdbv-2026-2030.txt")))
    assert "Luật Sử dụng năng lượng tiết kiệm và hiệu quả" in text


def test_document_type_codes_are_the_codes_of_real_numbers(reference: Graph) -> None:
    notations = {
        str(reference.value(c, SKOS.notation)): c
        for c in reference.subjects(RDF.type, p("DocumentType"))
        if reference.value(c, SKOS.notation) is not None
    }
    for number in ("17/CĐ-TTg", "889/QĐ-TTg", "135/2024/NĐ-CP", "07/KH-UBND", "27/CT-TTg"):
        code = number.split("/")[-1].split("-")[0]
        assert code in notations, number
    assert notations["QĐ"] == iri("doctype-qd")
    # a letter's number carries no type code
    assert reference.value(iri("doctype-cv"), SKOS.notation) is None
