"""An embedder wrapper that embeds each distinct text once per model and kind, ever."""

from __future__ import annotations

import hashlib

import numpy as np

from models.embedders.base import Embedder, EmbeddingKind, prepare_text
from models.vector_store.base import VectorStore


def text_sha256(prepared_text: str) -> str:
    return hashlib.sha256(prepared_text.encode("utf-8")).hexdigest()


class CachedEmbedder:
    """Same interface as ``inner``; vectors are looked up in ``store`` by the hash of the prepared text.

    The key is ``(inner.name@inner.version, kind, sha256(prepare_text(text)))``: a new model version or a
    fine-tuned model never reads another model's vectors, and texts that differ only by Unicode
    composition or surrounding whitespace share one entry, as they embed identically.
    """

    def __init__(self, inner: Embedder, store: VectorStore) -> None:
        self.inner = inner
        self.store = store
        self.name = inner.name
        self.dimension = inner.dimension
        self.version = inner.version
        self.model_key = f"{inner.name}@{inner.version}"
        self.hits = 0
        self.misses = 0

    def embed(self, texts: list[str], *, kind: EmbeddingKind = "passage") -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        prepared = [prepare_text(t) for t in texts]
        hashes = [text_sha256(p) for p in prepared]
        cached = self.store.get_many(self.model_key, kind, hashes)
        missing = [h for h in dict.fromkeys(hashes) if h not in cached]
        if missing:
            text_of = dict(zip(hashes, prepared, strict=True))
            fresh = self.inner.embed([text_of[h] for h in missing], kind=kind)
            self.store.put_many(self.model_key, kind, missing, fresh)
            cached.update(zip(missing, fresh, strict=True))
        self.misses += len(missing)
        self.hits += len(texts) - len(missing)
        for i, h in enumerate(hashes):
            out[i] = cached[h]
        return out
