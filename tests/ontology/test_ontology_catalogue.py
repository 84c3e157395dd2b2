"""The plain-Python catalogue the loaders use: it reads the same reference files without
rdflib, fast, and agrees with the RDF view."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from ontology import catalogue
from ontology.namespaces import POL, POLID

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_loading_every_view_takes_under_0_3_s_without_rdflib() -> None:
    script = (
        "import json, sys, time\n"
        "t = time.perf_counter()\n"
        "from ontology import catalogue as c\n"
        "sizes = [len(c.agency_types()), len(c.provinces()), len(c.national_documents()),\n"
        "         len(c.type_successions()), len(c.document_types())]\n"
        "print(json.dumps({'seconds': time.perf_counter() - t, 'sizes': sizes,\n"
        "                  'rdflib': 'rdflib' in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, check=True)
    result = json.loads(out.stdout)
    assert result["rdflib"] is False
    assert result["seconds"] < 0.3
    assert all(size > 0 for size in result["sizes"])


def test_views_are_cached() -> None:
    assert catalogue.agency_types() is catalogue.agency_types()
    assert catalogue.provinces() is catalogue.provinces()


def test_entries_are_frozen() -> None:
    entry = catalogue.agency_types()["type-so-cong-thuong"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.level = "national"  # type: ignore[misc]


def test_agency_types_agree_with_the_graph(reference: Graph) -> None:
    types = catalogue.agency_types()
    in_graph = {str(s).removeprefix(POLID) for s in reference.subjects(RDF.type, URIRef(POL + "AgencyType"))}
    assert set(types) == in_graph
    vhttdl = types["type-so-van-hoa-the-thao-va-du-lich"]
    assert vhttdl.pref_vi == "Sở Văn hóa, Thể thao và Du lịch"
    assert vhttdl.pref_en == "Department of Culture, Sports and Tourism"
    assert "Sở Văn hoá, Thể thao và Du lịch" in vhttdl.alt_labels
    assert "Sở VHTTDL" in vhttdl.hidden_labels
    assert "Sở VHTTDL" in vhttdl.labels
    tnmt = types["type-so-tai-nguyen-va-moi-truong"]
    assert tnmt.abolished == dt.date(2025, 3, 1)
    assert tnmt.successor_ids == ("type-so-nong-nghiep-va-moi-truong",)
    assert types["type-so-xay-dung"].short_codes == ("XD",)
    assert types["type-ubnd-huyen"].level == "district"
    assert types["type-bo-cong-thuong"].category == "ministry"


def test_provinces() -> None:
    units = catalogue.provinces()
    assert sum(u.current for u in units.values()) == 34
    assert sum(not u.current for u in units.values()) == 63
    kien_giang = units["province-kien-giang-pre2025"]
    assert (kien_giang.name, kien_giang.successor_id) == ("Kiên Giang", "province-an-giang")
    assert kien_giang.valid_until == dt.date(2025, 6, 30)
    assert units["province-tien-giang-pre2025"].successor_id == "province-dong-thap"
    assert units["province-ha-tinh-pre2025"].successor_id == "province-ha-tinh"
    hcm = units["province-ho-chi-minh"]
    assert hcm.current and hcm.unit_kind == "thành phố" and hcm.successor_id is None
    assert hcm.labels[0] == "Hồ Chí Minh" and "TP.HCM" in hcm.labels


def test_national_documents() -> None:
    docs = catalogue.national_documents()
    qd889 = docs["doc-889-qd-ttg-2020"]
    assert qd889.number == "889/QĐ-TTg"
    assert qd889.doc_type == "doctype-qd"
    assert qd889.issued == dt.date(2020, 6, 24)
    assert qd889.issuer == "agency-thu-tuong-chinh-phu"
    assert "Chương trình hành động quốc gia về sản xuất và tiêu dùng bền vững giai đoạn 2021-2030" in qd889.known_titles
    assert len(qd889.target_ids) == 10
    assert docs["doc-17-cd-ttg-2025"].issued == dt.date(2025, 2, 20)
    budget_law = docs["doc-luat-ngan-sach-nha-nuoc"]
    assert (budget_law.number, budget_law.issued) == (None, None)
    assert budget_law.known_titles == ("Luật Ngân sách nhà nước",)
    assert all(d.doc_type in catalogue.document_types() for d in docs.values())


def test_document_types() -> None:
    types = catalogue.document_types()
    assert types["doctype-qd"].notation == "QĐ"
    assert types["doctype-cd"].pref_vi == "Công điện"
    assert types["doctype-cv"].notation is None
    notations = [t.notation for t in types.values() if t.notation]
    assert len(notations) == len(set(notations))


def test_type_successions() -> None:
    successions = catalogue.type_successions()
    (tnmt,) = successions["type-so-tai-nguyen-va-moi-truong"]
    assert (tnmt.to_id, tnmt.date, tnmt.partial, tnmt.source) == (
        "type-so-nong-nghiep-va-moi-truong",
        dt.date(2025, 3, 1),
        False,
        "doc-45-2025-nd-cp",
    )
    labour = successions["type-so-lao-dong-thuong-binh-va-xa-hoi"]
    assert (labour[0].to_id, labour[0].partial) == ("type-so-noi-vu", False)
    partial_notes = {e.to_id: e.note for e in labour if e.partial}
    assert partial_notes == {
        "type-so-y-te": "bảo trợ xã hội, trẻ em",
        "type-so-giao-duc-va-dao-tao": "giáo dục nghề nghiệp",
        "type-so-nong-nghiep-va-moi-truong": "giảm nghèo",
    }
    (district,) = successions["type-ubnd-huyen"]
    assert (district.to_id, district.date) == ("type-ubnd-xa", dt.date(2025, 7, 1))
    assert set(district.sources) == {"doc-203-2025-qh15", "doc-72-2025-qh15"}
    # the main successions match the types' pol:successor
    types = catalogue.agency_types()
    for old, entries in successions.items():
        main = [e.to_id for e in entries if not e.partial]
        assert tuple(main) == types[old].successor_ids, old
        assert {e.to_id for e in entries if e.partial} == set(types[old].partial_successor_ids)


def test_target_values_of_decision_889_are_decimals(reference: Graph) -> None:
    doc = URIRef(POLID + "doc-889-qd-ttg-2020")
    values = {
        reference.value(t, URIRef(POL + "targetValue")).toPython()
        for t in reference.objects(doc, URIRef(POL + "hasTarget"))
    }
    assert values == {Decimal(v) for v in (5, 7, 20, 70, 80, 85, 90, 100)}
