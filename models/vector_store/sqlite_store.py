"""The embedded default store: one SQLite file, vectors as float32 blobs, brute-force search in numpy.

Brute force is exact and fast enough up to a few hundred thousand 384-d vectors (one matrix product per
query batch). Each collection's matrix is loaded once and then kept in step with this instance's own
adds and deletes; a per-collection version number in the database tells when another process changed
the collection, and only then is the matrix reloaded.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from models.vector_store.base import Neighbour, VectorStoreError, as_matrix, l2_normalise, unique_ids

_SCHEMA = """
CREATE TABLE IF NOT EXISTS embedding_cache (
    model TEXT NOT NULL,
    kind TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, kind, text_sha256)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS vector_collections (
    name TEXT PRIMARY KEY,
    dim INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS vectors (
    collection TEXT NOT NULL,
    item_id TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (collection, item_id)
);
"""
_SQLITE_MAX_VARIABLES = 900  # below SQLite's historical limit of 999 bound parameters


@dataclass
class _Matrix:
    """One collection in memory: unit-norm rows, row i belongs to ids[i]."""

    dimension: int
    version: int
    ids: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    data: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))

    def __post_init__(self) -> None:
        if self.data.shape[1] != self.dimension:
            self.data = np.zeros((0, self.dimension), dtype=np.float32)

    @property
    def view(self) -> np.ndarray:
        return self.data[: len(self.ids)]

    def upsert(self, ids: Sequence[str], unit_vectors: np.ndarray) -> None:
        new_ids = [item for item in dict.fromkeys(ids) if item not in self.rows]
        needed = len(self.ids) + len(new_ids)
        if needed > self.data.shape[0]:  # grow geometrically so that many small adds stay O(n) overall
            grown = np.zeros((max(needed, 2 * self.data.shape[0], 64), self.dimension), dtype=np.float32)
            grown[: len(self.ids)] = self.view
            self.data = grown
        for item in new_ids:
            self.rows[item] = len(self.ids)
            self.ids.append(item)
        for item, vector in zip(ids, unit_vectors, strict=True):
            self.data[self.rows[item]] = vector

    def remove(self, ids: Sequence[str]) -> None:
        for item in ids:
            row = self.rows.pop(item, None)
            if row is None:
                continue
            last = len(self.ids) - 1
            if row != last:  # move the last row into the hole
                moved = self.ids[last]
                self.data[row] = self.data[last]
                self.ids[row] = moved
                self.rows[moved] = row
            self.ids.pop()


class SQLiteVectorStore:
    """:class:`~models.vector_store.base.VectorStore` over one SQLite file (``":memory:"`` for a scratch store)."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(_SCHEMA)
        self._matrices: dict[str, _Matrix] = {}

    # ------------------------------------------------------------------ embedding cache

    def get_many(self, model: str, kind: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(text_hashes))
        with self._lock:
            for start in range(0, len(unique), _SQLITE_MAX_VARIABLES):
                chunk = unique[start: start + _SQLITE_MAX_VARIABLES]
                marks = ",".join("?" * len(chunk))
                cursor = self._conn.execute(
                    f"SELECT text_sha256, dim, vector FROM embedding_cache "
                    f"WHERE model = ? AND kind = ? AND text_sha256 IN ({marks})", (model, kind, *chunk))
                for text_hash, dim, blob in cursor:
                    found[text_hash] = np.frombuffer(blob, dtype="<f4", count=dim).astype(np.float32)
        return found

    def put_many(self, model: str, kind: str, text_hashes: Sequence[str], vectors: np.ndarray) -> None:
        matrix = as_matrix(vectors, rows=len(text_hashes))
        dim = matrix.shape[1]
        rows = [(model, kind, h, dim, _blob(v)) for h, v in zip(text_hashes, matrix, strict=True)]
        with self._lock, self._transaction():
            self._conn.executemany(
                "INSERT OR REPLACE INTO embedding_cache (model, kind, text_sha256, dim, vector) "
                "VALUES (?, ?, ?, ?, ?)", rows)

    # ------------------------------------------------------------------ collections

    def add(self, collection: str, ids: Sequence[str], vectors: np.ndarray) -> None:
        ids = unique_ids(ids)
        if not ids:
            return
        with self._lock:
            dimension = self._dimension(collection)
            matrix = as_matrix(vectors, rows=len(ids), dimension=dimension)
            with self._transaction():
                if dimension is None:
                    dimension = matrix.shape[1]
                    self._conn.execute("INSERT INTO vector_collections (name, dim, version) VALUES (?, ?, 0)",
                                       (collection, dimension))
                self._conn.executemany(
                    "INSERT OR REPLACE INTO vectors (collection, item_id, vector) VALUES (?, ?, ?)",
                    [(collection, item, _blob(v)) for item, v in zip(ids, matrix, strict=True)])
                version = self._bump(collection)
            loaded = self._matrices.get(collection)
            if loaded is not None and loaded.version == version - 1:
                loaded.upsert(ids, l2_normalise(matrix))
                loaded.version = version
            else:
                self._matrices.pop(collection, None)

    def delete(self, collection: str, ids: Sequence[str]) -> int:
        ids = list(dict.fromkeys(str(item) for item in ids))
        if not ids:
            return 0
        with self._lock:
            if self._dimension(collection) is None:
                return 0
            removed = 0
            with self._transaction():
                for start in range(0, len(ids), _SQLITE_MAX_VARIABLES):
                    chunk = ids[start: start + _SQLITE_MAX_VARIABLES]
                    marks = ",".join("?" * len(chunk))
                    removed += self._conn.execute(
                        f"DELETE FROM vectors WHERE collection = ? AND item_id IN ({marks})",
                        (collection, *chunk)).rowcount
                version = self._bump(collection)
            loaded = self._matrices.get(collection)
            if loaded is not None and loaded.version == version - 1:
                loaded.remove(ids)
                loaded.version = version
            else:
                self._matrices.pop(collection, None)
            return removed

    def search(self, collection: str, query_vectors: np.ndarray, k: int) -> list[list[Neighbour]]:
        if k < 1:
            raise VectorStoreError("k must be at least 1")
        with self._lock:
            matrix = self._load(collection)
            if matrix is None:
                queries = as_matrix(query_vectors)
                return [[] for _ in range(queries.shape[0])]
            queries = l2_normalise(as_matrix(query_vectors, dimension=matrix.dimension))
            # Scored under the lock: add() writes rows of this same matrix in place.
            corpus, ids = matrix.view, matrix.ids
            results: list[list[Neighbour]] = []
            if corpus.shape[0] == 0:
                return [[] for _ in range(queries.shape[0])]
            k = min(k, corpus.shape[0])
            # Bounded blocks of queries keep the score matrix small for very large query sets.
            for start in range(0, queries.shape[0], 256):
                scores = queries[start: start + 256] @ corpus.T
                top = np.argpartition(-scores, k - 1, axis=1)[:, :k] if k < corpus.shape[0] else \
                    np.broadcast_to(np.arange(corpus.shape[0]), scores.shape)
                for row_scores, row_top in zip(scores, top, strict=True):
                    order = row_top[np.argsort(-row_scores[row_top], kind="stable")]
                    results.append([Neighbour(ids[i], float(row_scores[i])) for i in order])
        return results

    def count(self, collection: str) -> int:
        with self._lock:
            (n,) = self._conn.execute("SELECT COUNT(*) FROM vectors WHERE collection = ?",
                                      (collection,)).fetchone()
        return int(n)

    def collections(self) -> list[str]:
        with self._lock:
            return [name for (name,) in self._conn.execute("SELECT name FROM vector_collections ORDER BY name")]

    def close(self) -> None:
        with self._lock:
            self._matrices.clear()
            self._conn.close()

    def __enter__(self) -> SQLiteVectorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ internals

    def _transaction(self):
        return _Transaction(self._conn)

    def _dimension(self, collection: str) -> int | None:
        row = self._conn.execute("SELECT dim FROM vector_collections WHERE name = ?", (collection,)).fetchone()
        return None if row is None else int(row[0])

    def _bump(self, collection: str) -> int:
        self._conn.execute("UPDATE vector_collections SET version = version + 1 WHERE name = ?", (collection,))
        (version,) = self._conn.execute("SELECT version FROM vector_collections WHERE name = ?",
                                        (collection,)).fetchone()
        return int(version)

    def _load(self, collection: str) -> _Matrix | None:
        row = self._conn.execute("SELECT dim, version FROM vector_collections WHERE name = ?",
                                 (collection,)).fetchone()
        if row is None:
            self._matrices.pop(collection, None)
            return None
        dimension, version = int(row[0]), int(row[1])
        loaded = self._matrices.get(collection)
        if loaded is not None and loaded.version == version:
            return loaded
        ids: list[str] = []
        blobs: list[bytes] = []
        for item, blob in self._conn.execute(
                "SELECT item_id, vector FROM vectors WHERE collection = ? ORDER BY rowid", (collection,)):
            ids.append(item)
            blobs.append(blob)
        data = np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(ids), dimension).astype(np.float32)
        loaded = _Matrix(dimension=dimension, version=version, ids=ids,
                         rows={item: i for i, item in enumerate(ids)}, data=l2_normalise(data))
        self._matrices[collection] = loaded
        return loaded


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT/ROLLBACK (the connection runs in autocommit mode otherwise)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self._conn.execute("ROLLBACK" if exc_type is not None else "COMMIT")


def _blob(vector: np.ndarray) -> bytes:
    return np.ascontiguousarray(vector, dtype="<f4").tobytes()
