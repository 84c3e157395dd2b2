"""Every body a plan gives work to is found, named and typed, whether or not the catalogue
lists it: by its label, or by the structure of its name (head noun, name words,
jurisdiction) where plans put assignees — and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.agencies.resolve import resolve_list
from loaders.agencies.structure import STRUCTURE_FLAG
from loaders.extract import load_plan
from loaders.models import PlanRecord
from loaders.tasks.roles import roles_in

EXTRA = Path(__file__).resolve().parents[3] / "shared" / "corpus-extra"

# One assignee list per head noun, written for this test: (text, expected (name, type, how)).
KINDS_OF_BODIES: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("Sở Ngoại vụ", [("Sở Ngoại vụ", "type-so-ngoai-vu", "label")]),
    ("Sở Quy hoạch và Phát triển đô thị", [("Sở Quy hoạch và Phát triển đô thị", "type-head-so", "structure")]),
    (
        "Ban Quản lý Khu kinh tế Vân Phong",
        [("Ban Quản lý Khu kinh tế Vân Phong", "type-ban-quan-ly-khu-kinh-te", "label")],
    ),
    ("Ban Chỉ đạo phát triển du lịch", [("Ban Chỉ đạo phát triển du lịch", "type-head-ban", "structure")]),
    ("Văn phòng Điều phối giảm nghèo", [("Văn phòng Điều phối giảm nghèo", "type-head-van-phong", "structure")]),
    ("Văn phòng Thành ủy", [("Văn phòng Thành ủy", "type-van-phong-tinh-uy", "label")]),
    ("Ủy ban Kiểm tra Thành ủy", [("Ủy ban Kiểm tra Thành ủy", "type-uy-ban-kiem-tra-tinh-uy", "label")]),
    ("Ủy ban An toàn giao thông tỉnh", [("Ủy ban An toàn giao thông tỉnh", "type-head-uy-ban", "structure")]),
    ("Cục Quản lý thị trường tỉnh", [("Cục Quản lý thị trường tỉnh", "type-head-cuc", "structure")]),
    ("Chi cục Kiểm lâm", [("Chi cục Kiểm lâm", "type-chi-cuc-kiem-lam", "label")]),
    ("Chi cục Chăn nuôi và Thú y", [("Chi cục Chăn nuôi và Thú y", "type-head-chi-cuc", "structure")]),
    (
        "Trung tâm Kiểm soát bệnh tật",
        [("Trung tâm Kiểm soát bệnh tật", "type-trung-tam-kiem-soat-benh-tat-tinh", "label")],
    ),
    ("Trung tâm Khuyến nông tỉnh", [("Trung tâm Khuyến nông tỉnh", "type-head-trung-tam", "structure")]),
    ("Viện Kinh tế Xây dựng", [("Viện Kinh tế Xây dựng", "type-head-vien", "structure")]),
    ("Học viện Chính trị khu vực IV", [("Học viện Chính trị khu vực IV", "type-head-hoc-vien", "structure")]),
    (
        "Trường Cao đẳng Kỹ thuật Công nghiệp",
        [("Trường Cao đẳng Kỹ thuật Công nghiệp", "type-head-truong", "structure")],
    ),
    ("Hội Luật gia tỉnh", [("Hội Luật gia tỉnh", "type-head-hoi", "structure")]),
    ("Hội Chữ thập đỏ tỉnh", [("Hội Chữ thập đỏ tỉnh", "type-hoi-chu-thap-do-tinh", "label")]),
    (
        "Liên đoàn Thương mại và Công nghiệp",
        [("Liên đoàn Thương mại và Công nghiệp", "type-head-lien-doan", "structure")],
    ),
    (
        "Liên hiệp các Hội KH&KT tỉnh",
        [("Liên hiệp các Hội KH&KT tỉnh", "type-lien-hiep-cac-hoi-khoa-hoc-va-ky-thuat-tinh", "label")],
    ),
    ("Liên minh Hợp tác xã", [("Liên minh Hợp tác xã", "type-lien-minh-hop-tac-xa-tinh", "label")]),
    ("Đoàn TNCS Hồ Chí Minh tỉnh", [("Đoàn TNCS Hồ Chí Minh tỉnh", "type-doan-thanh-nien-tinh", "label")]),
    ("Đoàn Luật sư tỉnh", [("Đoàn Luật sư tỉnh", "type-head-doan", "structure")]),
    ("Tòa án nhân dân khu vực 2", [("Tòa án nhân dân khu vực 2", "type-toa-an-nhan-dan-khu-vuc", "label")]),
    ("Viện kiểm sát nhân dân tỉnh", [("Viện kiểm sát nhân dân tỉnh", "type-vien-kiem-sat-nhan-dan-tinh", "label")]),
    ("Kho bạc Nhà nước khu vực VII", [("Kho bạc Nhà nước khu vực VII", "type-kho-bac-nha-nuoc-khu-vuc", "label")]),
    ("Ngân hàng Nhà nước khu vực 5", [("Ngân hàng Nhà nước khu vực 5", "type-ngan-hang-nha-nuoc-khu-vuc", "label")]),
    ("Ngân hàng Phát triển Việt Nam", [("Ngân hàng Phát triển Việt Nam", "type-head-ngan-hang", "structure")]),
    ("Thuế tỉnh", [("Thuế tỉnh", "type-thue-tinh", "label")]),
    # the tax offices before 1 March 2025 and between March and July 2025
    ("Cục Thuế tỉnh", [("Cục Thuế tỉnh", "type-cuc-thue-tinh", "label")]),
    ("Chi cục Thuế khu vực XVI", [("Chi cục Thuế khu vực XVI", "type-chi-cuc-thue-khu-vuc", "label")]),
    ("Cục Hải quan tỉnh", [("Cục Hải quan tỉnh", "type-cuc-hai-quan-tinh", "label")]),
    ("Kho bạc Nhà nước tỉnh", [("Kho bạc Nhà nước tỉnh", "type-kho-bac-nha-nuoc-tinh", "label")]),
    (
        "Bảo hiểm xã hội khu vực XXVI",
        [("Bảo hiểm xã hội khu vực XXVI", "type-bao-hiem-xa-hoi-khu-vuc", "label")],
    ),
    ("Chi cục Hải quan khu vực XII", [("Chi cục Hải quan khu vực XII", "type-chi-cuc-hai-quan", "label")]),
    ("Bảo hiểm xã hội tỉnh", [("Bảo hiểm xã hội tỉnh", "type-bao-hiem-xa-hoi-tinh", "label")]),
    (
        "Kiểm toán Nhà nước khu vực III",
        [("Kiểm toán Nhà nước khu vực III", "type-kiem-toan-nha-nuoc-khu-vuc", "label")],
    ),
    ("Công an tỉnh", [("Công an tỉnh", "type-cong-an-tinh", "label")]),
    ("Bộ Chỉ huy Quân sự tỉnh", [("Bộ Chỉ huy Quân sự tỉnh", "type-bo-chi-huy-quan-su-tinh", "label")]),
    ("Báo Nhân dân", [("Báo Nhân dân", "type-head-bao", "structure")]),
    ("Đài Khí tượng thủy văn tỉnh", [("Đài Khí tượng thủy văn tỉnh", "type-head-dai", "structure")]),
    ("Cổng Thông tin điện tử tỉnh", [("Cổng Thông tin điện tử tỉnh", "type-cong-thong-tin-dien-tu-tinh", "label")]),
    ("Quỹ Bảo vệ môi trường tỉnh", [("Quỹ Bảo vệ môi trường tỉnh", "type-head-quy", "structure")]),
]


@pytest.mark.parametrize(("text", "expected"), KINDS_OF_BODIES, ids=[k[0] for k in KINDS_OF_BODIES])
def test_each_kind_of_body_is_typed_by_its_label_or_its_head_noun(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    found = resolve_list(text)
    assert [(r.text, r.type_id, r.how) for r in found] == expected


def test_a_list_is_split_into_its_bodies_but_a_name_with_a_comma_stays_one() -> None:
    found = resolve_list(
        "Sở Văn hóa, Thể thao và Du lịch; Báo và Phát thanh, Truyền hình tỉnh, Trung tâm Khuyến nông "
        "và Chi cục Thủy lợi (thuộc Sở Nông nghiệp và Môi trường) và các cơ quan có liên quan"
    )
    assert [(r.text, r.type_id) for r in found] == [
        ("Sở Văn hóa, Thể thao và Du lịch", "type-so-van-hoa-the-thao-va-du-lich"),
        ("Báo và Phát thanh, Truyền hình tỉnh", "type-bao-va-phat-thanh-truyen-hinh-tinh"),
        ("Trung tâm Khuyến nông", "type-head-trung-tam"),
        ("Chi cục Thủy lợi", "type-head-chi-cuc"),
        ("Sở Nông nghiệp và Môi trường", "type-so-nong-nghiep-va-moi-truong"),
        ("các cơ quan có liên quan", "type-don-vi-lien-quan"),
    ]


@pytest.mark.parametrize(
    ("text", "type_id"),
    [
        ("UBND các huyện, thị xã, thành phố", "type-ubnd-huyen"),
        ("UBND cấp huyện", "type-ubnd-huyen"),
        ("các hiệp hội", "type-hiep-hoi-nganh-nghe"),
        ("doanh nghiệp, cộng đồng và cá nhân", "type-doanh-nghiep-cong-dong"),
        ("địa phương", "type-dia-phuong"),
        ("các Trung tâm Y tế", "type-head-trung-tam"),
    ],
)
def test_groups_are_collective_assignees(text: str, type_id: str) -> None:
    found = resolve_list(text)
    assert [(r.type_id, r.group) for r in found] == [(type_id, True)]


@pytest.mark.parametrize(
    ("sentence", "leads", "coordinators", "reports_to"),
    [
        (
            "Giao Trung tâm Khuyến nông tỉnh chủ trì, phối hợp với Chi cục Chăn nuôi và Thú y, Hội Làm vườn "
            "tỉnh và các đơn vị liên quan tổ chức tập huấn.",
            ["Trung tâm Khuyến nông tỉnh"],
            ["Chi cục Chăn nuôi và Thú y", "Hội Làm vườn tỉnh", "các đơn vị liên quan"],
            [],
        ),
        (
            "Chủ trì, phối hợp với Sở Y tế, Trung tâm Kiểm soát bệnh tật và Viện Pasteur Nha Trang giám sát.",
            [],
            ["Sở Y tế", "Trung tâm Kiểm soát bệnh tật", "Viện Pasteur Nha Trang"],
            [],
        ),
        (
            "Tổ chức tuyên truyền; báo cáo kết quả về Văn phòng Điều phối nông thôn mới tỉnh.",
            [],
            [],
            ["Văn phòng Điều phối nông thôn mới tỉnh"],
        ),
        ("Học tập kinh nghiệm của Trường Đại học Y Hà Nội, Quỹ Toàn cầu và Ngân hàng Thế giới.", [], [], []),
        (
            "Tổ chức tập huấn chuyên sâu (Cơ quan chủ trì: Sở Tư pháp; cơ quan phối hợp: các sở, ngành, "
            "Hội Luật gia tỉnh; thời gian: Quý II/2026).",
            ["Sở Tư pháp"],
            ["các sở, ngành", "Hội Luật gia tỉnh"],
            [],
        ),
        (
            "Rà soát quy chế phối hợp. Chủ trì: Sở Nội vụ, Ban Tổ chức Tỉnh ủy. Phối hợp: Văn phòng Tỉnh ủy. "
            "Thời gian: năm 2026.",
            ["Sở Nội vụ", "Ban Tổ chức Tỉnh ủy"],
            ["Văn phòng Tỉnh ủy"],
            [],
        ),
    ],
)
def test_roles_in_a_sentence_name_bodies_by_structure(
    sentence: str, leads: list[str], coordinators: list[str], reports_to: list[str]
) -> None:
    roles = roles_in(sentence)
    assert [r.text for r in roles.leads] == leads
    assert [r.text for r in roles.coordinators] == coordinators
    assert [r.text for r in roles.reports_to] == reports_to


PROSE_PLAN = """ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN
Số: 12/KH-UBND
Nghệ An, ngày 05 tháng 3 năm 2026
KẾ HOẠCH
Nâng cao năng lực y tế dự phòng năm 2026
I. MỤC ĐÍCH, YÊU CẦU
1. Phát huy kết quả mà Trung tâm Kiểm soát bệnh tật, Viện Vệ sinh dịch tễ Trung ương và Hội Y học
đã đạt được; Báo Sức khỏe và Đài Truyền hình Việt Nam đã đưa tin nhiều lần.
II. NỘI DUNG
1. Trung tâm dữ liệu y tế được nâng cấp, kết nối với Cổng Dịch vụ công quốc gia.
2. Học tập kinh nghiệm của Trường Đại học Y Hà Nội, Quỹ Toàn cầu và Ngân hàng Thế giới về y tế cơ sở.
3. Trung tâm Điều hành Y tế thông minh
- Vận hành thử nghiệm trong năm 2026, kết nối dữ liệu khám chữa bệnh của các bệnh viện.
III. TỔ CHỨC THỰC HIỆN
1. Sở Y tế
- Chủ trì tổ chức thực hiện Kế hoạch; phối hợp với Trung tâm Kiểm soát bệnh tật tỉnh và
các cơ quan có liên quan.
2. Đề nghị Hội Chữ thập đỏ tỉnh
- Vận động hội viên tham gia; học tập mô hình của Hội Nông dân và Liên đoàn Lao động tại địa phương.
"""


def test_no_body_is_recognised_in_passing_prose(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach-y-te.txt"
    path.write_text(PROSE_PLAN, encoding="utf-8")
    record = load_plan(path)
    named = {(m.text, m.type_id) for task in record.tasks for m in [*task.leads, *task.coordinators]}
    assert named == {
        ("Sở Y tế", "type-so-y-te"),
        ("Trung tâm Kiểm soát bệnh tật tỉnh", "type-trung-tam-kiem-soat-benh-tat-tinh"),
        ("các cơ quan có liên quan", "type-don-vi-lien-quan"),
        ("Hội Chữ thập đỏ tỉnh", "type-hoi-chu-thap-do-tinh"),
    }
    assert not any(STRUCTURE_FLAG in m.flags for m in record.agency_mentions())


def test_a_body_typed_by_its_head_noun_is_flagged_and_listed(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach-khuyen-nong.txt"
    path.write_text(
        PROSE_PLAN.replace(
            "2. Đề nghị Hội Chữ thập đỏ tỉnh", "2. Trung tâm Khuyến nông tỉnh, Chi cục Chăn nuôi và Thú y"
        ),
        encoding="utf-8",
    )
    record = load_plan(path)
    task = next(t for t in record.tasks if t.text.startswith("Vận động"))
    assert [(m.text, m.type_id, m.province, m.flags) for m in task.leads] == [
        ("Trung tâm Khuyến nông tỉnh", "type-head-trung-tam", "province-nghe-an", [STRUCTURE_FLAG]),
        ("Chi cục Chăn nuôi và Thú y", "type-head-chi-cuc", "province-nghe-an", [STRUCTURE_FLAG]),
    ]
    assert task.leads[0].span.start_line == 19  # the heading that names them
    listed = [w.message for w in record.warnings if w.code == "agency-by-head-noun"]
    assert any("'Chi cục Chăn nuôi và Thú y'" in message for message in listed)


# ------------------------------------------------------------------ the development corpus

_cache: dict[str, PlanRecord] = {}


def _plan(stem: str) -> PlanRecord:
    if stem not in _cache:
        _cache[stem] = load_plan(next(EXTRA.glob(f"{stem}*.txt")))
    return _cache[stem]


# plan, task key, role, name as written, type, collective
CORPUS_FACTS = [
    ("bac-ninh_kh-144", "VI.17.a", "lead", "Chi cục Hải quan khu vực V", "type-chi-cuc-hai-quan", False),
    ("bac-ninh_kh-144", "VI.12.p1", "lead", "Ngân hàng nhà nước khu vực XII", "type-ngan-hang-nha-nuoc-khu-vuc", False),
    ("bac-ninh_kh-144", "VI.15.p1", "lead", "Liên đoàn Lao động", "type-lien-doan-lao-dong-tinh", False),
    ("bac-ninh_kh-144", "VI.15.p1", "lead", "Hội Nông dân", "type-hoi-nong-dan-tinh", False),
    ("bac-ninh_kh-144", "VI.15.p1", "lead", "Liên minh Hợp tác xã", "type-lien-minh-hop-tac-xa-tinh", False),
    ("bac-ninh_kh-144", "VI.16.p1", "lead", "Mặt trận Tổ quốc tỉnh", "type-uy-ban-mat-tran-to-quoc-tinh", False),
    (
        "bac-ninh_kh-144",
        "VI.13.p1",
        "lead",
        "Báo và Phát thanh, Truyền hình tỉnh",
        "type-bao-va-phat-thanh-truyen-hinh-tinh",
        False,
    ),
    ("dong-nai_kh-182", "III.2.2.10.1", "lead", "Tòa án nhân dân tỉnh", "type-toa-an-nhan-dan-tinh", False),
    (
        "dong-nai_kh-182",
        "III.2.2.10.1",
        "lead",
        "Viện kiểm sát nhân dân tỉnh",
        "type-vien-kiem-sat-nhan-dan-tinh",
        False,
    ),
    ("dong-nai_kh-182", "III.2.2.9.p1", "lead", "Liên đoàn Lao động tỉnh", "type-lien-doan-lao-dong-tinh", False),
    ("dong-thap_kh-617", "IV.6.a", "lead", "Hội Nông dân tỉnh", "type-hoi-nong-dan-tinh", False),
    ("dong-thap_kh-617", "IV.6.a", "lead", "Liên minh Hợp tác xã Tỉnh", "type-lien-minh-hop-tac-xa-tinh", False),
    ("dong-thap_kh-617", "IV.6.a", "lead", "Hiệp hội Doanh nghiệp tỉnh", "type-hiep-hoi-doanh-nghiep-tinh", False),
    ("dong-thap_kh-556", "VI.4", "lead", "Các đơn vị", "type-don-vi-lien-quan", True),
    ("dong-thap_kh-556", "VI.4", "lead", "địa phương", "type-dia-phuong", True),
    ("dong-thap_kh-556", "VI.3.p1", "lead", "Ủy ban Mặt trận", "type-uy-ban-mat-tran-to-quoc-tinh", False),
    ("tp-hcm_kh-172", "II.2", "coordinating", "Bảo hiểm xã hội Thành phố", "type-bao-hiem-xa-hoi-tinh", False),
    (
        "tp-hcm_qd-2820",
        "IV.5.1",
        "lead",
        "Viện Nghiên cứu phát triển Thành phố",
        "type-vien-nghien-cuu-phat-trien",
        False,
    ),
    ("tp-hcm_qd-2820", "IV.4.p1", "lead", "Trung tâm Chuyển đổi số Thành phố", "type-trung-tam-chuyen-doi-so", False),
]


@pytest.mark.skipif(not EXTRA.is_dir(), reason=f"the development corpus {EXTRA} is not present on this machine")
@pytest.mark.parametrize(("stem", "key", "role", "name", "type_id", "collective"), CORPUS_FACTS)
def test_the_bodies_the_corpus_plans_assign_work_to(
    stem: str, key: str, role: str, name: str, type_id: str, collective: bool
) -> None:
    task = next(t for t in _plan(stem).tasks if t.key == key)
    mentions = task.leads if role == "lead" else task.coordinators
    assert (name, type_id, collective) in [(m.text, m.type_id, m.group) for m in mentions]
