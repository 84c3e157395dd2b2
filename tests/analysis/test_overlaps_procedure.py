"""Procedure every plan repeats (following up, reporting, paying for the plan) does not lead the
ranking of overlaps between Hà Tĩnh and Đồng Tháp: the work on plastics at supermarkets does."""

from __future__ import annotations

import pytest

from graph.analysis.overlaps.analysis import DEFAULT_MIN_SCORE, OverlapPair, find_overlaps
from graph.analysis.similarity.syllables import THIN_WORDS, SyllableAnalyzer, thin_factors
from graph.store.embedded import PolicyStore


@pytest.fixture(scope="module")
def task_pairs(samples_store: PolicyStore) -> list[OverlapPair]:
    return find_overlaps(samples_store, provinces=["Hà Tĩnh", "Đồng Tháp"], kinds=("task",), min_score=0.0)


def _flat(text: str) -> str:
    return " ".join(text.lower().split())


def _is_plastics_at_supermarkets(pair: OverlapPair) -> bool:
    return all("siêu thị" in _flat(side.text) and "nhựa" in _flat(side.text) for side in (pair.a, pair.b))


def _procedure(text: str) -> bool:
    flat = _flat(text)
    return any(
        phrase in flat for phrase in ("bố trí nguồn ngân sách", "bố trí kinh phí", "định kỳ", "quyết toán", "báo cáo")
    )


def test_plastics_at_supermarkets_outranks_funding_and_reporting(task_pairs: list[OverlapPair]) -> None:
    plastics = [k for k, p in enumerate(task_pairs) if _is_plastics_at_supermarkets(p)]
    assert plastics, "Hà Tĩnh and Đồng Tháp have a pair of tasks on plastics at supermarkets"
    best = task_pairs[plastics[0]]
    assert {best.a.province_name, best.b.province_name} == {"Hà Tĩnh", "Đồng Tháp"}
    assert best.score >= DEFAULT_MIN_SCORE and "siêu thị" in best.shared_terms
    funding = [
        k for k, p in enumerate(task_pairs) if any("bố trí nguồn ngân sách" in _flat(side.text) for side in (p.a, p.b))
    ]
    assert funding, "Đồng Tháp's task on funding from the local budget is compared too"
    assert plastics[0] < funding[0]
    assert all(task_pairs[k].score < DEFAULT_MIN_SCORE for k in funding)
    # None of the ten best pairs has a side that is about following up, reporting or paying.
    top = task_pairs[:10]
    assert not [p.a.text[:60] for p in top if _procedure(p.a.text) or _procedure(p.b.text)]


def test_a_text_of_mere_procedure_weighs_little() -> None:
    analyzer = SyllableAnalyzer(strip_administrative=True, names=["Sở Công Thương"])
    reporting = "Định kỳ đánh giá, báo cáo kết quả thực hiện cho Sở Công Thương."
    work = "Khuyến khích trung tâm thương mại, siêu thị hạn chế sử dụng túi ni lông khó phân hủy."
    assert analyzer(reporting) == ["đánh", "giá", "đánh giá"]
    factors = thin_factors([reporting, work], analyzer)
    assert factors[0] == pytest.approx(2 / THIN_WORDS) and factors[1] == 1.0


def test_each_pair_says_how_it_was_judged(task_pairs: list[OverlapPair]) -> None:
    pair = next(p for p in task_pairs if _is_plastics_at_supermarkets(p))
    assert len(pair.term_weights) == len(pair.shared_terms) > 0
    assert all(w > 0 for w in pair.term_weights)
    assert sum(pair.term_weights) <= (pair.whole_similarity or pair.similarity) + 1e-6
    assert pair.common_documents and any("889/QĐ-TTg" in d for d in pair.common_documents)
    assert "legal_ancestor" in pair.boosts
