"""An on-disk cache of embeddings keyed by text, so retraining and benchmarks do not re-embed the corpus
(e5-small on 2 shared cores embeds only tens of texts per second)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from models.embedders import Embedder, EmbeddingKind


class CachedEmbedder:
    """Wraps an :class:`Embedder`; ``save()`` writes new vectors to ``path`` (an .npz)."""

    def __init__(self, embedder: Embedder, path: Path | None, *, kind: EmbeddingKind) -> None:
        self.embedder, self.path, self.kind = embedder, path, kind
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        if path is not None and path.exists():
            with np.load(path) as data:
                self._vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))

    def _key(self, text: str) -> str:
        return hashlib.sha1(f"{self.embedder.name}|{self.kind}|{text}".encode()).hexdigest()

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        missing = sorted({(k, t) for k, t in zip(keys, texts, strict=True) if k not in self._vectors})
        if missing:
            vectors = self.embedder.embed([t for _, t in missing], kind=self.kind)
            self._vectors.update(zip([k for k, _ in missing], vectors, strict=True))
            self._dirty = True
        if not texts:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        return np.vstack([self._vectors[k] for k in keys]).astype(np.float32)

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self._vectors)
        np.savez(self.path, keys=np.array(keys), vectors=np.vstack([self._vectors[k] for k in keys]))
        self._dirty = False
