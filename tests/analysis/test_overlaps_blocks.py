"""Overlaps at national size: candidate pairs found block by block, scored as arrays, and
written out only when read. Each shortcut is checked against the direct computation on the
tasks and targets of the real sample plans."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from graph.analysis import loading, metrics
from graph.analysis.overlaps import analysis as overlaps
from graph.analysis.overlaps.candidates import Candidates, mean_blocks, task_blocks
from graph.analysis.similarity.index import ClauseSimilarityIndex, SimilarityIndex, similarity
from graph.store.embedded import PolicyStore


@pytest.fixture(scope="module")
def task_texts(samples_store: PolicyStore) -> list[str]:
    texts = [task.text for task in loading.tasks(samples_store).values()]
    assert len(texts) > 100
    return texts


def _dense_pairs(matrix: np.ndarray, threshold: float) -> set[tuple[int, int]]:
    rows, columns = np.nonzero(np.triu(matrix, k=1) >= threshold)
    return set(zip(rows.tolist(), columns.tolist(), strict=True))


@pytest.mark.parametrize("block_rows", [1, 7, 1000])
def test_task_blocks_find_the_pairs_of_the_whole_matrix(task_texts: list[str], block_rows: int) -> None:
    index = ClauseSimilarityIndex(task_texts, strip_administrative=True)
    dense = index.similarities()
    whole, best = index.whole_similarities(), index.clause_similarities()
    found = Candidates.join(list(task_blocks(index, 0.2, block_rows=block_rows)), clauses=True)
    assert set(zip(found.first.tolist(), found.second.tolist(), strict=True)) == _dense_pairs(dense, 0.2)
    assert len(found) > 50
    assert np.allclose(found.similarity, dense[found.first, found.second], atol=1e-12)
    assert found.whole is not None and found.clause is not None
    assert np.allclose(found.whole, whole[found.first, found.second], atol=1e-12)
    assert np.allclose(found.clause, best[found.first, found.second], atol=1e-12)


def test_a_filter_keeps_only_the_pairs_it_allows(task_texts: list[str]) -> None:
    index = ClauseSimilarityIndex(task_texts, strip_administrative=True)
    even = Candidates.join(list(task_blocks(index, 0.2, lambda x, y: (x + y) % 2 == 0, block_rows=16)), clauses=True)
    assert len(even) and all((x + y) % 2 == 0 for x, y in zip(even.first, even.second, strict=True))
    everything = _dense_pairs(index.similarities(), 0.2)
    assert {(int(x), int(y)) for x, y in zip(even.first, even.second, strict=True)} == {
        (x, y) for x, y in everything if (x + y) % 2 == 0
    }


def test_mean_blocks_find_the_pairs_of_the_mean_matrix(samples_store: PolicyStore) -> None:
    targets = [t.metric for t in loading.targets(samples_store).values() if t.metric]
    assert len(targets) > 20
    texts = SimilarityIndex(targets)
    subjects = SimilarityIndex([metrics.subject(m) for m in targets])
    dense = (texts.similarities() + subjects.similarities()) / 2
    found = Candidates.join(list(mean_blocks((texts, subjects), 0.2, block_rows=5)), clauses=False)
    assert set(zip(found.first.tolist(), found.second.tolist(), strict=True)) == _dense_pairs(dense, 0.2)
    assert np.allclose(found.similarity, dense[found.first, found.second], atol=1e-12)


def test_two_text_similarity_is_the_fitted_vectorizers(samples_store: PolicyStore) -> None:
    subjects = sorted({metrics.subject(t.metric) for t in loading.targets(samples_store).values() if t.metric})
    assert len(subjects) > 10
    for a, b in itertools.combinations(subjects, 2):
        fitted = float(SimilarityIndex([a, b]).similarities()[0, 1])
        assert similarity(a, b) == pytest.approx(fitted, abs=1e-12), (a, b)


def test_ranked_pairs_are_written_out_only_when_read(samples_store: PolicyStore) -> None:
    written: list[int] = []
    ranked = overlaps.rank_overlaps(samples_store)
    make = ranked._make
    ranked._make = lambda ranking, k: written.append(k) or make(ranking, k)  # type: ignore[method-assign]
    page = ranked[3:8]
    assert len(page) == 5 and len(written) == 5
    assert ranked[3] is page[0] and len(written) == 5  # read again: the same record
    described = overlaps.find_overlaps(samples_store)
    assert len(ranked) == len(described)
    assert overlaps.describe_pairs(page) == described[3:8]
    assert [p.score for p in ranked] == sorted((p.score for p in described), reverse=True)
