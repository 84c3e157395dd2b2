"""graph.search.tfidf gives the weights and similarities of scikit-learn's TF-IDF, on the lines of the
sample plans, for both analyzers PolicyKG uses."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from graph.analysis.similarity.syllables import SyllableAnalyzer, vectorizer
from graph.search.tfidf import EmptyVocabulary, Tfidf, cosine, words_and_pairs
from loaders.text import fold
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def lines() -> list[str]:
    found = []
    for path in sorted(SAMPLES.glob("*.txt")):
        found += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) > 3]
    assert len(found) > 300
    return found


def test_search_weights_are_scikit_learns(lines: list[str]) -> None:
    texts = [fold(line) for line in lines]
    ours = Tfidf(words_and_pairs, dtype=np.float32)
    matrix = ours.fit_transform(texts)
    reference = TfidfVectorizer(
        token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), sublinear_tf=True, lowercase=False, dtype=np.float32
    )
    expected = reference.fit_transform(texts)
    assert ours.vocabulary == reference.vocabulary_
    assert "cong thuong" in ours.vocabulary
    assert matrix.dtype == np.float32
    assert np.allclose(matrix.toarray(), expected.toarray(), atol=1e-6)
    queries = ["so cong thuong", "kinh te tuan hoan", "khong co tu nao nhu vay"]
    assert np.allclose(ours.transform(queries).toarray(), reference.transform(queries).toarray(), atol=1e-6)


def test_syllable_weights_are_scikit_learns(lines: list[str]) -> None:
    ours = vectorizer(strip_administrative=True)
    matrix = ours.fit_transform(lines)
    reference = TfidfVectorizer(analyzer=SyllableAnalyzer(strip_administrative=True), sublinear_tf=True)
    expected = reference.fit_transform(lines)
    assert list(ours.terms) == list(reference.get_feature_names_out())
    assert np.allclose(matrix.toarray(), expected.toarray(), atol=1e-12)


def test_cosine_is_scikit_learns_with_empty_rows(lines: list[str]) -> None:
    matrix = Tfidf(SyllableAnalyzer()).fit_transform([*lines[:40], "123 --- 45", *lines[40:80]])
    assert matrix[40].nnz == 0  # numbers alone hold no term
    unnormalised = csr_matrix(matrix.multiply(3.0))
    assert np.allclose(cosine(unnormalised), cosine_similarity(unnormalised), atol=1e-12)
    assert np.allclose(cosine(matrix[:10], matrix[20:]), cosine_similarity(matrix[:10], matrix[20:]), atol=1e-12)


def test_texts_without_terms_are_refused() -> None:
    with pytest.raises(EmptyVocabulary):
        Tfidf(SyllableAnalyzer()).fit_transform(["12, 13", "—"])
