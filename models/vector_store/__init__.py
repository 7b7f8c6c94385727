"""Vector storage behind one interface: SQLite (embedded default) or PostgreSQL + pgvector (scaled out)."""

from __future__ import annotations

from pathlib import Path

from models.vector_store.base import Neighbour, VectorStore, VectorStoreError
from models.vector_store.sqlite_store import SQLiteVectorStore


def open_vector_store(location: str | Path) -> VectorStore:
    """A PostgreSQL URL (``postgresql://`` or ``postgresql+psycopg://``) opens pgvector; anything else is a
    SQLite file path."""
    if isinstance(location, str) and location.startswith(("postgresql", "postgres:")):
        from models.vector_store.pgvector_store import PgVectorStore

        return PgVectorStore(location)
    return SQLiteVectorStore(location)


__all__ = ["Neighbour", "SQLiteVectorStore", "VectorStore", "VectorStoreError", "open_vector_store"]
