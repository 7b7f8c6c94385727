"""Vector storage behind one interface: SQLite (default) now, PostgreSQL/pgvector for the scaled-out mode."""

from models.vector_store.base import Neighbour, VectorStore, VectorStoreError
from models.vector_store.sqlite_store import SQLiteVectorStore

__all__ = ["Neighbour", "SQLiteVectorStore", "VectorStore", "VectorStoreError"]
