"""What PolicyKG reads from the three bundled sample plans (data/samples)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract import load_plan
from loaders.models import PlanRecord, TaskRecord

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


@pytest.fixture(scope="module")
def an_giang() -> PlanRecord:
    return load_plan(SAMPLES / "an-giang_kh-trien-khai-cd-17-2025.txt")


@pytest.fixture(scope="module")
def ha_tinh() -> PlanRecord:
    return load_plan(SAMPLES / "ha-tinh_kh-sxtdbv-2026-2030.txt")


@pytest.fixture(scope="module")
def dong_thap() -> PlanRecord:
    return load_plan(SAMPLES / "dong-thap_kh-sxtdbv-2023.txt")


def _ref(record: PlanRecord, number: str):  # type: ignore[no-untyped-def]
    found = [r for r in record.references if r.number == number]
    assert found, f"{number} not among {[r.number for r in record.references]}"
    return found[0]


def _lead_types(task: TaskRecord) -> list[str | None]:
    return [m.type_id for m in task.leads]


# ------------------------------------------------------------------ An Giang


def test_an_giang_implements_cong_dien_17_of_20_february_2025(an_giang: PlanRecord) -> None:
    ref = _ref(an_giang, "17/CĐ-TTg")
    assert ref.relation == "implements"
    assert ref.date == dt.date(2025, 2, 20)
    assert ref.known_id == "doc-17-cd-ttg-2025"


def test_an_giang_cites_rooftop_solar_decree_and_the_programme_by_title(
    an_giang: PlanRecord,
) -> None:
    decree = _ref(an_giang, "135/2024/NĐ-CP")
    assert decree.relation == "cites"
    assert decree.date == dt.date(2024, 10, 22)
    by_title = [r for r in an_giang.references if r.known_id == "doc-889-qd-ttg-2020"]
    assert by_title and "matched by title" in by_title[0].flags
    assert "Chương trình hành động quốc gia về sản xuất và tiêu dùng bền vững" in by_title[0].title


def test_an_giang_has_no_number_and_no_date_rather_than_invented_ones(an_giang: PlanRecord) -> None:
    assert an_giang.number is None
    assert an_giang.date is None
    assert an_giang.year is None
    assert not an_giang.is_draft


def test_an_giang_signed_by_le_van_phuoc_for_the_chair(an_giang: PlanRecord) -> None:
    assert an_giang.signer is not None and an_giang.signer.value == "Lê Văn Phước"
    assert an_giang.signing_capacity is not None
    assert an_giang.signing_capacity.value.startswith("KT. CHỦ TỊCH")


def test_an_giang_department_of_industry_and_trade_leads_tasks(an_giang: PlanRecord) -> None:
    led = [t for t in an_giang.tasks if "type-so-cong-thuong" in _lead_types(t)]
    assert len(led) >= 5
    solar = [t for t in led if "điện mặt trời mái nhà" in t.text]
    assert solar and any(r.number == "135/2024/NĐ-CP" for r in solar[0].references)


def test_an_giang_district_committees_are_a_group_assignee(an_giang: PlanRecord) -> None:
    groups = [m for t in an_giang.tasks for m in t.leads + t.coordinators if m.type_id == "type-ubnd-huyen"]
    assert groups and all(m.group for m in groups)
    assert any(m.text == "Ủy ban nhân dân các huyện, thị xã, thành phố" for m in groups)


def test_an_giang_province_is_the_unit_before_the_july_2025_merger(an_giang: PlanRecord) -> None:
    assert an_giang.province is not None
    assert an_giang.province.value == "province-an-giang-pre2025"
    assert any("district-level" in flag for flag in an_giang.province.flags)


# ------------------------------------------------------------------ Hà Tĩnh


def test_ha_tinh_is_a_draft_for_2026_to_2030(ha_tinh: PlanRecord) -> None:
    assert ha_tinh.is_draft
    assert ha_tinh.number is None and ha_tinh.date is None
    assert ha_tinh.year is not None and ha_tinh.year.value == 2026
    assert ha_tinh.period is not None and ha_tinh.period.value == "2026-2030"
    assert ha_tinh.province is not None and ha_tinh.province.value == "province-ha-tinh"


def test_ha_tinh_implements_qd_889_and_cites_the_departments_letter(ha_tinh: PlanRecord) -> None:
    assert _ref(ha_tinh, "889/QĐ-TTg").relation == "implements"
    letter = _ref(ha_tinh, "903/SCT-QLCN")
    assert letter.relation == "cites"
    assert letter.date == dt.date(2026, 4, 16)
    assert letter.doc_type == "CV"


def test_ha_tinh_specific_targets(ha_tinh: PlanRecord) -> None:
    percents = [t.value for t in ha_tinh.targets if t.unit == "%"]
    assert percents == [Decimal(85), Decimal(100), Decimal(100), Decimal(100), Decimal(85)]
    first, *_, last = [t for t in ha_tinh.targets if t.unit == "%"]
    assert first.comparator == "gt" and first.comparator_text == "trên"
    assert "THPT" in first.metric
    assert last.comparator == "approx" and last.comparator_text == "khoảng"
    models = [t for t in ha_tinh.targets if t.unit == "mô hình"]
    assert [(t.value, t.comparator) for t in models] == [(Decimal(2), "eq")]
    assert "thí điểm" in models[0].metric


ANNEX = {
    # code: (leads as printed, timeframe)
    "I.1": (["type-bao-va-phat-thanh-truyen-hinh-tinh"], "Hàng năm"),
    "I.2": (["type-so-cong-thuong"], "2026-2030"),
    "I.3": (["type-so-cong-thuong"], "2026-2030"),
    "I.4": (["type-so-cong-thuong", "type-so-giao-duc-va-dao-tao"], "2026-2030"),
    "I.5": (["type-so-nong-nghiep-va-moi-truong"], "Hàng năm"),
    "II.1": (["type-so-cong-thuong"], "2026-2030"),
    "II.2": (["type-so-cong-thuong"], "2026-2030"),
    "II.3": (["type-so-cong-thuong"], "2026-2030"),
    "II.4": (["type-so-van-hoa-the-thao-va-du-lich"], "2026-2030"),
    "II.5": (["type-so-van-hoa-the-thao-va-du-lich"], "2026-2030"),
    "III.1": (["type-so-khoa-hoc-va-cong-nghe"], "2026-2030"),
    "III.2": (["type-so-cong-thuong", "type-so-khoa-hoc-va-cong-nghe"], "2026-2030"),
    "III.3": (["type-so-tai-chinh"], "2026-2030"),
    "III.4": (["type-so-cong-thuong", "type-ban-quan-ly-khu-kinh-te"], "2026-2030"),
    "III.5": (["type-so-tai-chinh", "type-ban-quan-ly-khu-kinh-te"], "Hàng năm"),
}


def test_ha_tinh_annex_has_fifteen_tasks_with_leads_and_timeframes(ha_tinh: PlanRecord) -> None:
    annex = {t.code: t for t in ha_tinh.tasks if t.origin == "annex"}
    assert sorted(annex) == sorted(ANNEX)
    for code, (leads, timeframe) in ANNEX.items():
        task = annex[code]
        assert _lead_types(task) == leads, code
        assert task.timeframe is not None and task.timeframe.value == timeframe, code
        assert [m.type_id for m in task.coordinators] == ["type-don-vi-lien-quan"], code
        assert task.span.start_line == task.span.end_line  # one row of the table


def test_ha_tinh_annex_task_keeps_product_funding_and_target(ha_tinh: PlanRecord) -> None:
    task = next(t for t in ha_tinh.tasks if t.code == "I.1")
    assert task.product is not None and "50 tin bài" in task.product.value
    assert task.funding is not None and task.funding.value == "Ngân sách tỉnh"
    assert task.heading == "Nhóm nhiệm vụ truyền thông và nâng cao nhận thức"
    assert any(t.value == 50 and t.unit == "tin bài" and t.comparator == "approx" for t in task.targets)
    # III.3 has no funding in the table: absent, not guessed
    assert next(t for t in ha_tinh.tasks if t.code == "III.3").funding is None


# ------------------------------------------------------------------ Đồng Tháp


def test_dong_thap_text_is_not_nfc_and_still_parses(dong_thap: PlanRecord) -> None:
    raw = (SAMPLES / "dong-thap_kh-sxtdbv-2023.txt").read_text(encoding="utf-8")
    assert not unicodedata.is_normalized("NFC", raw)
    assert dong_thap.targets  # read from "II. MỤC TIÊU", a heading that is not NFC in the file


def test_dong_thap_implements_qd_889_and_the_provincial_plan_07(dong_thap: PlanRecord) -> None:
    assert _ref(dong_thap, "889/QĐ-TTg").relation == "implements"
    plan_07 = _ref(dong_thap, "07/KH-UBND")
    assert plan_07.relation == "implements"
    assert plan_07.raw_number == "07/KH-UNBD"
    assert any("UNBD" in flag for flag in plan_07.flags)
    assert plan_07.date == dt.date(2021, 1, 11)
    assert plan_07.province == "province-dong-thap-pre2025"


def test_dong_thap_cites_the_funding_letter_and_states_its_budget(dong_thap: PlanRecord) -> None:
    letter = _ref(dong_thap, "893/UBND-KT")
    assert letter.relation == "cites" and letter.date == dt.date(2022, 8, 29)
    assert [b.amount_dong for b in dong_thap.budgets if b.amount_dong] == [Decimal(3235715000)]


def test_dong_thap_six_numbered_targets(dong_thap: PlanRecord) -> None:
    targets = [(t.value, t.value_max, t.unit, t.comparator) for t in dong_thap.targets]
    assert targets == [
        (Decimal(1), Decimal(2), "mô hình", "eq"),
        (Decimal(80), None, "%", "eq"),
        (Decimal(50), None, "%", "eq"),
        (Decimal(80), None, "%", "eq"),
        (Decimal(40), None, "%", "gte"),
        (Decimal(20), None, "%", "eq"),
        (Decimal(70), None, "%", "eq"),
        (Decimal(100), None, "%", "eq"),
    ]
    supermarkets = dong_thap.targets[3]
    assert supermarkets.metric.startswith("các siêu thị, trung tâm thương mại")
    bags = dong_thap.targets[4]
    assert bags.comparator_text == "ít nhất" and "chợ đạt chuẩn văn minh" in bags.metric
    assert {t.deadline_year for t in dong_thap.targets} == {2023}
    # the six numbered items each hold at least one target
    assert len({t.span.start_line for t in dong_thap.targets}) == 6


def test_dong_thap_names_departments_that_no_longer_exist(dong_thap: PlanRecord) -> None:
    leads = {m.type_id for t in dong_thap.tasks for m in t.leads}
    assert {
        "type-so-tai-nguyen-va-moi-truong",
        "type-so-giao-thong-van-tai",
        "type-so-nong-nghiep-va-phat-trien-nong-thon",
        "type-so-thong-tin-va-truyen-thong",
        "type-so-lao-dong-thuong-binh-va-xa-hoi",
    } <= leads


def test_a_coordinating_department_is_not_made_the_lead(dong_thap: PlanRecord) -> None:
    """ "3. Sở Khoa học và Công nghệ - Phối hợp Sở Công Thương trong việc ..." """
    task = next(t for t in dong_thap.tasks if t.text.startswith("Phối hợp Sở Công Thương"))
    assert _lead_types(task) == ["type-so-cong-thuong"]
    assert [m.type_id for m in task.coordinators] == ["type-so-khoa-hoc-va-cong-nghe"]


# ------------------------------------------------------------------ all three


@pytest.mark.parametrize("name", ["an_giang", "ha_tinh", "dong_thap"])
def test_every_extracted_value_carries_its_source_lines(name: str, request: pytest.FixtureRequest) -> None:
    record: PlanRecord = request.getfixturevalue(name)
    lines = (SAMPLES / record.source_name).read_text(encoding="utf-8").splitlines()
    spans = [t.span for t in record.tasks] + [r.span for r in record.references]
    spans += [t.span for t in record.targets] + [m.span for m in record.agency_mentions()]
    assert spans
    for span in spans:
        assert span.file == record.source_name
        assert 1 <= span.start_line <= span.end_line <= len(lines)
        assert span.quote
        # the quote's first words stand in the lines it points at
        source = unicodedata.normalize("NFC", " ".join(lines[span.start_line - 1 : span.end_line]))
        first_word = span.quote.split()[0].strip('“”"(*-+')
        if first_word:
            assert first_word in source, (span, first_word)


def test_measures_that_name_no_agency_are_tasks_without_a_guessed_lead(
    an_giang: PlanRecord, ha_tinh: PlanRecord, dong_thap: PlanRecord
) -> None:
    # An Giang, "III. Các nhiệm vụ chủ yếu", item 1: eco-industrial parks, no agency named.
    first = next(t for t in an_giang.tasks if t.key == "III.1")
    assert first.origin == "content" and first.leads == [] and first.coordinators == []
    assert "khu công nghiệp" in first.text and "cụm công nghiệp sinh thái" in first.text
    assert (first.span.start_line, first.heading) == (45, "Các nhiệm vụ chủ yếu")
    # Hà Tĩnh, "II. NHIỆM VỤ GIẢI PHÁP": bullets under numbered headings, heading kept.
    measures = [t for t in ha_tinh.tasks if t.key.startswith("II.") and t.origin == "content"]
    assert len(measures) == 22 and not any(t.leads for t in measures)
    bags = next(t for t in measures if "túi ni lông" in t.text)
    assert bags.heading is not None and bags.heading.startswith("Phát triển hệ thống phân phối bền vững")
    # A numbered heading with its paragraph reads as one task, the heading first.
    green = next(t for t in measures if t.key == "II.7")
    assert green.text.startswith("Thực hiện mua sắm công xanh: Tăng cường hướng dẫn")
    # Đồng Tháp, "III. NỘI DUNG": the content items, while section V still gives the leads.
    content = [t for t in dong_thap.tasks if t.key.startswith("III.")]
    assert len(content) == 17 and all(t.origin == "content" and not t.leads for t in content)
    assert any("Chống rác thải nhựa" in t.text for t in content)
    assert sum(1 for t in dong_thap.tasks if t.leads) == 21


def test_a_numbered_decree_is_not_read_again_by_a_title_an_older_version_shares(tmp_path: Path) -> None:
    # 26/2025/NĐ-CP and the decree it replaced, 102/2022/NĐ-CP, bear the same title: the
    # numbered citation names the version, and its title is not a second reference
    plan = tmp_path / "kh.txt"
    plan.write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 9/KH-UBND\nHà Tĩnh, ngày 10 tháng 01 năm 2026\n\nKẾ HOẠCH\n"
        "Căn cứ Nghị định số 26/2025/NĐ-CP ngày 24/2/2025 của Chính phủ quy định chức năng, nhiệm vụ, "
        "quyền hạn và cơ cấu tổ chức của Ngân hàng Nhà nước Việt Nam;\n\n"
        "I. NHIỆM VỤ\n1. Sở Tài chính chủ trì tổ chức thực hiện kế hoạch.\n",
        encoding="utf-8",
    )
    refs = load_plan(plan).references
    assert [(r.relation, r.number, r.known_id) for r in refs] == [("based_on", "26/2025/NĐ-CP", "doc-26-2025-nd-cp")]
