"""Eleven further real plans (../shared/corpus-extra, 2025, Markdown from a legal-document
site): each reads without error, with its number, date, province and legal bases right, and
further facts of each document."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract import load_plan
from loaders.models import PlanRecord

EXTRA = Path(__file__).resolve().parents[3] / "shared" / "corpus-extra"

pytestmark = pytest.mark.skipif(
    not EXTRA.is_dir(), reason=f"the development corpus {EXTRA} is not present on this machine"
)

# file stem → number, date, province, documents implemented, documents it is based on
EXPECTED: dict[str, tuple[str, dt.date, str | None, set[str], set[str]]] = {
    "bac-ninh_kh-144-ubnd-2025_kinh-te-so-xa-hoi-so-2026-2030": (
        "144/KH-UBND",
        dt.date(2025, 11, 24),
        "province-bac-ninh",
        set(),
        {"57-NQ/TW", "71/NQ-CP", "68-NQ/TW", "138/NQ-CP", "411/QĐ-TTg", "17/KH-UBND"},
    ),
    "can-tho_kh-165-ubnd-2025_thuc-hien-chi-thi-27-ct-ttg-dan-so": (
        "165/KH-UBND",
        dt.date(2025, 11, 21),
        "province-can-tho",
        {"27/CT-TTg"},
        set(),
    ),
    "dong-nai_kh-182-ubnd-2025_mtqg-phong-chong-ma-tuy": (
        "182/KH-UBND",
        dt.date(2025, 11, 20),
        "province-dong-nai",
        {"163/2024/QH15", "50/NQ-CP", "7619/QĐ-BCA"},
        set(),
    ),
    "dong-thap_kh-556-ubnd-2025_chien-luoc-tai-nguyen-moi-truong-bien": (
        "556/KH-UBND",
        dt.date(2025, 11, 19),
        "province-dong-thap",
        {"48/NQ-CP"},
        set(),
    ),
    "dong-thap_kh-617-ubnd-2025_chuyen-doi-so-doanh-nghiep": (
        "617/KH-UBND",
        dt.date(2025, 12, 1),
        "province-dong-thap",
        {"283/KH-UBND", "10-CTr/TU"},
        set(),
    ),
    "ha-noi_kh-310-ubnd-2025_ha-tang-5g-iot": (
        "310/KH-UBND",
        dt.date(2025, 11, 24),
        "province-ha-noi",
        {"57-NQ/TW", "03/NQ-CP", "1132/QĐ-TTg", "1569/QĐ-TTg", "912/QĐ-BKHCN", "139/KH-UBND"},
        set(),
    ),
    "ha-tinh_kh-624-ubnd-2025_giao-duc-mam-non-khu-cong-nghiep": (
        "624/KH-UBND",
        dt.date(2025, 11, 19),
        "province-ha-tinh",
        {"2270/QĐ-TTg"},
        set(),
    ),
    "nghe-an_kh-980-ubnd-2025_thuc-hien-qd-1899-qd-ttg-phong-thu-dan-su": (
        "980/KH-UBND",
        dt.date(2025, 11, 18),
        "province-nghe-an",
        {"1899/QĐ-TTg"},
        set(),
    ),
    "tp-hcm_kh-172-ubnd-2025_trien-khai-luat-viec-lam": (
        "172/KH-UBND",
        dt.date(2025, 11, 18),
        "province-ho-chi-minh",
        {"1850/QĐ-TTg"},
        set(),
    ),
    "tp-hcm_qd-2820-ubnd-2025_ban-hanh-kh-qd-06-qd-ttg": (
        "2820/QĐ-UBND",
        dt.date(2025, 11, 19),
        "province-ho-chi-minh",
        {"06/QĐ-TTg", "3103/QĐ-BTC"},
        {"72/2025/QH15", "67/2006/QH11", "60/2024/QH15", "749/QĐ-TTg", "4354/KH-UBND"},
    ),
    "ttg_qd-2623-qd-ttg-2025_ban-hanh-kh-luat-bao-ve-du-lieu-ca-nhan": (
        "2623/QĐ-TTg",
        dt.date(2025, 11, 29),
        None,
        set(),
        set(),
    ),
}

_cache: dict[str, PlanRecord] = {}


def plan(stem: str) -> PlanRecord:
    if stem not in _cache:
        _cache[stem] = load_plan(EXTRA / f"{stem}.txt")
    return _cache[stem]


def test_the_expectations_cover_every_file_of_the_corpus() -> None:
    assert {p.stem for p in EXTRA.glob("*.txt")} == set(EXPECTED)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_number_date_province_and_legal_bases(stem: str) -> None:
    number, date, province, implements, based_on = EXPECTED[stem]
    record = plan(stem)
    assert record.number is not None and record.number.value == number
    assert record.date is not None and record.date.value == date
    assert (record.province.value if record.province else None) == province
    relations = {r.number: r.relation for r in record.references if r.number}
    assert {n for n, rel in relations.items() if rel == "implements"} == implements
    assert based_on <= {n for n, rel in relations.items() if rel == "based_on"}
    assert record.tasks, "every plan assigns tasks"
    # A task has a lead unless it is an item of the tasks-and-measures part naming none.
    assert all(task.leads or task.origin == "content" for task in record.tasks)


def _task_led_by(record: PlanRecord, type_id: str) -> list[str]:
    return [t.text for t in record.tasks if any(m.type_id == type_id for m in t.leads)]


def test_bac_ninh_digital_economy_targets_and_signature() -> None:
    record = plan("bac-ninh_kh-144-ubnd-2025_kinh-te-so-xa-hoi-so-2026-2030")
    assert record.signer is not None and record.signer.value == "Mai Sơn"
    assert record.period is not None and record.period.value == "2026-2030"
    share = next(t for t in record.targets if t.metric.startswith("Kinh tế số chiếm"))
    assert (share.value, share.unit, share.deadline_year) == (Decimal(45), "%", 2030)
    rd = next(t for t in record.targets if "R&D" in t.metric)
    assert (rd.value, rd.comparator, rd.comparator_text) == (Decimal(2), "gte", "tối thiểu")
    assert any(r.number == "133/TTr-SKHCN" and r.relation == "cites" for r in record.references)


def test_can_tho_population_plan_assigns_the_health_department() -> None:
    record = plan("can-tho_kh-165-ubnd-2025_thuc-hien-chi-thi-27-ct-ttg-dan-so")
    assert record.signer is not None and record.signer.value == "Nguyễn Thị Ngọc Điệp"
    first = next(t for t in record.tasks if t.code == "a")
    assert [m.type_id for m in first.leads] == ["type-so-y-te"]
    assert "type-ubnd-xa" in [m.type_id for m in first.coordinators]
    letter = next(r for r in record.references if r.number == "6676/BYT-CDS")
    assert letter.date == dt.date(2024, 10, 29) and letter.doc_type == "CV"


def test_dong_nai_drug_control_plan() -> None:
    record = plan("dong-nai_kh-182-ubnd-2025_mtqg-phong-chong-ma-tuy")
    assert record.signer is not None and record.signer.value == "Lê Trường Sơn"
    assert record.signing_capacity is not None and "KT. CHỦ TỊCH" in record.signing_capacity.value
    decision = next(r for r in record.references if r.number == "7619/QĐ-BCA")
    assert decision.date == dt.date(2025, 9, 8) and decision.doc_type == "QĐ"
    assert len(_task_led_by(record, "type-cong-an-tinh")) >= 3
    # "Phối hợp Công an tỉnh ...": the police lead, the department coordinates
    task = next(t for t in record.tasks if t.text.startswith("Phối hợp Công an tỉnh tham mưu"))
    assert [m.type_id for m in task.leads] == ["type-cong-an-tinh"]


def test_dong_thap_marine_strategy_plan() -> None:
    record = plan("dong-thap_kh-556-ubnd-2025_chien-luoc-tai-nguyen-moi-truong-bien")
    assert record.signer is not None and record.signer.value == "Nguyễn Thành Diệu"
    assert len(_task_led_by(record, "type-so-nong-nghiep-va-moi-truong")) >= 10
    assert any(r.number == "36-NQ/TW" for r in record.references)
    waste = next(t for t in record.targets if "chất thải nguy hại" in t.metric)
    assert (waste.value, waste.unit) == (Decimal(100), "%")


def test_dong_thap_digital_transformation_plan_and_its_task_table() -> None:
    record = plan("dong-thap_kh-617-ubnd-2025_chuyen-doi-so-doanh-nghiep")
    assert record.signer is not None and record.signer.value == "Huỳnh Minh Tuấn"
    first = next(t for t in record.tasks if t.origin == "annex" and t.code == "I.1")
    assert first.leads[0].text == "Sở KH&CN"
    assert first.leads[0].type_id == "type-so-khoa-hoc-va-cong-nghe"
    assert first.timeframe is not None and first.timeframe.value == "Thường xuyên"
    staged = [(t.deadline_year, t.value) for t in record.targets if "công nghệ số" in t.metric]
    assert (2025, Decimal(30)) in staged and (2030, Decimal(60)) in staged


def test_ha_noi_5g_plan_table_and_targets() -> None:
    record = plan("ha-noi_kh-310-ubnd-2025_ha-tang-5g-iot")
    assert record.signer is not None and record.signer.value == "Trương Việt Dũng"
    annex = [t for t in record.tasks if t.origin == "annex"]
    assert len(annex) >= 5
    assert annex[0].timeframe is not None and annex[0].timeframe.value == "Quý III Năm 2026"
    assert any(t.unit == "trạm" for t in record.targets)


def test_ha_tinh_preschool_plan() -> None:
    record = plan("ha-tinh_kh-624-ubnd-2025_giao-duc-mam-non-khu-cong-nghiep")
    assert record.signer is not None and record.signer.value == "Nguyễn Thị Nguyệt"
    assert record.period is not None and record.period.value == "2025-2035"
    assert len(_task_led_by(record, "type-so-giao-duc-va-dao-tao")) >= 3
    assert any(t.comparator == "gte" and t.value == 55 for t in record.targets)


def test_nghe_an_civil_defence_task_table() -> None:
    record = plan("nghe-an_kh-980-ubnd-2025_thuc-hien-qd-1899-qd-ttg-phong-thu-dan-su")
    assert record.signer is not None and record.signer.value == "Nguyễn Văn Đệ"
    first = next(t for t in record.tasks if t.origin == "annex" and t.code == "I.1")
    assert [m.type_id for m in first.leads] == ["type-bo-chi-huy-quan-su-tinh", "type-ubnd-xa"]
    assert first.timeframe is not None and first.timeframe.value == "Trước ngày 30/11/2025"
    decree = next(r for r in record.references if r.number == "200/2025/NĐ-CP")
    assert decree.date == dt.date(2025, 7, 9)


def test_ho_chi_minh_employment_law_plan_with_labelled_fields() -> None:
    record = plan("tp-hcm_kh-172-ubnd-2025_trien-khai-luat-viec-lam")
    assert record.signer is not None and record.signer.value == "Trần Thị Diệu Thúy"
    first = next(t for t in record.tasks if t.code == "1" and t.origin == "content")
    assert [m.type_id for m in first.leads] == ["type-so-noi-vu"]
    assert "type-so-tu-phap" in [m.type_id for m in first.coordinators]
    assert first.timeframe is not None and first.timeframe.value.startswith("Năm 2025")


def test_ho_chi_minh_decision_issuing_a_plan_is_read_as_the_plan() -> None:
    record = plan("tp-hcm_qd-2820-ubnd-2025_ban-hanh-kh-qd-06-qd-ttg")
    assert record.doc_type.value == "QĐ"
    assert record.plan_title is not None
    assert record.plan_title.value.startswith("TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG")
    assert record.signer is not None and record.signer.value == "Nguyễn Lộc Hà"
    law = next(r for r in record.references if r.number == "72/2025/QH15")
    assert law.known_id == "doc-72-2025-qh15" and law.doc_type == "LUAT"
    assert len([t for t in record.tasks if t.origin == "annex"]) >= 20


def test_prime_ministers_plan_for_the_personal_data_law() -> None:
    record = plan("ttg_qd-2623-qd-ttg-2025_ban-hanh-kh-luat-bao-ve-du-lieu-ca-nhan")
    assert record.signer is not None and record.signer.value == "Phạm Minh Chính"
    assert record.issuer is not None and record.issuer.type_id == "type-thu-tuong-chinh-phu"
    law = next(r for r in record.references if r.title == "Luật Bảo vệ dữ liệu cá nhân")
    assert law.relation == "based_on" and law.date == dt.date(2025, 6, 26)
    led = _task_led_by(record, "type-bo-cong-an")
    assert len(led) >= 5
    assert all(m.national for t in record.tasks for m in t.leads if m.type_id == "type-bo-cong-an")
