"""Cosine top-k search over embedding matrices: pure functions, no model, no storage.

Callers embed first (``models.embedders``) and pass arrays here, like sentence-transformers'
``util.semantic_search``. Work is done in query x corpus blocks so that memory stays bounded
(``query_chunk_size * corpus_chunk_size`` floats) however large the corpus is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Match:
    """``corpus_index`` is the row of the corpus matrix; ``score`` the cosine similarity."""

    corpus_index: int
    score: float


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Return float32 rows of unit L2 norm (zero rows stay zero)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim != 2:
        raise ValueError(f"expected a 2-d matrix, got shape {matrix.shape}")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def cosine_similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The ``(len(a), len(b))`` matrix of cosine similarities."""
    a, b = normalise_rows(a), normalise_rows(b)
    _check_dimensions(a, b)
    return a @ b.T


def top_k_cosine(
    query_embeddings: np.ndarray,
    corpus_embeddings: np.ndarray,
    *,
    k: int = 5,
    query_chunk_size: int = 256,
    corpus_chunk_size: int = 50_000,
    exclude_self: bool = False,
) -> list[list[Match]]:
    """For each query row, the ``k`` corpus rows of highest cosine similarity, best first.

    Args:
        query_embeddings: ``(n_queries, d)``; need not be normalised.
        corpus_embeddings: ``(n_corpus, d)``; need not be normalised.
        k: matches per query (fewer when the corpus is smaller).
        query_chunk_size: queries scored per block.
        corpus_chunk_size: corpus rows scored per block.
        exclude_self: drop corpus row ``i`` from query ``i``'s matches (query and corpus are the same set).

    Returns:
        One list of :class:`Match` per query, sorted by score descending, ties by lower corpus index.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    if query_chunk_size < 1 or corpus_chunk_size < 1:
        raise ValueError("chunk sizes must be at least 1")
    queries = normalise_rows(query_embeddings)
    corpus = normalise_rows(corpus_embeddings)
    if len(queries) and len(corpus):
        _check_dimensions(queries, corpus)
    n_corpus = corpus.shape[0]
    k_eff = min(k + int(exclude_self), n_corpus)
    results: list[list[Match]] = []
    if k_eff == 0:
        return [[] for _ in range(queries.shape[0])]
    for q_start in range(0, queries.shape[0], query_chunk_size):
        block = queries[q_start: q_start + query_chunk_size]
        best_scores = np.full((block.shape[0], 0), -np.inf, dtype=np.float32)
        best_index = np.zeros((block.shape[0], 0), dtype=np.int64)
        for c_start in range(0, n_corpus, corpus_chunk_size):
            scores = block @ corpus[c_start: c_start + corpus_chunk_size].T
            if exclude_self:
                rows = np.arange(block.shape[0])
                self_cols = rows + q_start - c_start
                inside = (self_cols >= 0) & (self_cols < scores.shape[1])
                scores[rows[inside], self_cols[inside]] = -np.inf
            take = min(k_eff, scores.shape[1])
            part = np.argpartition(-scores, take - 1, axis=1)[:, :take]
            best_scores = np.concatenate([best_scores, np.take_along_axis(scores, part, axis=1)], axis=1)
            best_index = np.concatenate([best_index, part + c_start], axis=1)
            if best_scores.shape[1] > k_eff:
                keep = np.argpartition(-best_scores, k_eff - 1, axis=1)[:, :k_eff]
                best_scores = np.take_along_axis(best_scores, keep, axis=1)
                best_index = np.take_along_axis(best_index, keep, axis=1)
        # Sort by score desc, then index asc, so equal scores come out in a stable, reproducible order.
        order = np.lexsort((best_index, -best_scores), axis=1)
        for row_scores, row_index, row_order in zip(best_scores, best_index, order, strict=True):
            matches = [Match(int(row_index[j]), float(row_scores[j])) for j in row_order
                       if np.isfinite(row_scores[j])]
            results.append(matches[:k])
    return results


def _check_dimensions(a: np.ndarray, b: np.ndarray) -> None:
    if a.shape[1] != b.shape[1]:
        raise ValueError(f"dimension mismatch: {a.shape[1]} vs {b.shape[1]}")
