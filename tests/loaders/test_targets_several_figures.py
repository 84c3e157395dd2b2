"""An objectives item that states several figures gives one target per figure, each with
what it measures: the rate named before it, or the words after it up to the next figure."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract import load_plan
from loaders.targets import targets_in
from loaders.text import Paragraph

EXTRA = Path(__file__).resolve().parents[3] / "shared" / "corpus-extra"


def _targets(sentence: str) -> list[tuple[Decimal, str, str]]:
    return [(t.value, t.comparator, t.metric) for t in targets_in("plan.txt", Paragraph(sentence, 7, 8))]


def test_rates_named_before_their_figures() -> None:
    assert _targets(
        "Đến năm 2030, tỷ lệ hộ nghèo đa chiều giảm còn dưới 3%, tỷ lệ lao động qua đào tạo đạt trên 75% "
        "và 100% trạm y tế xã có bác sĩ làm việc."
    ) == [
        (Decimal(3), "lt", "tỷ lệ hộ nghèo đa chiều"),
        (Decimal(75), "gt", "tỷ lệ lao động qua đào tạo"),
        (Decimal(100), "eq", "trạm y tế xã có bác sĩ làm việc"),
    ]


def test_measured_words_after_each_figure_stop_at_the_next() -> None:
    assert _targets(
        "Phấn đấu ít nhất 60% hợp tác xã nông nghiệp ứng dụng công nghệ số và khoảng 40% hộ sản xuất "
        "tham gia sàn thương mại điện tử."
    ) == [
        (Decimal(60), "gte", "hợp tác xã nông nghiệp ứng dụng công nghệ số"),
        (Decimal(40), "approx", "hộ sản xuất tham gia sàn thương mại điện tử"),
    ]


def test_where_things_stand_now_is_not_a_target() -> None:
    assert _targets("Hiện nay, khoảng 45% doanh nghiệp nhỏ và vừa đã có website bán hàng.") == []


@pytest.mark.skipif(not EXTRA.is_dir(), reason=f"the development corpus {EXTRA} is not present on this machine")
def test_ha_tinh_preschool_targets_of_one_sentence() -> None:
    record = load_plan(next(EXTRA.glob("ha-tinh_kh-624*.txt")))
    found = {(t.value, t.comparator, t.metric) for t in record.targets}
    assert (Decimal(20), "gte", "số nhóm trẻ trong cơ sở giáo dục mầm non") in found
    assert (
        Decimal(10),
        "gte",
        "số trường mầm non công lập có tổ chức nhóm trẻ dưới 24 tháng tuổi",
    ) in found
