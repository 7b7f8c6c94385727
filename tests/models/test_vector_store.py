"""SQLiteVectorStore on a real SQLite file: cache round trips, incremental collections, exact search."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from models.vector_store import SQLiteVectorStore, VectorStore, VectorStoreError


def _brute_force(vectors: dict[str, np.ndarray], query: np.ndarray, k: int) -> list[str]:
    ids = sorted(vectors)
    matrix = np.stack([vectors[i] / np.linalg.norm(vectors[i]) for i in ids])
    scores = matrix @ (query / np.linalg.norm(query))
    return [ids[j] for j in np.argsort(-scores, kind="stable")[:k]]


@pytest.fixture
def store(tmp_path: Path):
    with SQLiteVectorStore(tmp_path / "vectors.sqlite3") as opened:
        yield opened


def test_is_a_vector_store(store: SQLiteVectorStore) -> None:
    assert isinstance(store, VectorStore)


def test_cache_round_trip_is_keyed_by_model_and_kind(tmp_path: Path) -> None:
    vectors = np.random.default_rng(1).normal(size=(3, 384)).astype(np.float32)
    with SQLiteVectorStore(tmp_path / "c.sqlite3") as store:
        store.put_many("e5@1", "query", ["h1", "h2", "h3"], vectors)
        store.put_many("e5@2", "query", ["h1"], vectors[:1] * 2)
    with SQLiteVectorStore(tmp_path / "c.sqlite3") as store:  # persisted across processes/instances
        found = store.get_many("e5@1", "query", ["h3", "h1", "nope"])
        assert set(found) == {"h1", "h3"}
        np.testing.assert_array_equal(found["h3"], vectors[2])
        assert store.get_many("e5@1", "passage", ["h1"]) == {}
        np.testing.assert_array_equal(store.get_many("e5@2", "query", ["h1"])["h1"], vectors[0] * 2)
        many = [f"x{i}" for i in range(2500)]  # more than one SQL statement's worth of parameters
        store.put_many("e5@1", "passage", many, np.ones((2500, 4), dtype=np.float32))
        assert len(store.get_many("e5@1", "passage", many)) == 2500


def test_search_matches_brute_force_through_adds_replacements_and_deletes(store: SQLiteVectorStore) -> None:
    rng = np.random.default_rng(7)
    truth: dict[str, np.ndarray] = {}

    def add(ids: list[str]) -> None:
        vectors = rng.normal(size=(len(ids), 24)).astype(np.float32)
        store.add("rows", ids, vectors)
        truth.update(zip(ids, vectors, strict=True))

    add([f"r{i}" for i in range(100)])
    queries = rng.normal(size=(5, 24)).astype(np.float32)
    store.search("rows", queries, 3)  # loads the matrix, so later steps exercise the in-memory updates
    add([f"r{i}" for i in range(90, 130)])  # 10 replaced, 30 new
    for gone in ("r3", "r50", "r129", "missing"):
        truth.pop(gone, None)
    assert store.delete("rows", ["r3", "r50", "r129", "missing"]) == 3
    assert store.count("rows") == len(truth) == 127
    for query, hits in zip(queries, store.search("rows", queries, 10), strict=True):
        assert [h.id for h in hits] == _brute_force(truth, query, 10)
        assert all(-1.0 <= h.score <= 1.0 for h in hits)


def test_changes_by_another_instance_are_seen(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    with SQLiteVectorStore(path) as reader, SQLiteVectorStore(path) as writer:
        writer.add("plans", ["a", "b"], np.array([[1.0, 0.0], [0.0, 1.0]]))
        assert [h.id for h in reader.search("plans", np.array([[0.1, 1.0]]), 1)[0]] == ["b"]
        writer.delete("plans", ["b"])
        writer.add("plans", ["c"], np.array([[0.0, 1.0]]))
        assert [h.id for h in reader.search("plans", np.array([[0.1, 1.0]]), 1)[0]] == ["c"]


def test_bad_input_is_rejected_and_unknown_collections_are_empty(store: SQLiteVectorStore) -> None:
    store.add("c", ["a"], np.ones((1, 4)))
    with pytest.raises(VectorStoreError, match="dimension"):
        store.add("c", ["b"], np.ones((1, 5)))
    with pytest.raises(VectorStoreError, match="ids"):
        store.add("c", ["a", "b"], np.ones((1, 4)))
    with pytest.raises(VectorStoreError, match="duplicate"):
        store.add("c", ["x", "x"], np.ones((2, 4)))
    with pytest.raises(VectorStoreError, match="NaN"):
        store.add("c", ["n"], np.full((1, 4), np.nan))
    assert store.search("nothing", np.ones((2, 4)), 3) == [[], []]
    assert store.delete("nothing", ["a"]) == 0
    assert store.count("c") == 1
