"""Where embeddings live: the cache of computed vectors and searchable collections of vectors.

Two jobs share one store because they share one storage (SQLite file by default, PostgreSQL/pgvector
when scaled out):

- an embedding cache keyed by ``(model, kind, sha256 of the prepared text)``, so a text is embedded once
  per model no matter how many plans, complaints or reports contain it;
- named collections (``plan_rows``, ``complaints`` …) of ``id -> vector`` that can be added to, deleted
  from and searched by cosine similarity without rebuilding anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np


@dataclass(frozen=True)
class Neighbour:
    id: str
    score: float


@runtime_checkable
class VectorStore(Protocol):
    def get_many(self, model: str, kind: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors for the hashes that are present (absent hashes are simply missing)."""
        ...

    def put_many(self, model: str, kind: str, text_hashes: Sequence[str], vectors: np.ndarray) -> None:
        """Cache ``vectors[i]`` under ``text_hashes[i]``; existing entries are replaced."""
        ...

    def add(self, collection: str, ids: Sequence[str], vectors: np.ndarray) -> None:
        """Insert or replace vectors by id. All vectors of a collection have one dimension."""
        ...

    def delete(self, collection: str, ids: Sequence[str]) -> int:
        """Remove ids from a collection; returns how many existed."""
        ...

    def search(self, collection: str, query_vectors: np.ndarray, k: int) -> list[list[Neighbour]]:
        """For each query row, the ``k`` most cosine-similar items, best first."""
        ...

    def count(self, collection: str) -> int:
        ...

    def close(self) -> None:
        ...


class VectorStoreError(ValueError):
    """Vectors that do not fit the collection (wrong shape, dimension, ids)."""


def unique_ids(ids: Sequence[str]) -> list[str]:
    """``ids`` as strings; one ``add()`` call may not name the same id twice."""
    ids = [str(item) for item in ids]
    if len(set(ids)) != len(ids):
        raise VectorStoreError("duplicate ids in one add() call")
    return ids


def as_matrix(vectors: np.ndarray, *, rows: int | None = None, dimension: int | None = None) -> np.ndarray:
    """Validate and return a C-contiguous float32 ``(n, d)`` matrix."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    if matrix.ndim != 2:
        raise VectorStoreError(f"expected a 2-d matrix of vectors, got shape {matrix.shape}")
    if rows is not None and matrix.shape[0] != rows:
        raise VectorStoreError(f"{rows} ids but {matrix.shape[0]} vectors")
    if dimension is not None and matrix.shape[1] != dimension:
        raise VectorStoreError(f"vectors have dimension {matrix.shape[1]}, the collection has {dimension}")
    if not np.all(np.isfinite(matrix)):
        raise VectorStoreError("vectors contain NaN or infinity")
    return np.ascontiguousarray(matrix)


def l2_normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)
