"""The scaled-out store: PostgreSQL with the pgvector extension, shared by any number of workers.

Same contract as :class:`~models.vector_store.sqlite_store.SQLiteVectorStore`. Search is exact
(``ORDER BY embedding <=> query``, cosine distance) so both stores return the same neighbours; an
approximate HNSW index per collection is the next step once collections outgrow exact scans.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from models.vector_store.base import Neighbour, VectorStoreError, as_matrix, unique_ids

_SCHEMA = [
    "CREATE EXTENSION IF NOT EXISTS vector",
    """CREATE TABLE IF NOT EXISTS qorgau_embedding_cache (
        model TEXT NOT NULL, kind TEXT NOT NULL, text_sha256 TEXT NOT NULL, dim INTEGER NOT NULL,
        vector BYTEA NOT NULL, PRIMARY KEY (model, kind, text_sha256))""",
    """CREATE TABLE IF NOT EXISTS qorgau_vector_collections (
        name TEXT PRIMARY KEY, dim INTEGER NOT NULL, version BIGINT NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS qorgau_vectors (
        collection TEXT NOT NULL REFERENCES qorgau_vector_collections (name) ON DELETE CASCADE,
        item_id TEXT NOT NULL, embedding vector NOT NULL, PRIMARY KEY (collection, item_id))""",
]


def _literal(vector: np.ndarray) -> str:
    # repr of each float32 (as a Python float) parses back to the same float32 in pgvector.
    return "[" + ",".join(repr(float(x)) for x in vector) + "]"


def _libpq_url(url: str) -> str:
    """Accept SQLAlchemy-style URLs (``postgresql+psycopg://``) as the service settings spell them."""
    scheme, sep, rest = url.partition("://")
    return f"{scheme.split('+', 1)[0]}{sep}{rest}"


class PgVectorStore:
    """:class:`~models.vector_store.base.VectorStore` on PostgreSQL + pgvector."""

    def __init__(self, url: str) -> None:
        import psycopg

        self._lock = threading.RLock()
        self._conn = psycopg.connect(_libpq_url(url), autocommit=True)
        with self._conn.transaction():
            # Two workers starting at once would race on CREATE EXTENSION / TABLE IF NOT EXISTS.
            self._conn.execute("SELECT pg_advisory_xact_lock(2718281828)")
            for statement in _SCHEMA:
                self._conn.execute(statement)

    # ------------------------------------------------------------------ embedding cache

    def get_many(self, model: str, kind: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        unique = list(dict.fromkeys(text_hashes))
        if not unique:
            return {}
        with self._lock:
            rows = self._conn.execute(
                "SELECT text_sha256, dim, vector FROM qorgau_embedding_cache "
                "WHERE model = %s AND kind = %s AND text_sha256 = ANY(%s)", (model, kind, unique)).fetchall()
        return {h: np.frombuffer(bytes(blob), dtype="<f4", count=dim).astype(np.float32) for h, dim, blob in rows}

    def put_many(self, model: str, kind: str, text_hashes: Sequence[str], vectors: np.ndarray) -> None:
        matrix = as_matrix(vectors, rows=len(text_hashes))
        rows = [(model, kind, h, matrix.shape[1], np.ascontiguousarray(v, dtype="<f4").tobytes())
                for h, v in zip(text_hashes, matrix, strict=True)]
        with self._lock, self._conn.transaction(), self._conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO qorgau_embedding_cache (model, kind, text_sha256, dim, vector) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (model, kind, text_sha256) "
                "DO UPDATE SET dim = EXCLUDED.dim, vector = EXCLUDED.vector", rows)

    # ------------------------------------------------------------------ collections

    def add(self, collection: str, ids: Sequence[str], vectors: np.ndarray) -> None:
        ids = unique_ids(ids)
        if not ids:
            return
        with self._lock, self._conn.transaction(), self._conn.cursor() as cursor:
            self._conn.execute(
                "INSERT INTO qorgau_vector_collections (name, dim) VALUES (%s, %s) ON CONFLICT (name) DO NOTHING",
                (collection, int(np.asarray(vectors).shape[-1])))
            (dimension,) = self._conn.execute(
                "SELECT dim FROM qorgau_vector_collections WHERE name = %s FOR UPDATE", (collection,)).fetchone()
            matrix = as_matrix(vectors, rows=len(ids), dimension=int(dimension))
            cursor.executemany(
                "INSERT INTO qorgau_vectors (collection, item_id, embedding) VALUES (%s, %s, %s::vector) "
                "ON CONFLICT (collection, item_id) DO UPDATE SET embedding = EXCLUDED.embedding",
                [(collection, item, _literal(v)) for item, v in zip(ids, matrix, strict=True)])
            self._conn.execute("UPDATE qorgau_vector_collections SET version = version + 1 WHERE name = %s",
                               (collection,))

    def delete(self, collection: str, ids: Sequence[str]) -> int:
        ids = list(dict.fromkeys(str(item) for item in ids))
        if not ids:
            return 0
        with self._lock, self._conn.transaction():
            removed = self._conn.execute(
                "DELETE FROM qorgau_vectors WHERE collection = %s AND item_id = ANY(%s)", (collection, ids)).rowcount
            self._conn.execute("UPDATE qorgau_vector_collections SET version = version + 1 WHERE name = %s",
                               (collection,))
        return int(removed)

    def search(self, collection: str, query_vectors: np.ndarray, k: int) -> list[list[Neighbour]]:
        if k < 1:
            raise VectorStoreError("k must be at least 1")
        with self._lock:
            row = self._conn.execute("SELECT dim FROM qorgau_vector_collections WHERE name = %s",
                                     (collection,)).fetchone()
            queries = as_matrix(query_vectors, dimension=None if row is None else int(row[0]))
            if row is None:
                return [[] for _ in range(queries.shape[0])]
            results = []
            for query in queries:
                literal = _literal(query)
                hits = self._conn.execute(
                    "SELECT item_id, 1 - (embedding <=> %s::vector) AS score FROM qorgau_vectors "
                    "WHERE collection = %s ORDER BY embedding <=> %s::vector, item_id LIMIT %s",
                    (literal, collection, literal, k)).fetchall()
                results.append([Neighbour(item, float(score)) for item, score in hits])
        return results

    def count(self, collection: str) -> int:
        with self._lock:
            (n,) = self._conn.execute("SELECT COUNT(*) FROM qorgau_vectors WHERE collection = %s",
                                      (collection,)).fetchone()
        return int(n)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> PgVectorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
