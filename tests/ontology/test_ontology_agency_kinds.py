"""The wider catalogue of agency types: the Party committee's offices, the Front and mass
organisations, courts and procuracy, the branches of central agencies named by region, units
under a department; and the kinds of body by head noun that type the bodies nobody listed."""

from __future__ import annotations

import pytest

from loaders.agencies.resolve import scan
from ontology import catalogue


@pytest.mark.parametrize(
    ("label", "type_id", "level"),
    [
        ("Văn phòng Tỉnh ủy", "type-van-phong-tinh-uy", "province"),
        ("Ủy ban Kiểm tra Thành uỷ", "type-uy-ban-kiem-tra-tinh-uy", "province"),
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "type-ban-tuyen-giao-va-dan-van-tinh-uy", "province"),
        ("Liên hiệp các Hội KH&KT", "type-lien-hiep-cac-hoi-khoa-hoc-va-ky-thuat-tinh", "province"),
        ("Đoàn TNCS Hồ Chí Minh", "type-doan-thanh-nien-tinh", "province"),
        ("Tòa án nhân dân tối cao", "type-toa-an-nhan-dan-toi-cao", "national"),
        ("Viện kiểm sát nhân dân tối cao", "type-vien-kiem-sat-nhan-dan-toi-cao", "national"),
        ("Kiểm toán Nhà nước", "type-kiem-toan-nha-nuoc", "national"),
        ("Kiểm toán Nhà nước khu vực", "type-kiem-toan-nha-nuoc-khu-vuc", "other"),
        ("Kho bạc Nhà nước khu vực", "type-kho-bac-nha-nuoc-khu-vuc", "other"),
        ("Ngân hàng Nhà nước khu vực", "type-ngan-hang-nha-nuoc-khu-vuc", "other"),
        ("Chi cục Hải quan khu vực", "type-chi-cuc-hai-quan", "other"),
        ("Thuế tỉnh", "type-thue-tinh", "province"),
        ("Bảo hiểm xã hội tỉnh", "type-bao-hiem-xa-hoi-tinh", "province"),
        ("Trung tâm Kiểm soát bệnh tật tỉnh", "type-trung-tam-kiem-soat-benh-tat-tinh", "province"),
        ("Cổng Thông tin điện tử tỉnh", "type-cong-thong-tin-dien-tu-tinh", "province"),
        ("Chi cục Biển đảo và Thủy sản", "type-chi-cuc-thuy-san", "province"),
    ],
)
def test_the_wider_catalogue_names_each_kind_of_body_with_its_level(label: str, type_id: str, level: str) -> None:
    entry = catalogue.agency_types()[type_id]
    assert label in entry.labels
    assert entry.level == level
    assert entry.pref_en and entry.pref_vi
    assert not entry.generic


def test_every_head_noun_kind_has_both_languages_and_names_no_body_by_itself() -> None:
    kinds = [entry for entry in catalogue.agency_types().values() if entry.generic]
    heads = {entry.pref_vi for entry in kinds}
    assert {"Sở", "Ban", "Văn phòng", "Ủy ban", "Trung tâm", "Chi cục", "Viện", "Hội", "Liên đoàn", "Đoàn"} <= heads
    assert all(entry.pref_en for entry in kinds)
    # a bare head noun in a sentence is not an agency
    assert scan("Ban hành quy chế; Hội nghị tổng kết; Trung tâm thành phố") == []
