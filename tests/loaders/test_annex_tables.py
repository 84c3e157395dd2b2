"""Annex task tables read whole: numbering that restarts in each part, a row broken across
a page (the header repeated, then the rest of the row), a lead cell naming several bodies,
and an indicator table whose rows each name the body responsible for an indicator."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract import load_plan
from loaders.models import PlanRecord

EXTRA = Path(__file__).resolve().parents[3] / "shared" / "corpus-extra"

PLAN = """ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ

Số: 45/KH-UBND

Quảng Trị, ngày 10 tháng 3 năm 2026

KẾ HOẠCH

Phát triển nông nghiệp số năm 2026

I. MỤC TIÊU

Đến năm 2026, tỷ lệ hợp tác xã nông nghiệp ứng dụng công nghệ số đạt 50%,
tỷ lệ nông sản chủ lực có mã truy xuất nguồn gốc đạt 80%.

II. TỔ CHỨC THỰC HIỆN

Các cơ quan thực hiện nhiệm vụ tại Phụ lục kèm theo.

PHỤ LỤC

| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
|---|---|---|---|---|
| I | Hạ tầng số | | | |
| 1 | Xây dựng cơ sở dữ liệu nông nghiệp | Sở Nông nghiệp và Môi trường | Sở Khoa học và Công nghệ | 2026 |
| 2 | Số hóa bản đồ | Trung tâm Khuyến nông tỉnh; Chi cục Trồng trọt và Bảo vệ thực vật | UBND các xã | 2026 |
| II | Thị trường | | | |
| 1 | Đưa nông sản lên sàn, kết nối với | Sở Công Thương, Liên minh Hợp tác xã tỉnh và Hội Nông dân | các hiệp hội | |
| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
| | các doanh nghiệp phân phối lớn | | Sở Tài chính | |
| 2 | Tổ chức hội chợ nông sản | Trung tâm Xúc tiến Thương mại | doanh nghiệp, cộng đồng và cá nhân | 2026 |
"""


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> PlanRecord:
    path = tmp_path_factory.mktemp("annex") / "ke-hoach-nong-nghiep-so.md"
    path.write_text(PLAN, encoding="utf-8")
    return load_plan(path)


def _annex(record: PlanRecord) -> dict[str, tuple[str, list[str], list[str]]]:
    return {
        t.key: (t.text, [m.text for m in t.leads], [m.text for m in t.coordinators])
        for t in record.tasks
        if t.origin == "annex"
    }


def test_numbering_that_restarts_in_each_part_keeps_every_row(record: PlanRecord) -> None:
    assert sorted(_annex(record)) == ["table1.I.1", "table1.I.2", "table1.II.1", "table1.II.2"]


def test_a_lead_cell_naming_several_bodies_gives_each_of_them(record: PlanRecord) -> None:
    assert _annex(record)["table1.I.2"][1] == ["Trung tâm Khuyến nông tỉnh", "Chi cục Trồng trọt và Bảo vệ thực vật"]
    assert _annex(record)["table1.II.1"][1] == ["Sở Công Thương", "Liên minh Hợp tác xã tỉnh", "Hội Nông dân"]


def test_a_row_broken_across_a_page_is_one_task(record: PlanRecord) -> None:
    text, _, coordinators = _annex(record)["table1.II.1"]
    assert text == "Đưa nông sản lên sàn, kết nối với các doanh nghiệp phân phối lớn"
    assert coordinators == ["các hiệp hội", "Sở Tài chính"]
    task = next(t for t in record.tasks if t.key == "table1.II.1")
    assert (task.span.start_line, task.span.end_line) == (28, 30)


@pytest.mark.skipif(not EXTRA.is_dir(), reason=f"the development corpus {EXTRA} is not present on this machine")
def test_bac_ninh_indicator_table_names_the_body_responsible_for_each_indicator() -> None:
    record = load_plan(next(EXTRA.glob("bac-ninh_kh-144*.txt")))
    rows = {t.key: t for t in record.tasks if t.origin == "annex"}
    assert len(rows) == 19
    cashless = rows["table1.II.11"]
    assert [(m.text, m.type_id) for m in cashless.leads] == [
        ("Ngân hàng nhà nước khu vực XII", "type-ngan-hang-nha-nuoc-khu-vuc")
    ]
    assert [(t.value, t.unit) for t in cashless.targets] == [(Decimal(80), "%")]
    signatures = rows["table1.II.6"]
    assert [(m.text, m.type_id) for m in signatures.leads] == [("Tỉnh đoàn", "type-doan-thanh-nien-tinh")]
