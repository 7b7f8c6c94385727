"""pipelines.similarity on synthetic arrays, checked against a full sort (no model needed)."""

from __future__ import annotations

import numpy as np
import pytest

from pipelines.similarity import Match, cosine_similarity, top_k_cosine


def _reference(queries: np.ndarray, corpus: np.ndarray, k: int) -> list[list[int]]:
    q = queries / np.linalg.norm(queries, axis=1, keepdims=True)
    c = corpus / np.linalg.norm(corpus, axis=1, keepdims=True)
    scores = q @ c.T
    return [list(np.argsort(-row, kind="stable")[:k]) for row in scores]


@pytest.mark.parametrize(("query_chunk", "corpus_chunk"), [(256, 50_000), (7, 13), (1, 1), (1000, 3)])
@pytest.mark.parametrize("k", [1, 5, 40])
def test_top_k_equals_full_sort_for_any_chunking(query_chunk: int, corpus_chunk: int, k: int) -> None:
    rng = np.random.default_rng(k + query_chunk + corpus_chunk)
    queries = rng.normal(size=(30, 16)).astype(np.float32)
    corpus = rng.normal(size=(200, 16)).astype(np.float32) * rng.uniform(0.1, 10, size=(200, 1))
    results = top_k_cosine(queries, corpus, k=k, query_chunk_size=query_chunk, corpus_chunk_size=corpus_chunk)
    expected = _reference(queries, corpus, k)
    assert [[m.corpus_index for m in row] for row in results] == expected
    sims = cosine_similarity(queries, corpus)
    for qi, row in enumerate(results):
        scores = [m.score for m in row]
        assert scores == sorted(scores, reverse=True)
        np.testing.assert_allclose(scores, sims[qi, [m.corpus_index for m in row]], rtol=1e-5)


def test_k_larger_than_corpus_returns_everything_and_empty_corpus_returns_nothing() -> None:
    corpus = np.eye(3, dtype=np.float32)
    (row,) = top_k_cosine(np.array([[1.0, 0.2, 0.0]]), corpus, k=10)
    assert [m.corpus_index for m in row] == [0, 1, 2]
    assert top_k_cosine(np.ones((2, 3)), np.zeros((0, 3)), k=3) == [[], []]
    assert top_k_cosine(np.zeros((0, 3)), corpus, k=3) == []


def test_exclude_self_drops_the_diagonal_across_chunks() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(50, 8))
    results = top_k_cosine(vectors, vectors, k=3, query_chunk_size=7, corpus_chunk_size=11, exclude_self=True)
    for i, row in enumerate(results):
        assert len(row) == 3 and i not in [m.corpus_index for m in row]
    with_self = top_k_cosine(vectors, vectors, k=1)
    assert [row[0].corpus_index for row in with_self] == list(range(50))


def test_ties_are_ordered_by_corpus_index() -> None:
    corpus = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 2.0], [1.0, 0.0]])
    (row,) = top_k_cosine(np.array([[1.0, 0.0]]), corpus, k=2, corpus_chunk_size=1)
    assert row == [Match(1, pytest.approx(1.0)), Match(3, pytest.approx(1.0))]


def test_bad_arguments_are_rejected() -> None:
    with pytest.raises(ValueError, match="dimension"):
        top_k_cosine(np.ones((1, 3)), np.ones((2, 4)))
    with pytest.raises(ValueError, match="k must"):
        top_k_cosine(np.ones((1, 3)), np.ones((2, 3)), k=0)
